// Recurring jobs, as BullMQ job schedulers (cron patterns in UTC). Every worker upserts them at
// start and again every few minutes (a Redis that lost its data gets them back); upserting is
// idempotent, so any number of workers agree on one schedule.
import type { JobName } from "../lib/queue/config";
import { JOBS, QUEUES } from "../lib/queue/config";
import { getQueue } from "../lib/queue/queues";

export const SCHEDULES: { id: string; job: JobName; pattern: string; what: string }[] = [
  { id: "hourly-alert-sweep", job: "alerts.sweep", pattern: "0 * * * *", what: "check every product with a threshold or an open alert" },
  { id: "nightly-reconciliation", job: "maintenance.reconcile", pattern: "0 2 * * *", what: "levels against the ledger; admins alerted on discrepancies" },
  { id: "daily-cleanup", job: "maintenance.cleanup", pattern: "30 3 * * *", what: "expired idempotency keys, old dispatched outbox rows, old emails" },
  { id: "daily-backup", job: "maintenance.backup", pattern: "0 1 * * *", what: "pg_dump -Fc to BACKUP_DIR, 30-day retention" },
  { id: "hourly-webhook-resume", job: "webhooks.resume", pattern: "15 * * * *", what: "re-queue webhook deliveries whose next attempt left the queue" },
];

export async function upsertSchedules(): Promise<void> {
  for (const s of SCHEDULES) {
    const queue = JOBS[s.job].queue;
    const { attempts, backoff, removeOnComplete, removeOnFail } = QUEUES[queue].defaultJobOptions;
    await getQueue(queue).upsertJobScheduler(s.id, { pattern: s.pattern, tz: "UTC" }, { name: s.job, data: {}, opts: { attempts, backoff, removeOnComplete, removeOnFail } });
  }
}
