// The worker's HTTP side: GET /metrics (the worker's registry, bearer METRICS_TOKEN as on the web,
// lib/metrics/endpoint.ts) and GET /healthz (liveness for the docker-compose healthcheck: 200 while
// the outbox dispatcher loop keeps turning, 503 once it has not for WORKER_STALL_MS). Listens on
// WORKER_METRICS_PORT (default 9464; 0 = off) on WORKER_METRICS_HOST (default 0.0.0.0: Prometheus
// scrapes it from another container). A port already taken (two workers on one host) only costs
// this process its metrics, with a warning. See docs/observability.md.
import http from "node:http";
import { log } from "../lib/log";
import { metricsAnswer } from "../lib/metrics/endpoint";
import { registry } from "../lib/metrics/registry";
import { msSinceDispatcherLoop } from "../lib/metrics/worker";

export const DEFAULT_WORKER_METRICS_PORT = 9464;

export function startMetricsServer(opts: { stallMs: number }): http.Server | undefined {
  const raw = process.env.WORKER_METRICS_PORT;
  const port = raw === undefined || raw === "" ? DEFAULT_WORKER_METRICS_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`WORKER_METRICS_PORT must be a port number, 0 for none (got "${raw}")`);
  if (port === 0) return undefined;
  const host = process.env.WORKER_METRICS_HOST || "0.0.0.0";
  const render = async () => ({ contentType: registry.contentType, text: await registry.metrics() });
  const server = http.createServer((req, res) => {
    const path = req.url?.split("?")[0];
    const answer = (status: number, headers: Record<string, string>, body: string) => {
      res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return answer(405, { allow: "GET, HEAD", "content-type": "application/json" }, JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: "Only GET." } }));
    if (path === "/healthz") {
      const since = msSinceDispatcherLoop();
      const ok = since < opts.stallMs;
      return answer(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }, JSON.stringify({ status: ok ? "ok" : "stalled", dispatcherLoopMsAgo: since }));
    }
    if (path === "/metrics") {
      void metricsAnswer(req.headers.authorization, render).then((a) => answer(a.status, a.headers, a.body));
      return;
    }
    answer(404, { "content-type": "application/json" }, JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found." } }));
  });
  server.on("error", (e) => log.warn("worker metrics server not started", { port, host, error: e.message }));
  server.listen(port, host, () => log.info("worker metrics listening", { port, host, metrics: !!process.env.METRICS_TOKEN }));
  server.unref();
  return server;
}
