// Database backups (seed 000's script, done properly): `pg_dump -Fc` into BACKUP_DIR under a
// timestamped name, written to a .partial file and renamed only when complete; dumps older than the
// retention are pruned. Restore with `pg_restore` in one transaction. Used by the daily job
// (maintenance.backup) and by scripts/backup.ts and scripts/restore.ts.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";

const DUMP = /^wms-[A-Za-z0-9_]+-\d{8}T\d{6}Z\.dump$/;

/** The URL without its password (which goes in PGPASSWORD, so `ps` never shows it), and the db name. */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv; name: string } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const name = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, name };
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on("error", (e) => reject(new Error(`${cmd} could not start: ${e.message} (is the PostgreSQL client installed?)`)));
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`))));
  });
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export type BackupResult = { file: string; bytes: number };

export async function createBackup(opts: { databaseUrl: string; dir: string; now?: Date }): Promise<BackupResult> {
  const { url, env, name } = connection(opts.databaseUrl);
  await fs.mkdir(opts.dir, { recursive: true });
  const safeName = name.replace(/[^A-Za-z0-9_]/g, "_");
  const file = path.resolve(opts.dir, `wms-${safeName}-${stamp(opts.now ?? new Date())}.dump`);
  const partial = `${file}.partial`;
  try {
    await exec("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${url}`], env);
    await fs.rename(partial, file);
  } catch (e) {
    await fs.rm(partial, { force: true });
    throw e;
  }
  const { size } = await fs.stat(file);
  return { file, bytes: size };
}

/** Deletes our dumps (wms-*.dump) in `dir` older than `retentionDays`; returns their paths. */
export async function pruneBackups(opts: { dir: string; retentionDays: number; now?: Date }): Promise<string[]> {
  const cutoff = (opts.now ?? new Date()).getTime() - opts.retentionDays * 24 * 60 * 60 * 1000;
  let names: string[];
  try {
    names = await fs.readdir(opts.dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const removed: string[] = [];
  for (const n of names.filter((x) => DUMP.test(x))) {
    const file = path.resolve(opts.dir, n);
    if ((await fs.stat(file)).mtime.getTime() < cutoff) {
      await fs.rm(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

export async function listBackups(dir: string): Promise<{ file: string; bytes: number; modifiedAt: Date }[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out = await Promise.all(
    names.filter((n) => DUMP.test(n)).map(async (n) => {
      const file = path.resolve(dir, n);
      const s = await fs.stat(file);
      return { file, bytes: s.size, modifiedAt: s.mtime };
    }),
  );
  return out.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime());
}

/**
 * Restores a dump into `databaseUrl` in a single transaction (all or nothing). `clean` drops the
 * objects the dump contains first — needed when the database is not empty.
 */
export async function restoreBackup(opts: { file: string; databaseUrl: string; clean?: boolean }): Promise<void> {
  await fs.access(opts.file);
  const { url, env } = connection(opts.databaseUrl);
  const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`];
  if (opts.clean) args.push("--clean", "--if-exists");
  await exec("pg_restore", [...args, opts.file], env);
}
