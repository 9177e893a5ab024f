// The process's Prometheus metrics (prom-client), all prefixed `wms_` (docs/observability.md lists
// them). One registry per process on globalThis: the production server loads lib/ twice (scripts/
// through tsx and Next's bundle), and a counter must not split in two.
//
// Web and worker both register the common metrics here; the worker adds its own (workerMetrics).
// The hot path's metrics (HTTP requests, movements posted) are lib/metrics/fast.ts's: a Map lookup
// by a joined key per inc/observe, no label hashing.
import client, { type Counter, type Registry } from "prom-client";
import { log } from "../log";
import { FastCounter, FastHistogram } from "./fast";
import { watchedPools } from "./pools";

type Common = {
  registry: Registry;
  httpRequests: FastCounter;
  httpDuration: FastHistogram;
  movementsPosted: FastCounter;
  insufficientStock: Counter<"channel">;
  lockTimeouts: Counter<"operation">;
};

export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create(): Common {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "wms_" });
  new client.Gauge({
    name: "wms_db_pool_connections",
    help: "PostgreSQL pool connections of this process by pool (primary, replica: DATABASE_READ_URL) and state: total (open), idle, in_use, waiting (requests queued for a connection).",
    labelNames: ["pool", "state"] as const,
    registers: [registry],
    collect() {
      const by = new Map<string, { total: number; idle: number; waiting: number }>([["primary", { total: 0, idle: 0, waiting: 0 }]]);
      for (const [p, name] of watchedPools()) {
        const c = by.get(name) ?? { total: 0, idle: 0, waiting: 0 };
        c.total += p.totalCount;
        c.idle += p.idleCount;
        c.waiting += p.waitingCount;
        by.set(name, c);
      }
      for (const [pool, c] of by) {
        this.set({ pool, state: "total" }, c.total);
        this.set({ pool, state: "idle" }, c.idle);
        this.set({ pool, state: "in_use" }, c.total - c.idle);
        this.set({ pool, state: "waiting" }, c.waiting);
      }
    },
  });
  return {
    registry,
    httpRequests: new FastCounter(
      "wms_http_requests_total",
      "HTTP requests answered, by method, route template (app/ path, e.g. /api/v1/products/[sku]; `other` for unknown paths) and status.",
      ["method", "route", "status"],
      registry,
    ),
    httpDuration: new FastHistogram(
      "wms_http_request_duration_seconds",
      "Time from the request's arrival to the end of its answer, by method, route template and status.",
      ["method", "route", "status"],
      HTTP_BUCKETS,
      registry,
    ),
    movementsPosted: new FastCounter("wms_movements_posted_total", "Stock movements posted (not idempotent replays), by movement type and channel.", ["type", "channel"], registry),
    insufficientStock: new client.Counter({
      name: "wms_insufficient_stock_total",
      help: "Movements refused with INSUFFICIENT_STOCK, by channel.",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    lockTimeouts: new client.Counter({
      name: "wms_lock_timeouts_total",
      help: "Lock waits that timed out (SQLSTATE 55P03) and were answered UNAVAILABLE, by operation.",
      labelNames: ["operation"] as const,
      registers: [registry],
    }),
  };
}

const g = globalThis as unknown as { __wmsMetrics?: Common };
export const metrics: Common = (g.__wmsMetrics ??= create());
export const registry = metrics.registry;

/** One answered request: the counter and the latency histogram. */
export function observeHttp(method: string, route: string, status: number, seconds: number): void {
  const labels = [method, route, String(status)];
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, seconds);
}

/** One answered request, recorded once: its HTTP metrics and its access line at info. */
export function recordRequest(r: { method: string; route: string; path: string; status: number; seconds: number; reqId?: string }): void {
  observeHttp(r.method, r.route, r.status, r.seconds);
  const path = r.path.length > 200 ? r.path.slice(0, 200) + "…" : r.path;
  log.info("request", { ...(r.reqId ? { reqId: r.reqId } : {}), method: r.method, route: r.route, path, status: r.status, ms: Math.round(r.seconds * 10_000) / 10 });
}

export function countMovementPosted(type: string, channel: string): void {
  metrics.movementsPosted.inc([type, channel]);
}

export function countInsufficientStock(channel: string): void {
  metrics.insufficientStock.inc({ channel });
}

export function countLockTimeout(operation: string): void {
  metrics.lockTimeouts.inc({ operation });
}
