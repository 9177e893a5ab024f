// `npm run db:restore -- [<file.dump>] [--database-url <url>] [--clean]`
//
// Restores a dump made by `npm run db:backup` (or the daily job) with pg_restore, in one
// transaction. Without a file, the newest dump in BACKUP_DIR is used. The target is --database-url,
// else DATABASE_URL; it is created when missing. A target that already has tables is refused unless
// --clean is given (which drops the dumped objects first) — restoring over live data is a decision.
// Stop the app and the workers while restoring into the database they use.
import pg from "pg";
import { databaseUrl, ensureDatabase } from "./lib/database";
import { listBackups, restoreBackup } from "../lib/maintenance/backup";
import { jobsSettings } from "../lib/queue/config";

function parseArgs(argv: string[]) {
  const out: { file?: string; url?: string; clean: boolean } = { clean: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--clean") out.clean = true;
    else if (a === "--database-url") out.url = argv[++i];
    else if (a.startsWith("--database-url=")) out.url = a.slice("--database-url=".length);
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else if (!out.file) out.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  return out;
}

async function tableCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}

try {
  const args = parseArgs(process.argv.slice(2));
  const url = args.url || databaseUrl();
  const file = args.file ?? (await listBackups(jobsSettings().backupDir))[0]?.file;
  if (!file) throw new Error(`no dump given and none found in ${jobsSettings().backupDir}`);
  const created = await ensureDatabase(url);
  if (!created && !args.clean && (await tableCount(url)) > 0) {
    console.error(`refusing to restore: ${new URL(url).pathname.slice(1)} already has tables (pass --clean to replace them)`);
    process.exit(2);
  }
  await restoreBackup({ file, databaseUrl: url, clean: args.clean });
  console.log(`restored ${file} into ${new URL(url).pathname.slice(1)}`);
} catch (e) {
  console.error(`restore failed: ${(e as Error).message}`);
  process.exit(1);
}
