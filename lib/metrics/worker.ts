// The background worker's metrics (jobs/worker.ts serves them on WORKER_METRICS_PORT, with the
// common ones of lib/metrics/registry.ts): job durations and failures per job name, the outbox
// dispatcher's liveness and throughput, and — collected at scrape time, from the worker only (the
// web tier would ask once per process) — the outbox backlog and BullMQ queue depths.
import client, { type Counter, type Gauge, type Histogram } from "prom-client";
import { pgPool } from "../db";
import { log } from "../log";
import { QUEUE_NAMES } from "../queue/config";
import { queueCounts } from "../queue/dashboard";
import { registry } from "./registry";

type WorkerMetrics = {
  jobDuration: Histogram<"job" | "outcome">;
  jobFailures: Counter<"job" | "retryable">;
  workerUp: Gauge;
  dispatcherLoop: Gauge;
  outboxDispatched: Counter<"result">;
};

export const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

let lastWarn = 0;
function warnOnce(msg: string, e: unknown) {
  if (Date.now() - lastWarn < 60_000) return;
  lastWarn = Date.now();
  log.warn(msg, { error: (e as Error).message });
}

/** Outbox rows not yet dispatched and the age of the oldest: both probe the partial index outbox_events_pending_idx. */
export async function outboxBacklog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const { rows } = await pgPool.query<{ n: number; age: number | null }>(
    `SELECT (SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL)::int AS n,
            extract(epoch FROM now() - (SELECT created_at FROM outbox_events WHERE dispatched_at IS NULL ORDER BY id LIMIT 1))::float8 AS age`,
  );
  return { pending: rows[0].n, oldestAgeSeconds: Math.max(0, rows[0].age ?? 0) };
}

function create(): WorkerMetrics {
  const registers = [registry];
  new client.Gauge({
    name: "wms_outbox_pending",
    help: "Outbox rows not yet dispatched into the queues (collected at scrape time).",
    registers,
    aggregator: "max",
    async collect() {
      try {
        const b = await outboxBacklog();
        this.set(b.pending);
        oldest.set(b.oldestAgeSeconds);
      } catch (e) {
        warnOnce("outbox metrics not collected", e);
      }
    },
  });
  const oldest = new client.Gauge({
    name: "wms_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest pending outbox row; 0 when none is pending (collected with wms_outbox_pending).",
    registers,
    aggregator: "max",
  });
  new client.Gauge({
    name: "wms_queue_jobs",
    help: "BullMQ jobs per queue and state (waiting includes prioritized; collected at scrape time).",
    labelNames: ["queue", "state"] as const,
    registers,
    aggregator: "max",
    async collect() {
      try {
        const counts = await Promise.all(QUEUE_NAMES.map(async (q) => [q, await queueCounts(q)] as const));
        for (const [queue, c] of counts) for (const [state, n] of Object.entries(c)) this.set({ queue, state }, n);
      } catch (e) {
        warnOnce("queue metrics not collected (Redis?)", e);
      }
    },
  });
  return {
    jobDuration: new client.Histogram({
      name: "wms_job_duration_seconds",
      help: "Run time of a job attempt, by job name and outcome (completed, failed).",
      labelNames: ["job", "outcome"] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
    jobFailures: new client.Counter({
      name: "wms_job_failures_total",
      help: "Failed job attempts by job name; retryable=false ones are not tried again.",
      labelNames: ["job", "retryable"] as const,
      registers,
    }),
    workerUp: new client.Gauge({ name: "wms_worker_up", help: "1 while the worker process runs (0 while it stops).", registers }),
    dispatcherLoop: new client.Gauge({
      name: "wms_dispatcher_last_loop_timestamp_seconds",
      help: "When the outbox dispatcher last finished a poll (Unix time); it stops moving when the loop hangs.",
      registers,
      aggregator: "max",
    }),
    outboxDispatched: new client.Counter({
      name: "wms_outbox_dispatched_total",
      help: "Outbox rows the dispatcher moved into the queues (result=ok) or rejected for a payload that does not fit (result=rejected).",
      labelNames: ["result"] as const,
      registers,
    }),
  };
}

const g = globalThis as unknown as { __wmsWorkerMetrics?: WorkerMetrics };
export const workerMetrics: WorkerMetrics = (g.__wmsWorkerMetrics ??= create());

let lastLoopAt = Date.now();
/** The dispatcher finished a poll (successful or not): liveness for /healthz and the gauge. */
export function dispatcherTick(dispatched = 0, rejected = 0): void {
  lastLoopAt = Date.now();
  workerMetrics.dispatcherLoop.set(lastLoopAt / 1000);
  if (dispatched) workerMetrics.outboxDispatched.inc({ result: "ok" }, dispatched);
  if (rejected) workerMetrics.outboxDispatched.inc({ result: "rejected" }, rejected);
}

export function msSinceDispatcherLoop(): number {
  return Date.now() - lastLoopAt;
}
