// The one Prisma client of the process (a singleton survives Next's dev hot reloads), over the one
// pg pool of the process. The pool is exported for the hot paths where Prisma's per-query
// overhead is the bottleneck (`poolSql`: movements, numbering, bearer auth, each a prepared
// statement); everything else goes through `db`. db.$disconnect() ends the pool too.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { log } from "./log";
import { watchPool } from "./metrics/pools";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/wms";

function createPool() {
  return new pg.Pool({
    connectionString: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE || 10),
    // Waiting longer than this for a free connection (or to open one) fails the request instead of
    // queueing it forever.
    connectionTimeoutMillis: 15_000,
    // Who is who in pg_stat_activity (and in the benchmark's CPU split): wms-web, wms-worker, wms.
    application_name: process.env.PG_APPLICATION_NAME || "wms",
  });
}

function createClient(pool: pg.Pool) {
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

const globalForDb = globalThis as unknown as { __pgPool?: pg.Pool; __prisma?: ReturnType<typeof createClient> };
export const pgPool = globalForDb.__pgPool ?? createPool();
watchPool(pgPool); // the wms_db_pool_connections gauge (docs/observability.md)
export const db = globalForDb.__prisma ?? createClient(pgPool);
if (process.env.NODE_ENV !== "production") {
  globalForDb.__pgPool = pgPool;
  globalForDb.__prisma = db;
}

/**
 * A query runner for hot paths: over a pg connection each `name` is a statement prepared once per
 * connection (so `name` must always go with the same text); over a Prisma transaction it is a raw
 * query in that transaction. Rows come back as the pg driver types them (int4 → number,
 * timestamptz → Date, uuid/text → string); select dates as text to stay time-zone proof.
 */
export type Sql = <T>(name: string, text: string, values: unknown[]) => Promise<T[]>;

export function sqlOf(conn: pg.Pool | Tx): Sql {
  if ("$queryRawUnsafe" in conn) return <T>(_name: string, text: string, values: unknown[]) => conn.$queryRawUnsafe<T[]>(text, ...values);
  return async <T>(name: string, text: string, values: unknown[]) => {
    // Not pool.query(): it destroys the connection on ANY error, so every refused movement (not enough
    // stock…) cost a new backend, which compiles the engine's functions and plans again (~50 ms). An
    // error the server answered leaves the connection usable (the statement's own transaction is
    // rolled back); only a broken or closing connection is dropped.
    const client = await conn.connect();
    try {
      const { rows } = await client.query({ name, text, values });
      client.release();
      return rows as T[];
    } catch (e) {
      const answered = e instanceof pg.DatabaseError && e.severity !== "FATAL" && e.severity !== "PANIC";
      client.release(answered ? undefined : (e as Error));
      throw e;
    }
  };
}

/** The pool as a Sql runner: each statement prepared once per pooled connection. */
export const poolSql: Sql = sqlOf(pgPool);

// ── Read replica (docs/scaling.md) ─────────────────────────────────────────────────────────────
// With DATABASE_READ_URL set, a second pool and Prisma client over a streaming replica, for the
// reads that may lag a little (reports, exports, the dashboard, the desk's lists). Which queries go
// there is decided in ONE place, lib/read-replica.ts; nothing else looks at these variables.
// Unset, `readPool`/`dbRead`/`readSql` are the primary's own objects: no second pool.

/** How long the replica counts as down after a failed connection: reads go to the primary meanwhile. */
export const REPLICA_RETRY_MS = 10_000;

/**
 * The replica's pool. A connection the replica refuses (down, restarting, unreachable) is taken from
 * the primary's pool instead, and for REPLICA_RETRY_MS every read goes straight to the primary, so
 * a dead replica costs one failed connect, not every request's connect timeout. A read whose
 * connection is cut is read again on the primary; a query the replica rejects is the caller's error,
 * as on the primary.
 */
export class ReplicaPool extends pg.Pool {
  /** Until when (ms since epoch) the replica counts as down. */
  downUntil = 0;

  constructor(
    config: pg.PoolConfig,
    readonly primary: pg.Pool,
  ) {
    super(config);
    // A read whose connection the replica drops (shut down, restarted) is read again on the primary
    // (reads are safe to repeat). Promise form only: Prisma's adapter and Sql runners use it.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const result = query(...args);
      if (!(result instanceof Promise)) return result;
      return result.catch((e: unknown) => {
        if (this.ending || !lostConnection(e)) throw e;
        this.markDown(e);
        return (this.primary.query as (...a: unknown[]) => Promise<unknown>)(...args);
      });
    }) as pg.Pool["query"];
  }

  /** True while reads are being sent to the primary because the replica refused a connection. */
  get fallingBack(): boolean {
    return Date.now() < this.downUntil;
  }

  /** Sends reads to the primary for REPLICA_RETRY_MS (a refused connection, or the health probe's). */
  markDown(e: unknown): void {
    const wasUp = !this.fallingBack;
    this.downUntil = Date.now() + REPLICA_RETRY_MS;
    const error = e instanceof Error ? e.message : String(e);
    if (wasUp) log.warn("read replica unreachable: reading from the primary", { retryInMs: REPLICA_RETRY_MS, error });
  }

  private async connectOrFallBack(): Promise<pg.PoolClient> {
    if (this.fallingBack) return this.primary.connect();
    // Every connection busy: a timeout then means a full pool, not a dead replica.
    const full = this.idleCount === 0 && this.totalCount >= (this.options.max ?? 10);
    try {
      return await super.connect();
    } catch (e) {
      if (this.ending) throw e;
      if (!full) this.markDown(e);
      return this.primary.connect();
    }
  }

  // pg-pool's connect has a promise and a callback form (pool.query uses the callback one).
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    const p = this.connectOrFallBack();
    if (!callback) return p;
    p.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (err: Error) => callback(err, undefined, () => {}),
    );
  }
}

