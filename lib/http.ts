// The wrapper every /api/v1 route handler uses: bearer auth, JSON body limits, query parsing,
// and one mapping of errors to the API's error shape. Handlers stay a few lines.
import type { z } from "zod";
import { actorFromBearer, assertScopeAllows } from "./auth/access-token";
import type { Actor } from "./auth/permissions";
import { AppError, fromDatabaseError } from "./errors";
import { log } from "./log";

export const MAX_BODY_BYTES = 1024 * 1024;

type Ctx<P> = { req: Request; params: P; actor: Actor };
type PublicCtx<P> = { req: Request; params: P };

export function json(data: unknown, init: number | ResponseInit = 200): Response {
  const opts = typeof init === "number" ? { status: init } : init;
  return Response.json(data, opts);
}

export function errorResponse(e: unknown, req?: Request): Response {
  const err = fromDatabaseError(e);
  if (err instanceof AppError) {
    const headers = new Headers();
    if (err.code === "RATE_LIMITED" && typeof err.details?.retryAfter === "number") headers.set("Retry-After", String(err.details.retryAfter));
    return Response.json(err.toJSON(), { status: err.status, headers });
  }
  log.error("unexpected error in API route", { err, method: req?.method, url: req?.url });
  return Response.json({ error: { code: "INTERNAL", message: "An unexpected error occurred." } }, { status: 500 });
}

/** API answers are per user and change with every movement: not cacheable unless a handler says so. */
function noStoreUnlessSet(res: Response): Response {
  if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
  return res;
}

/** An authenticated route: resolves the bearer token to an actor before calling the handler. */
export function apiRoute<P = Record<string, string>>(handler: (ctx: Ctx<P>) => Promise<Response>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await actorFromBearer(req.headers.get("authorization"));
      assertScopeAllows(actor, req.method);
      return noStoreUnlessSet(await handler({ req, params: await context.params, actor }));
    } catch (e) {
      return noStoreUnlessSet(errorResponse(e, req));
    }
  };
}

/** A route without authentication (token issue, health, OpenAPI). */
export function publicRoute<P = Record<string, string>>(handler: (ctx: PublicCtx<P>) => Promise<Response>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      return noStoreUnlessSet(await handler({ req, params: await context.params }));
    } catch (e) {
      return noStoreUnlessSet(errorResponse(e, req));
    }
  };
}

/** Reads a JSON body: 413 over 1 MiB, 400 when unparseable. Validation is the domain's job. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") || 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const buf = await req.arrayBuffer();
  if (buf.byteLength > MAX_BODY_BYTES) throw tooLarge();
  const text = new TextDecoder().decode(buf);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  if (text.includes("\\u0000")) throw nulRefused("body");
  return body;
}

// PostgreSQL text cannot hold NUL; refuse it up front instead of failing in the database.
function nulRefused(path: string) {
  return new AppError("VALIDATION_FAILED", "NUL characters are not allowed.", { issues: [{ path, message: "NUL characters are not allowed." }] });
}

function tooLarge() {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { limit: MAX_BODY_BYTES });
}

/** Query string as an object; repeated keys become arrays. Pass it to the domain's list schema. */
export function queryOf(req: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    if (v.includes("\0") || k.includes("\0")) throw nulRefused(k.replaceAll("\0", ""));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export type { z };
