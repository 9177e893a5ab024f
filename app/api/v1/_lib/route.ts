// Route-level helpers shared by the /api/v1 handlers (a private folder: Next does not route `_lib`).
// lib/http.ts does the real work; this adds what every v1 response needs on top of it.
import { errorResponse } from "@/lib/http";
import { AppError } from "@/lib/errors";

type Handler = (req: Request) => Promise<Response>;

function noStore(res: Response): Response {
  res.headers.set("Cache-Control", "no-store");
  return res;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a path does NOT support: 405 `METHOD_NOT_ALLOWED` in the API's error
 * shape with an `Allow` header, plus OPTIONS answering 204 with the same `Allow`. Next would answer
 * 405 by itself, but with an empty body, and its automatic OPTIONS would list these 405 handlers as
 * allowed. A route file exports the ones it does not implement:
 * `export const { PUT, DELETE, OPTIONS } = unsupported(["GET", "POST"]);`
 */
export function unsupported(allowed: readonly Method[]): Record<Method | "OPTIONS", Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed: Handler = async (req) =>
    noStore(
      Response.json(
        { error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not allowed here.`, details: { allowed } } },
        { status: 405, headers: { Allow: allow } },
      ),
    );
  const options: Handler = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { ...Object.fromEntries(METHODS.map((m) => [m, notAllowed])), OPTIONS: options } as Record<Method | "OPTIONS", Handler>;
}

/** 404 in the API's error shape, for paths under /api/v1 that name no resource. */
export const unknownPath: Handler = async (req) =>
  noStore(errorResponse(new AppError("NOT_FOUND", `No API endpoint at ${new URL(req.url).pathname}.`), req));
