// The background worker (`npm run worker`): one BullMQ Worker per queue (lib/queue/config.ts), the
// outbox dispatcher, and the schedules. Run as many as you like beside the web app; they share the
// work through PostgreSQL (outbox) and Redis (queues).
//
// SIGTERM / SIGINT: stop taking outbox rows and jobs, let running jobs finish, then close Redis and
// PostgreSQL. A job still running when WORKER_SHUTDOWN_TIMEOUT_MS passes is abandoned: its lock
// expires and another worker runs it again (processors are idempotent).
//
// Metrics and liveness: GET /metrics and /healthz on WORKER_METRICS_PORT (jobs/metrics-server.ts,
// docs/observability.md).
import "./pool-size"; // first: sizes the database pool before lib/db creates it
import { Worker } from "bullmq";
import { db } from "../lib/db";
import { log } from "../lib/log";
import { dispatcherTick, workerMetrics } from "../lib/metrics/worker";
import { splitJobData } from "../lib/queue/job-meta";
import { closeMail } from "../lib/mail/deliver-email";
import { jobsSettings, QUEUE_NAMES, QUEUES } from "../lib/queue/config";
import { closeQueues, redisOptions } from "../lib/queue/queues";
import { startOutboxDispatcher } from "./dispatcher";
import { startMetricsServer } from "./metrics-server";
import { createJobRunner } from "./run-job";
import { upsertSchedules } from "./schedules";

const settings = jobsSettings();
const runJob = createJobRunner(settings);
const SCHEDULE_REFRESH_MS = 5 * 60_000;
let stopping = false;

// Prisma compiles its query engine (WebAssembly) on first use, blocking the event loop for a moment
// — long enough, on a busy machine, for a job's lock to expire and another worker to run it again.
// Do it before taking any job.
try {
  await db.$queryRaw`SELECT 1`;
} catch (e) {
  log.warn("database not reachable at start; jobs will retry", { error: (e as Error).message });
}

const workers = QUEUE_NAMES.map((name) => {
  const w = new Worker(name, runJob, {
    connection: redisOptions(),
    prefix: settings.prefix,
    concurrency: QUEUES[name].concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.lockDurationMs,
    // A job whose worker died is picked up again; one that stalls repeatedly is failed for a human.
    maxStalledCount: 2,
  });
  // While Redis is down the connection retries every few seconds; say so once a minute, not each time.
  let lastError = 0;
  w.on("error", (err) => {
    if (Date.now() - lastError < 60_000) return;
    lastError = Date.now();
    log.warn("queue connection error", { queue: name, error: err.message });
  });
  w.on("failed", (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === "UnrecoverableError";
    if (final) log.error("job failed for good", { queue: name, jobId: job.id, job: job.name, attempts: job.attemptsMade, error: err.message, requestIds: splitJobData(job.data).requestIds });
  });
  w.on("stalled", (jobId) => log.warn("job stalled; it runs again", { queue: name, jobId }));
  return w;
});

dispatcherTick();
const dispatcher = startOutboxDispatcher(settings);
workerMetrics.workerUp.set(1);
// The loop polls every OUTBOX_POLL_MS and gives up on Redis after 10 s, PostgreSQL after 60 s:
// silent for 2 minutes (at least 20 polls) means it hangs.
const metricsServer = startMetricsServer({ stallMs: Math.max(120_000, settings.outboxPollMs * 20) });

let schedulesUp = false;
let scheduleTimer: NodeJS.Timeout | undefined;
async function refreshSchedules() {
  try {
    // A queue that never reached Redis waits for it; do not let that stall the retries.
    await Promise.race([upsertSchedules(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 10_000).unref())]);
    if (!schedulesUp) log.info("schedules registered");
    schedulesUp = true;
  } catch (e) {
    log.warn("schedules not registered yet (Redis?)", { error: (e as Error).message });
  }
  if (!stopping) scheduleTimer = setTimeout(refreshSchedules, schedulesUp ? SCHEDULE_REFRESH_MS : settings.outboxPollMs * 5);
}
void refreshSchedules();

log.info("worker ready", { pid: process.pid, prefix: settings.prefix, queues: QUEUE_NAMES, lockDurationMs: settings.lockDurationMs, dbPool: Number(process.env.DATABASE_POOL_SIZE) });

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("worker stopping", { signal });
  workerMetrics.workerUp.set(0);
  const timer = setTimeout(() => {
    log.error("worker shutdown timed out; exiting with jobs unfinished", { timeoutMs: settings.shutdownTimeoutMs });
    process.exit(1);
  }, settings.shutdownTimeoutMs);
  clearTimeout(scheduleTimer);
  await dispatcher.stop();
  await Promise.allSettled(workers.map((w) => w.close()));
  await closeQueues();
  closeMail();
  metricsServer?.close();
  await db.$disconnect();
  clearTimeout(timer);
  log.info("worker stopped", { signal });
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("unhandledRejection", (reason) => log.error("unhandled rejection in worker", { reason }));
process.on("uncaughtException", (err) => {
  log.error("uncaught exception in worker; exiting", { err });
  process.exit(1);
});
