// The one Prisma client of the process (a singleton survives Next's dev hot reloads).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/wms";

function createClient() {
  const adapter = new PrismaPg({
    connectionString: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE || 10),
  });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __prisma?: ReturnType<typeof createClient> };
export const db = globalForDb.__prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.__prisma = db;

/** A client usable inside or outside an interactive transaction. */
export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
export type DbClient = typeof db | Tx;

export { Prisma } from "./generated/prisma/client";
export type { Role, Channel, Tracking, LocationKind } from "./generated/prisma/enums";
