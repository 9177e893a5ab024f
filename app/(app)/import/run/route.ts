// POST /import/run (multipart: kind, file) — the /import page's upload. Runs runImport and
// streams its progress as NDJSON lines ({type:"progress"} … then {type:"result"} or {type:"error"}),
// so a file of thousands of rows shows how far it got. Session-authenticated, same origin only.
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { AppError, fromDatabaseError } from "@/lib/errors";
import { knownMessageKey } from "@/lib/i18n/known-messages";
import { MAX_IMPORT_BYTES } from "@/lib/imports/csv";
import { runImport } from "@/lib/imports/run-import";
import type { ImportProgress } from "@/lib/imports/types";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";
export const maxDuration = 600;

const json = (status: number, body: unknown) => Response.json(body, { status });

export async function POST(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return json(401, new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.").toJSON());
  if (!can(user.role, "import.run")) return json(403, new AppError("FORBIDDEN", "You do not have permission to do this.").toJSON());
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) {
    return json(403, new AppError("FORBIDDEN", "Cross-site request refused.").toJSON());
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return json(413, new AppError("PAYLOAD_TOO_LARGE", "The file is too large.", { key: "fileTooLarge" }).toJSON());

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json(400, new AppError("BAD_REQUEST", "Send the file as multipart/form-data.").toJSON());
  }
  const file = form.get("file");
  const kind = form.get("kind");
  if (!(file instanceof File) || file.size === 0) return json(422, new AppError("VALIDATION_FAILED", "Choose a CSV file.", { key: "chooseFile" }).toJSON());
  const content = Buffer.from(await file.arrayBuffer());
  const tv = await getTranslations("validation");
  const tr = (m: string) => {
    const key = knownMessageKey(m);
    return key && tv.has(key) ? tv(key) : m;
  };

  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      let last = 0;
      const onProgress = (p: ImportProgress) => {
        const now = Date.now();
        if (now - last < 200 && p.done !== 0 && p.done !== p.total) return;
        last = now;
        send({ type: "progress", ...p });
      };
      try {
        const result = await runImport({ id: user.id, role: user.role, channel: "import" }, { kind, fileName: file.name || "upload.csv", content }, onProgress);
        if (result.status === "invalid") result.errors = result.errors.map((e) => ({ ...e, message: tr(e.message) }));
        send({ type: "result", result });
      } catch (e) {
        const err = fromDatabaseError(e);
        if (err instanceof AppError) send({ type: "error", error: { code: err.code, message: tr(err.message), details: err.details ?? null } });
        else {
          log.error("import failed", { err: e });
          send({ type: "error", error: { code: "INTERNAL", message: "Something went wrong. Please try again.", details: null } });
        }
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}