/** A connection that failed or was cut, not a query the server rejected. */
function lostConnection(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code.startsWith("E"))) return true;
  return /connection terminated|timeout exceeded when trying to connect/i.test((e as Error)?.message ?? "");
}

function createReadPool(url: string) {
  return new ReplicaPool(
    {
      connectionString: url,
      max: Number(process.env.DATABASE_READ_POOL_SIZE || process.env.DATABASE_POOL_SIZE || 10),
      // Short: a replica that does not answer is skipped for the primary rather than waited for.
      connectionTimeoutMillis: 3_000,
      application_name: `${process.env.PG_APPLICATION_NAME || "wms"}-read`,
    },
    pgPool,
  );
}

const readUrl = process.env.DATABASE_READ_URL?.trim() || undefined;
const globalForRead = globalThis as unknown as { __readPool?: ReplicaPool; __prismaRead?: ReturnType<typeof createClient> };
/** The replica's pool (a ReplicaPool) when DATABASE_READ_URL is set; otherwise the primary's pool. */
export const readPool: pg.Pool = readUrl ? (globalForRead.__readPool ??= createReadPool(readUrl)) : pgPool;
/** The Prisma client over readPool; the primary's `db` when no replica is configured. */
if (readUrl) watchPool(readPool, "replica");
export const dbRead: typeof db = readUrl ? (globalForRead.__prismaRead ??= createClient(readPool)) : db;
/** readPool as a Sql runner (prepared statements per replica connection); poolSql without a replica. */
export const readSql: Sql = readUrl ? sqlOf(readPool) : poolSql;
/** Whether a replica is configured (DATABASE_READ_URL). */
export const hasReadReplica = readPool !== pgPool;
/**
 * readPool as the ReplicaPool it is when a replica is configured, else null. (Not `instanceof`:
 * the pool is kept on globalThis, and Next's server bundles may each hold their own copy of the class.)
 */
export const replicaPool: ReplicaPool | null = hasReadReplica ? (readPool as ReplicaPool) : null;

/** A client usable inside or outside an interactive transaction. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
export type DbClient = typeof db | Tx;

export { Prisma } from "./generated/prisma/client";
export type { Role, Channel, Tracking, LocationKind } from "./generated/prisma/enums";
