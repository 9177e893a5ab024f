// The one Prisma client of the process (a singleton survives Next's dev hot reloads), over the one
// pg pool of the process. The pool is exported for the rare hot path where Prisma's per-query
// overhead is the bottleneck (lib/numbering draws numbers with a prepared statement through it);
// everything else goes through `db`. db.$disconnect() ends the pool too.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/wms";

function createPool() {
  return new pg.Pool({
    connectionString: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE || 10),
  });
}

function createClient(pool: pg.Pool) {
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

const globalForDb = globalThis as unknown as { __pgPool?: pg.Pool; __prisma?: ReturnType<typeof createClient> };
export const pgPool = globalForDb.__pgPool ?? createPool();
export const db = globalForDb.__prisma ?? createClient(pgPool);
if (process.env.NODE_ENV !== "production") {
  globalForDb.__pgPool = pgPool;
  globalForDb.__prisma = db;
}

/** A client usable inside or outside an interactive transaction. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
export type DbClient = typeof db | Tx;

export { Prisma } from "./generated/prisma/client";
export type { Role, Channel, Tracking, LocationKind } from "./generated/prisma/enums";
