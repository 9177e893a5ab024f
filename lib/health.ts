// Health of the parts the app depends on. The database is essential (down → 503);
// Redis only degrades the service (rate limits fall back to memory, jobs wait in the outbox).
import { db } from "./db";
import { QUEUE_NAMES } from "./queue/config";
import { queueCounts } from "./queue/dashboard";
import { outboxPending } from "./queue/outbox";
import { redisPing } from "./redis";

export type Health = {
  status: "ok" | "degraded";
  db: "ok" | "down";
  redis: "ok" | "down";
  outboxPending: number;
  queues: Record<string, { waiting: number; active: number; failed: number }>;
};

async function dbUp(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/**
 * Per queue: waiting (incl. prioritized), active, failed; {} when Redis is down. Delayed jobs are not
 * counted as waiting: they include each schedule's next run, which is not a backlog.
 */
async function queueDepths(): Promise<Health["queues"]> {
  try {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const c = await queueCounts(name);
        return [name, { waiting: c.waiting, active: c.active, failed: c.failed }] as const;
      }),
    );
    return Object.fromEntries(entries);
  } catch {
    return {};
  }
}

export async function checkHealth(): Promise<Health> {
  const [dbOk, redisOk] = await Promise.all([dbUp(), redisPing()]);
  const [pending, queues] = await Promise.all([dbOk ? outboxPending().catch(() => 0) : 0, redisOk ? queueDepths() : {}]);
  return {
    status: dbOk && redisOk ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    redis: redisOk ? "ok" : "down",
    outboxPending: pending,
    queues,
  };
}
