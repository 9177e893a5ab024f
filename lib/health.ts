// Health of the parts the app depends on. The database is essential (down → 503);
// Redis only degrades the service (rate limits fall back to memory, jobs wait in the outbox), and so
// does a read replica that is down (its reads go to the primary meanwhile: docs/scaling.md).
import pg from "pg";
import { db, pgPool, replicaPool } from "./db";
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
  /** Only when a read replica is configured (DATABASE_READ_URL). */
  replica?: ReplicaHealth;
};

export type ReplicaHealth = {
  /** "down": no connection (the reads it would serve go to the primary). */
  status: "ok" | "down";
  /** Where the replica-eligible reads go right now: "primary" while the replica is down. */
  readsFrom: "replica" | "primary";
  /** pg_is_in_recovery() on the replica: false means DATABASE_READ_URL names a primary (a promoted replica?). */
  inRecovery: boolean | null;
  /** WAL bytes between the primary's current LSN and the replica's replay LSN (0 = caught up). */
  lagBytes: number | null;
  /** Seconds since the last transaction the replica replayed, while it is behind (0 when caught up). */
  lagSeconds: number | null;
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
  const [dbOk, redisOk, replica] = await Promise.all([dbUp(), redisPing(), replicaHealth()]);
  const [pending, queues] = await Promise.all([dbOk ? outboxPending().catch(() => 0) : 0, redisOk ? queueDepths() : {}]);
  return {
    status: dbOk && redisOk && replica?.status !== "down" ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    redis: redisOk ? "ok" : "down",
    outboxPending: pending,
    queues,
    ...(replica ? { replica } : {}),
  };
}

/** One connection of its own for the replica probe: a busy read pool must not look like a dead replica. */
let probePool: pg.Pool | undefined;

/**
 * The read replica's state; undefined without one. A replica that cannot be reached also sends the
 * reads to the primary at once (ReplicaPool.markDown), before a request finds out.
 */
export async function replicaHealth(): Promise<ReplicaHealth | undefined> {
  const pool = replicaPool;
  if (!pool) return undefined;
  probePool ??= new pg.Pool({
    connectionString: pool.options.connectionString,
    max: 1,
    connectionTimeoutMillis: 3_000,
    query_timeout: 3_000,
    application_name: `${process.env.PG_APPLICATION_NAME || "wms"}-health`,
  }).on("error", () => {}); // an idle probe connection the replica drops: the next probe reconnects
  let r: { in_recovery: boolean; replay_lsn: string | null; since_replay: number | null };
  try {
    ({ rows: [r] } = await probePool.query(
      `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replay_lsn,
              extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay`,
    ));
  } catch (e) {
    pool.markDown(e);
    return { status: "down", readsFrom: "primary", inRecovery: null, lagBytes: null, lagSeconds: null };
  }
  // The primary's position is read after the replica's, so the lag is never under-stated.
  const bytes = r.replay_lsn
    ? Number((await pgPool.query<{ bytes: number }>("SELECT greatest(pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn), 0)::float8 AS bytes", [r.replay_lsn]).catch(() => ({ rows: [{ bytes: NaN }] }))).rows[0].bytes)
    : NaN;
  const lagBytes = Number.isFinite(bytes) ? bytes : null;
  return {
    status: "ok",
    readsFrom: pool.fallingBack ? "primary" : "replica",
    inRecovery: r.in_recovery,
    lagBytes,
    lagSeconds: lagBytes === null ? null : lagBytes === 0 ? 0 : r.since_replay === null ? null : Math.max(0, Math.round(r.since_replay * 1000) / 1000),
  };
}
