// One web worker of `npm start` (scripts/serve.ts forks one per WEB_CONCURRENCY): Next.js serves
// every page and route — except the movement hot path. `POST /api/v1/movements` and
// `POST /api/v1/movements/batch` are handed straight to their route handlers
// (app/api/v1/movements/**/route.ts, the very functions Next would call: same auth, validation,
// domain function and answers), skipping Next's per-request pipeline (routing, header rules, web
// stream adapters), which costs about as much CPU as the handler itself. Everything else —
// including other methods on those paths — goes to Next unchanged. `next dev` does not use this file.
//
//   node --import tsx scripts/web-server.ts -p 3000 [-H 0.0.0.0]
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { AppError } from "../lib/errors";
import { errorResponse, MAX_BODY_BYTES } from "../lib/http";

const { values: opt } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" }, keepAliveTimeout: { type: "string" } },
});
const port = Number(opt.port ?? process.env.PORT ?? 3000);
const hostname = (opt.hostname as string | undefined) ?? process.env.HOSTNAME ?? "0.0.0.0";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const FAST: Record<string, () => Promise<Handler>> = {
  "/api/v1/movements": async () => (await import("../app/api/v1/movements/route")).POST,
  "/api/v1/movements/batch": async () => (await import("../app/api/v1/movements/batch/route")).POST,
};
const loaded = new Map<string, Handler>();

/** The part of a fetch Request the API handlers read (lib/http.ts): method, url, headers, body. */
function requestOf(req: http.IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const url = `http://${req.headers.host ?? "localhost"}${req.url}`;
  return { method: req.method!, url, headers, arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) } as unknown as Request;
}

/** The body, or null once it passes MAX_BODY_BYTES (stops reading: a huge body is never buffered). */
async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] || 0) > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function serveFast(path: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let handler = loaded.get(path);
  if (!handler) loaded.set(path, (handler = await FAST[path]()));
  const body = await readBody(req);
  const response = body
    ? await handler(requestOf(req, body), { params: Promise.resolve({}) })
    : errorResponse(new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { limit: MAX_BODY_BYTES }));
  // Over the limit, the rest of the body is discarded unread (Node drains it, nothing is buffered).
  const payload = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  headers["content-length"] = String(payload.length);
  headers["x-content-type-options"] = "nosniff";
  res.writeHead(response.status, headers);
  res.end(payload);
}

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const path = req.url?.split("?")[0] ?? "";
  if (req.method === "POST" && Object.hasOwn(FAST, path)) {
    serveFast(path, req, res).catch((e) => {
      console.error("fast path failed", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "An unexpected error occurred." } }));
    });
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = Number(opt.keepAliveTimeout ?? 5_000);
server.listen(port, hostname, () => console.log(`web worker ${process.pid} ready on http://${hostname}:${port}`));

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
