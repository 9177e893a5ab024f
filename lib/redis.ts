// One ioredis connection per process for app use (rate limits, health). BullMQ gets its own.
import Redis from "ioredis";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

const g = globalThis as unknown as { __redis?: Redis };

export function redis(): Redis {
  if (!g.__redis) {
    g.__redis = new Redis(process.env.REDIS_URL || DEFAULT_REDIS_URL, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false, // fail fast when Redis is down instead of queueing forever
      lazyConnect: false,
    });
    g.__redis.on("error", () => {}); // reported through health checks, not as unhandled events (once, not per call)
  }
  return g.__redis;
}

export async function redisPing(timeoutMs = 1000): Promise<boolean> {
  try {
    const r = redis();
    // Down and retrying: say so at once (waiting for "ready" would pile up listeners during an outage).
    if (r.status === "reconnecting" || r.status === "end" || r.status === "close") return false;
    const ready =
      r.status === "ready"
        ? Promise.resolve()
        : new Promise<void>((resolve) => r.once("ready", () => resolve())); // first call after start-up
    const pong = await Promise.race([
      ready.then(() => r.ping()),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs)),
    ]);
    return pong === "PONG";
  } catch {
    return false;
  }
}
