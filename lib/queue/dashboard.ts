// The queue dashboard's domain (admins, `queue.manage`): counts per queue, schedules, the outbox
// backlog, failed jobs with their error, and retry / remove / run-now. Every change is audited.
import type { Job } from "bullmq";
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { redisPing } from "../redis";
import { parse } from "../validation";
import { JOBS, manualJob, QUEUE_NAMES, QUEUES, type JobName, type QueueName } from "./config";
import { outboxPending, outboxRejected } from "./outbox";
import { addJobs, getQueue } from "./queues";

const TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>, ms = TIMEOUT_MS): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new AppError("UNAVAILABLE", "Redis did not answer in time.")), ms).unref())]);
}

async function requireRedis(): Promise<void> {
  if (!(await redisPing())) throw new AppError("UNAVAILABLE", "Redis is unreachable; jobs wait in the outbox until it returns.");
}

export type QueueCounts = { waiting: number; active: number; delayed: number; failed: number; completed: number };
export type QueueOverview = {
  name: QueueName;
  description: string;
  concurrency: number;
  attempts: number;
  counts: QueueCounts;
  schedules: { id: string; job: string; pattern: string | null; next: string | null }[];
};
export type Dashboard = {
  redis: "ok" | "down";
  outbox: { pending: number; rejected: number; latestRejected: { id: string; eventType: string; error: string; createdAt: string }[] };
  queues: QueueOverview[];
};

/** Counts for one queue; `waiting` includes prioritized jobs. */
export async function queueCounts(name: QueueName): Promise<QueueCounts> {
  const c = await withTimeout(getQueue(name).getJobCounts("wait", "prioritized", "active", "delayed", "failed", "completed"));
  return { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
}

export async function queueDashboard(actor: Actor): Promise<Dashboard> {
  assertCan(actor, "queue.manage");
  const [pending, rejected, redisUp] = await Promise.all([outboxPending(), outboxRejected(), redisPing()]);
  const outbox = { pending, rejected: rejected.count, latestRejected: rejected.latest };
  const base = (name: QueueName) => ({
    name,
    description: QUEUES[name].description,
    concurrency: QUEUES[name].concurrency,
    attempts: QUEUES[name].defaultJobOptions.attempts ?? 1,
  });
  if (!redisUp) {
    return { redis: "down", outbox, queues: QUEUE_NAMES.map((n) => ({ ...base(n), counts: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 }, schedules: [] })) };
  }
  const queues = await Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const [counts, schedulers] = await Promise.all([queueCounts(name), withTimeout(getQueue(name).getJobSchedulers())]);
      return {
        ...base(name),
        counts,
        schedules: schedulers
          .map((s) => ({ id: s.key, job: s.name, pattern: s.pattern ?? null, next: s.next ? new Date(s.next).toISOString() : null }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      };
    }),
  );
  return { redis: "ok", outbox, queues };
}

export type FailedJob = {
  queue: QueueName;
  id: string;
  name: string;
  data: unknown;
  error: string;
  stack: string | null;
  attemptsMade: number;
  attempts: number;
  failedAt: string | null;
  createdAt: string;
};

const failedQuerySchema = z.object({
  queue: z.enum(QUEUE_NAMES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function toFailed(queue: QueueName, j: Job): FailedJob {
  return {
    queue,
    id: j.id ?? "",
    name: j.name,
    data: j.data,
    error: j.failedReason ?? "",
    stack: j.stacktrace?.length ? j.stacktrace[j.stacktrace.length - 1].split("\n").slice(0, 8).join("\n") : null,
    attemptsMade: j.attemptsMade,
    attempts: j.opts.attempts ?? 1,
    failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
    createdAt: new Date(j.timestamp).toISOString(),
  };
}

/** Failed jobs, newest first, of one queue or all. */
export async function listFailedJobs(actor: Actor, query: unknown = {}): Promise<FailedJob[]> {
  assertCan(actor, "queue.manage");
  const q = parse(failedQuerySchema, query);
  await requireRedis();
  const names = q.queue ? [q.queue] : [...QUEUE_NAMES];
  const lists = await Promise.all(names.map(async (name) => (await withTimeout(getQueue(name).getFailed(0, q.limit - 1))).map((j) => toFailed(name, j))));
  return lists
    .flat()
    .sort((a, b) => (b.failedAt ?? "").localeCompare(a.failedAt ?? ""))
    .slice(0, q.limit);
}

export const jobRefSchema = z.object({ queue: z.enum(QUEUE_NAMES), jobId: z.string().trim().min(1).max(300) });

async function findJob(ref: z.output<typeof jobRefSchema>): Promise<{ job: Job; state: string }> {
  await requireRedis();
  const job = await withTimeout(getQueue(ref.queue).getJob(ref.jobId));
  if (!job) throw new AppError("NOT_FOUND", `Job ${ref.jobId} not found in ${ref.queue}.`);
  return { job, state: await withTimeout(job.getState()) };
}

/** Puts a failed job back in the queue with a fresh set of attempts. */
export async function retryFailedJob(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, "queue.manage");
  const ref = parse(jobRefSchema, input);
  const { job, state } = await findJob(ref);
  if (state !== "failed") throw new AppError("INVALID_TRANSITION", `Only failed jobs can be retried; this one is ${state}.`, { state });
  await withTimeout(job.retry("failed"));
  await writeAudit(db, actor, { action: "job.retry", entity: "job", entityId: `${ref.queue}/${ref.jobId}`, before: { state, error: job.failedReason }, after: { state: "waiting" } });
}

/** Deletes a job that is not running (a failed one an admin has dealt with, or a waiting one). */
export async function removeJob(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, "queue.manage");
  const ref = parse(jobRefSchema, input);
  const { job, state } = await findJob(ref);
  if (state === "active") throw new AppError("INVALID_TRANSITION", "A running job cannot be removed.", { state });
  await withTimeout(job.remove());
  await writeAudit(db, actor, { action: "job.remove", entity: "job", entityId: `${ref.queue}/${ref.jobId}`, before: { state, name: job.name, data: job.data, error: job.failedReason ?? null } });
}

/** Jobs an admin may start by hand (the scheduled ones, and a summary refresh). */
export const RUNNABLE_JOBS = ["alerts.sweep", "maintenance.reconcile", "maintenance.cleanup", "maintenance.backup", "stock.refresh-summary", "webhooks.resume"] as const satisfies readonly JobName[];
export type RunnableJob = (typeof RUNNABLE_JOBS)[number];

/** Queues a runnable job now; returns its id. */
export async function runJobNow(actor: Actor, name: unknown): Promise<{ jobId: string }> {
  const job = parse(z.enum(RUNNABLE_JOBS), name);
  // Refreshing the summary is part of reconciliation (admin reconcile page); the rest is queue work.
  assertCan(actor, job === "stock.refresh-summary" ? "reconcile.run" : "queue.manage");
  await requireRedis();
  const key = `manual-${Date.now()}`;
  const planned = job === "stock.refresh-summary" ? manualJob(job, { reason: "manual" }, key) : manualJob(job, {} as never, key);
  await withTimeout(addJobs([planned]));
  await writeAudit(db, actor, { action: "job.run", entity: "job", entityId: `${JOBS[job].queue}/${planned.opts.jobId}`, after: { name: job } });
  return { jobId: planned.opts.jobId };
}

/** The REFRESH of inventory_summary on demand (the admin reconcile page's button). */
export function requestInventorySummaryRefresh(actor: Actor): Promise<{ jobId: string }> {
  return runJobNow(actor, "stock.refresh-summary");
}
