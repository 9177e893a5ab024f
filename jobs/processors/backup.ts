import { DEFAULT_DATABASE_URL } from "../../lib/db";
import { createBackup, pruneBackups } from "../../lib/maintenance/backup";
import type { Processor } from "./types";

// A retry makes a new dump under a new name; the pruning keeps the directory bounded either way.
export const backupProcessor: Processor<"maintenance.backup"> = async (_data, { settings, log }) => {
  const backup = await createBackup({ databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL, dir: settings.backupDir });
  const pruned = await pruneBackups({ dir: settings.backupDir, retentionDays: settings.backupRetentionDays });
  log("backup written", { file: backup.file, bytes: backup.bytes, pruned: pruned.length });
  return { ...backup, pruned };
};
