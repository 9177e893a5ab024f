// One web worker of `npm start` (scripts/serve.ts forks one per WEB_CONCURRENCY): Next.js serves
// every page and route — except the movement hot path. `POST /api/v1/movements` and
// `POST /api/v1/movements/batch` are handed straight to their route handlers
// (app/api/v1/movements/**/route.ts, the very functions Next would call: same auth, validation,
// domain function and answers), skipping Next's per-request pipeline (routing, header rules, web
// stream adapters), which costs about as much CPU as the handler itself. Everything else —
// including other methods on those paths — goes to Next unchanged. `next dev` does not use this file.
//
// Every request gets a request id (its sane X-Request-Id, else a new one; echoed in the answer's
// X-Request-Id) kept in lib/request-context.ts while it runs — Next's pages and route handlers run
// inside it too — an access log line and the HTTP metrics by route template. GET /metrics answers
// the whole cluster's metrics (lib/metrics/cluster.ts) to a bearer of METRICS_TOKEN
// (docs/observability.md).
//
//   node --import tsx scripts/web-server.ts -p 3000 [-H 0.0.0.0]
import http from "node:http";
import { parseArgs } from "node:util";
import { metricsRenderer } from "../lib/metrics/cluster";
import { metricsAnswer } from "../lib/metrics/endpoint";
import { recordRequest, registry } from "../lib/metrics/registry";
import { OTHER_ROUTE, routeOf } from "../lib/metrics/routes";
import { log } from "../lib/log";
import { requestContext, requestIdFrom } from "../lib/request-context";
import next from "next";
import { badPath as badPathError, errorResponse } from "../lib/http";

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

/**
 * The part of a fetch Request the API handlers read (lib/http.ts): method, url, headers, body. The
 * body is the Node request itself, unread: readJson (lib/http.ts) reads it as a stream and stops at
 * the limit, exactly as it reads Next's request bodies — one body reader for every route.
 */
function requestOf(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const url = `http://${req.headers.host ?? "localhost"}${req.url}`;
  return { method: req.method!, url, headers, body: req } as unknown as Request;
}

async function send(res: http.ServerResponse, response: Response, reqId?: string): Promise<void> {
  // Over the body limit, the rest of the body is discarded unread (Node drains it, nothing is buffered).
  const payload = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  headers["content-length"] = String(payload.length);
  headers["x-content-type-options"] = "nosniff";
  // Here rather than res.setHeader(): writeHead() merging headers set before costs a few µs.
  if (reqId) headers["x-request-id"] = reqId;
  res.writeHead(response.status, headers);
  res.end(payload);
}

async function serveFast(path: string, req: http.IncomingMessage, res: http.ServerResponse, reqId: string): Promise<void> {
  let handler = loaded.get(path);
  if (!handler) loaded.set(path, (handler = await FAST[path]()));
  await send(res, await handler(requestOf(req), { params: Promise.resolve({}) }), reqId);
}

/**
 * A path Next cannot route: invalid percent-encoding (`/products/%FF`, which Next answers with a
 * bare 500) or a NUL character once decoded (which no page, SKU or code contains).
 */
function unroutablePath(path: string): boolean {
  if (!path.includes("%")) return false;
  try {
    return decodeURIComponent(path).includes("\0");
  } catch {
    return true;
  }
}

function badPath(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
  if (path === "/api" || path.startsWith("/api/")) {
    void send(res, errorResponse(badPathError()));
    return;
  }
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>400: Bad request</title></head><body><h1>400</h1><p>This address is not valid. <a href="/">Back to the start page</a></p></body></html>';
  res.writeHead(400, { ...headers, "content-type": "text/html; charset=utf-8", "content-length": String(Buffer.byteLength(html)) });
  res.end(req.method === "HEAD" ? undefined : html);
}

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const renderMetrics = metricsRenderer(registry);

async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const a = await metricsAnswer(req.headers.authorization, renderMetrics);
  res.writeHead(a.status, { ...a.headers, "content-length": String(Buffer.byteLength(a.body)), "x-content-type-options": "nosniff" });
  res.end(req.method === "HEAD" ? undefined : a.body);
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** When the answer is done (or the client left): the metrics and the access log line. */
function finished(req: http.IncomingMessage, res: http.ServerResponse, route: string | undefined, path: string, started: number, reqId: string): void {
  const seconds = (performance.now() - started) / 1000;
  const method = METHODS.has(req.method!) ? req.method! : "other";
  route ??= unroutablePath(path) ? OTHER_ROUTE : routeOf(path);
  const status = res.headersSent ? res.statusCode : 499; // 499: the client left before an answer
  recordRequest({ method, route, path, status, seconds, reqId });
}

function dispatch(req: http.IncomingMessage, res: http.ServerResponse, path: string, fast: boolean, reqId: string): void {
  if (!fast) res.setHeader("x-request-id", reqId);
  if (unroutablePath(path)) return badPath(req, res, path);
  if (fast) {
    serveFast(path, req, res, reqId).catch((e) => {
      log.error("fast path failed", { err: e, path });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", "x-request-id": reqId });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "An unexpected error occurred." } }));
    });
    return;
  }
  if (path === "/metrics" && (req.method === "GET" || req.method === "HEAD")) {
    void serveMetrics(req, res);
    return;
  }
  void handle(req, res);
}

const server = http.createServer((req, res) => {
  const started = performance.now();
  const path = req.url?.split("?")[0] ?? "";
  const reqId = requestIdFrom(req.headers["x-request-id"]);
  const fast = req.method === "POST" && Object.hasOwn(FAST, path);
  res.on("close", () => finished(req, res, fast ? path : undefined, path, started, reqId));
  requestContext.run({ reqId }, dispatch, req, res, path, fast, reqId);
});
server.keepAliveTimeout = Number(opt.keepAliveTimeout ?? 5_000);
server.listen(port, hostname, () => log.info("web worker ready", { url: `http://${hostname}:${port}` }));

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
