// The one Prisma client of the process (a singleton survives Next's dev hot reloads), over the one
// pg pool of the process. The pool is exported for the hot paths where Prisma's per-query
// overhead is the bottleneck (`poolSql`: movements, numbering, bearer auth, each a prepared
// statement); everything else goes through `db`. db.$disconnect() ends the pool too.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
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
  return async <T>(name: string, text: string, values: unknown[]) => (await conn.query({ name, text, values })).rows as T[];
}

/** The pool as a Sql runner: each statement prepared once per pooled connection. */
export const poolSql: Sql = sqlOf(pgPool);

/** A client usable inside or outside an interactive transaction. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
export type DbClient = typeof db | Tx;

export { Prisma } from "./generated/prisma/client";
export type { Role, Channel, Tracking, LocationKind } from "./generated/prisma/enums";
