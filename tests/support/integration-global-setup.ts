import type { TestProject } from "vitest/node";
import Redis from "ioredis";
import { dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/database";
import { ensureSystemData } from "../../scripts/lib/system-data";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const base = process.env.TEST_DATABASE_BASE_URL || "postgresql://postgres@127.0.0.1:5432";

export default async function setup(project: TestProject) {
  const url = `${base}/wms_test_${Date.now()}_${process.pid}`;
  const redis = new Redis(process.env.REDIS_URL || "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(`Integration tests need Redis at ${process.env.REDIS_URL || "redis://127.0.0.1:6379"}: ${(e as Error).message}`);
  } finally {
    redis.disconnect();
  }
  try {
    await ensureDatabase(url);
  } catch (e) {
    throw new Error(`Integration tests need PostgreSQL at ${base}: ${(e as Error).message}`);
  }
  await migrate(url);
  await ensureSystemData(url);
  project.provide("databaseUrl", url);
  return async () => {
    if (!process.env.KEEP_TEST_DATABASE) await dropDatabase(url);
  };
}
