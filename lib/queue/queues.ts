// BullMQ queue handles for producers (the outbox dispatcher, the dashboard, the health check): one
// per queue and process, created on first use. BullMQ owns their Redis connections (we pass
// options, not a client), so `closeQueues()` releases everything.
import { Queue, type ConnectionOptions } from "bullmq";
import { DEFAULT_REDIS_URL } from "../redis";
import { jobsSettings, QUEUE_NAMES, QUEUES, type PlannedJob, type QueueName } from "./config";

/** ioredis options from REDIS_URL (redis://[user:pass@]host:port[/db], rediss:// for TLS). */
export function redisOptions(url = process.env.REDIS_URL || DEFAULT_REDIS_URL) {
  const u = new URL(url);
  return {
    host: u.hostname || "127.0.0.1",
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    // Reconnect within seconds of Redis coming back (BullMQ's default backs off to 20 s).
    retryStrategy: (times: number) => Math.min(250 * times, 3_000),
  };
}

/**
 * Producers fail fast while Redis is down (no offline queue, one retry, a command timeout): the
 * outbox keeps the work, and pages and health checks must not hang.
 */
function producerConnection(): ConnectionOptions {
  return { ...redisOptions(), enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 5_000, connectTimeout: 5_000 };
}

const g = globalThis as unknown as { __queues?: Map<QueueName, Queue> };

export function getQueue(name: QueueName): Queue {
  g.__queues ??= new Map();
  let q = g.__queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: producerConnection(), prefix: jobsSettings().prefix, defaultJobOptions: QUEUES[name].defaultJobOptions });
    q.on("error", () => {}); // Redis outages surface through the calls that fail and the health check.
    g.__queues.set(name, q);
  }
  return q;
}

export function allQueues(): Queue[] {
  return QUEUE_NAMES.map(getQueue);
}

/** Adds planned jobs, grouped per queue, in the order given. Rejects when Redis is unreachable. */
export async function addJobs(jobs: PlannedJob[]): Promise<void> {
  const byQueue = new Map<QueueName, PlannedJob[]>();
  for (const j of jobs) byQueue.set(j.queue, [...(byQueue.get(j.queue) ?? []), j]);
  for (const [queue, list] of byQueue) {
    await getQueue(queue).addBulk(list.map((j) => ({ name: j.name, data: j.data, opts: j.opts })));
  }
}

export async function closeQueues(): Promise<void> {
  const qs = [...(g.__queues?.values() ?? [])];
  g.__queues?.clear();
  await Promise.allSettled(qs.map((q) => q.close()));
}
