// Daily cleanup (job maintenance.cleanup): expired idempotency keys, outbox rows dispatched long
// ago, delivered emails and settled webhook deliveries past their retention. Deletes in small batches so it never holds many
// locks or a long transaction next to live traffic.
import { db } from "../db";
import { webhookSettings } from "../webhooks/settings";

const BATCH = 5_000;

async function deleteInBatches(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await run();
    total += n;
    if (n < BATCH) return total;
  }
}

export async function cleanup(opts: { outboxRetentionDays: number; emailRetentionDays: number }): Promise<{ idempotencyKeys: number; outboxEvents: number; emails: number; webhookDeliveries: number }> {
  const idempotencyKeys = await deleteInBatches(() => db.$executeRaw`
    DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT ${BATCH})`);
  const outboxEvents = await deleteInBatches(() => db.$executeRaw`
    DELETE FROM outbox_events WHERE id IN (
      SELECT id FROM outbox_events
      WHERE dispatched_at IS NOT NULL AND dispatched_at < now() - make_interval(days => ${opts.outboxRetentionDays})
      ORDER BY id LIMIT ${BATCH})`);
  const emails = await deleteInBatches(() => db.$executeRaw`
    DELETE FROM email_messages WHERE id IN (
      SELECT id FROM email_messages
      WHERE status IN ('sent', 'skipped') AND created_at < now() - make_interval(days => ${opts.emailRetentionDays})
      LIMIT ${BATCH})`);
  // Succeeded or failed for good (their attempts go with them); pending ones are still being retried.
  const webhookDeliveries = await deleteInBatches(() => db.$executeRaw`
    DELETE FROM webhook_deliveries WHERE id IN (
      SELECT id FROM webhook_deliveries
      WHERE status <> 'pending' AND created_at < now() - make_interval(days => ${webhookSettings().retentionDays})
      LIMIT ${BATCH})`);
  return { idempotencyKeys, outboxEvents, emails, webhookDeliveries };
}
