// The process's Prometheus metrics (prom-client), all prefixed `wms_` (docs/observability.md lists
// them). One registry per process on globalThis: the production server loads lib/ twice (scripts/
// through tsx and Next's bundle), and a counter must not split in two.
//
// Web and worker both register the common metrics here; the worker adds its own (workerMetrics).
// Hot paths (the movement POST) only do a counter inc and a histogram observe on children cached
// by label values — no label hashing, no allocation per request.
import client, { type Counter, type Histogram, type Registry } from "prom-client";
import { watchedPools } from "./pools";

type Common = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  movementsPosted: Counter<"type" | "channel">;
  insufficientStock: Counter<"channel">;
  lockTimeouts: Counter<"operation">;
};

export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create(): Common {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "wms_" });
  new client.Gauge({
    name: "wms_db_pool_connections",
    help: "PostgreSQL pool connections of this process by state: total (open), idle, waiting (requests queued for a connection).",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      let total = 0, idle = 0, waiting = 0;
      for (const p of watchedPools()) {
        total += p.totalCount;
        idle += p.idleCount;
        waiting += p.waitingCount;
      }
      this.set({ state: "total" }, total);
      this.set({ state: "idle" }, idle);
      this.set({ state: "in_use" }, total - idle);
      this.set({ state: "waiting" }, waiting);
    },
  });
  return {
    registry,
    httpRequests: new client.Counter({
      name: "wms_http_requests_total",
      help: "HTTP requests answered, by method, route template (app/ path, e.g. /api/v1/products/[sku]; `other` for unknown paths) and status.",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "wms_http_request_duration_seconds",
      help: "Time from the request's arrival to the end of its answer, by method, route template and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: HTTP_BUCKETS,
      registers: [registry],
    }),
    movementsPosted: new client.Counter({
      name: "wms_movements_posted_total",
      help: "Stock movements posted (not idempotent replays), by movement type and channel.",
      labelNames: ["type", "channel"] as const,
      registers: [registry],
    }),
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

/** A cache of a metric's children by a label key: `labels()` hashes its arguments on every call. */
function childCache<T>(make: (parts: string[]) => T): (...parts: string[]) => T {
  const cache = new Map<string, T>();
  return (...parts) => {
    const key = parts.join("\u0000");
    let c = cache.get(key);
    if (c === undefined) {
      // Bounded by the label values (route templates × methods × statuses); a guard all the same.
      if (cache.size > 5_000) cache.clear();
      cache.set(key, (c = make(parts)));
    }
    return c;
  };
}

const httpChildren = childCache(([method, route, status]) => ({
  count: metrics.httpRequests.labels(method, route, status),
  duration: metrics.httpDuration.labels(method, route, status),
}));

/** One answered request: the counter and the latency histogram. */
export function observeHttp(method: string, route: string, status: number, seconds: number): void {
  const c = httpChildren(method, route, String(status));
  c.count.inc();
  c.duration.observe(seconds);
}

const movementChildren = childCache(([type, channel]) => metrics.movementsPosted.labels(type, channel));
export function countMovementPosted(type: string, channel: string): void {
  movementChildren(type, channel).inc();
}

export function countInsufficientStock(channel: string): void {
  metrics.insufficientStock.inc({ channel });
}

export function countLockTimeout(operation: string): void {
  metrics.lockTimeouts.inc({ operation });
}
