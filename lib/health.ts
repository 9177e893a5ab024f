// Health of the parts the app depends on. The database is essential (down → 503);
// Redis only degrades the service (rate limits fall back to memory, jobs wait in the outbox).
import { db } from "./db";
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

export async function checkHealth(): Promise<Health> {
  const [dbOk, redisOk] = await Promise.all([dbUp(), redisPing()]);
  return {
    status: dbOk && redisOk ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    redis: redisOk ? "ok" : "down",
    outboxPending: 0, // the outbox arrives with the movements engine
    queues: {}, // BullMQ queues arrive with the background jobs
  };
}
