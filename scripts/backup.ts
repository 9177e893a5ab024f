// `npm run db:backup`: pg_dump -Fc of DATABASE_URL into BACKUP_DIR (default ./backups) as
// wms-<db>-<UTC timestamp>.dump, then deletes our dumps older than BACKUP_RETENTION_DAYS (30).
// The worker runs the same thing daily (job maintenance.backup). Needs pg_dump on the PATH.
import { databaseUrl } from "./lib/database";
import { createBackup, pruneBackups } from "../lib/maintenance/backup";
import { jobsSettings } from "../lib/queue/config";

const { backupDir, backupRetentionDays } = jobsSettings();
try {
  const { file, bytes } = await createBackup({ databaseUrl: databaseUrl(), dir: backupDir });
  console.log(`backup written: ${file} (${bytes} bytes)`);
  const pruned = await pruneBackups({ dir: backupDir, retentionDays: backupRetentionDays });
  for (const f of pruned) console.log(`pruned (older than ${backupRetentionDays} days): ${f}`);
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exit(1);
}
