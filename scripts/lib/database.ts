// Database administration shared by scripts, the demo and the test setups:
// create a database when missing, apply prisma/migrations the way `prisma migrate deploy` does.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/wms";
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

function split(url: string): { name: string; adminUrl: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name in DATABASE_URL: "${name}"`);
  u.pathname = "/postgres";
  return { name, adminUrl: u.toString() };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named by `url` when it does not exist. Returns true when it created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { name, adminUrl } = split(url);
  return withClient(adminUrl, async (c) => {
    const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    try {
      await c.query(`CREATE DATABASE "${name}"`);
    } catch (e) {
      if ((e as { code?: string }).code !== "42P04") throw e; // created concurrently
      return false;
    }
    return true;
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const { name, adminUrl } = split(url);
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrateResult = { applied: string[] };

/**
 * Applies pending migrations in name order, each in its own transaction, recording them in
 * `_prisma_migrations` exactly as Prisma does (sha256 checksum of migration.sql), so the native
 * `prisma migrate deploy/status` accept the history on a machine that has the engine.
 * An advisory lock makes concurrent runners (several containers starting) take turns.
 */
export async function migrate(url: string, log: (line: string) => void = () => {}): Promise<MigrateResult> {
  const dirs = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  return withClient(url, async (c) => {
    await c.query("SELECT pg_advisory_lock(72707369)");
    try {
      await c.query(MIGRATIONS_TABLE);
      const rows = await c.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const done = new Map(rows.rows.map((r) => [r.migration_name, r]));
      const failed = rows.rows.find((r) => r.finished_at === null);
      if (failed) throw new Error(`Migration ${failed.migration_name} failed earlier; fix the database, then mark it rolled back.`);
      const applied: string[] = [];
      for (const name of dirs) {
        const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
        const checksum = crypto.createHash("sha256").update(sql).digest("hex");
        const prior = done.get(name);
        if (prior) {
          if (prior.checksum !== checksum) log(`warning: migration ${name} was edited after it was applied`);
          continue;
        }
        const id = crypto.randomUUID();
        await c.query("BEGIN");
        try {
          await c.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
            [id, checksum, name],
          );
          await c.query(sql);
          await c.query(
            `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await c.query("COMMIT");
        } catch (e) {
          await c.query("ROLLBACK");
          throw new Error(`Migration ${name} failed: ${(e as Error).message}`);
        }
        applied.push(name);
        log(`applied ${name}`);
      }
      return { applied };
    } finally {
      await c.query("SELECT pg_advisory_unlock(72707369)");
    }
  });
}
