// One attempt of a webhook delivery (job webhooks.deliver). At least once, with a stable id:
//  - an automatic attempt runs only while the delivery is pending and its endpoint active; after a
//    failure it queues the next one itself, after the delay of the schedule (settings.ts) — the
//    next job is added before the attempt's transaction commits, so a crash cannot lose the chain;
//  - a manual attempt (redeliver, ping) runs whatever the state and queues nothing after it;
//  - every attempt is recorded once, keyed by its job id (a job that runs twice records once; the
//    receiver may see it twice and de-duplicates by webhook-id, docs/webhooks.md);
//  - the endpoint's failure streak resets on success and grows on failure; at WEBHOOK_DISABLE_AFTER
//    the endpoint is disabled and the admins notified, once (the endpoint row is locked meanwhile).
import { writeAudit } from "../audit/write-audit";
import { systemActor } from "../auth/system-actor";
import { db, type Tx } from "../db";
import { translatorFor } from "../i18n/messages";
import { appUrl, notify, recipientsFor } from "../notifications/notify";
import { jobIds, planJob, type PlannedJob } from "../queue/config";
import { sendWebhook, type AttemptResult } from "./send";
import { webhookSettings } from "./settings";

export type DeliverOutcome = "succeeded" | "failed" | "retry_scheduled" | "skipped";

export async function deliverWebhook(
  job: { jobKey: string; deliveryId: string; attempt: number; manual: boolean },
  addJobs: (jobs: PlannedJob[]) => Promise<void>,
): Promise<{ outcome: DeliverOutcome; reason?: string; statusCode?: number | null }> {
  const settings = webhookSettings();
  const d = await db.webhookDelivery.findUnique({ where: { id: job.deliveryId }, include: { endpoint: true } });
  if (!d) return { outcome: "skipped", reason: "delivery deleted" };
  if (await db.webhookAttempt.findUnique({ where: { jobKey: job.jobKey }, select: { id: true } })) return { outcome: "skipped", reason: "attempt already recorded" };
  if (!job.manual) {
    if (d.status !== "pending") return { outcome: "skipped", reason: `delivery ${d.status}` };
    if (!d.endpoint.active) {
      await db.webhookDelivery.updateMany({ where: { id: d.id, status: "pending" }, data: { status: "failed", lastError: "The endpoint is disabled." } });
      return { outcome: "skipped", reason: "endpoint disabled" };
    }
  }
  const result = await sendWebhook({ url: d.endpoint.url, secret: d.endpoint.secret, id: d.eventId, body: JSON.stringify(d.payload), timeoutMs: settings.timeoutMs });

  return db.$transaction(async (tx) => {
    // The endpoint first (the order every writer of both rows takes), then the delivery.
    const [ep] = await tx.$queryRaw<{ active: boolean; consecutive_failures: number; url: string }[]>`
      SELECT active, consecutive_failures, url FROM webhook_endpoints WHERE id = ${d.endpointId}::uuid FOR UPDATE`;
    const [cur] = await tx.$queryRaw<{ status: "pending" | "succeeded" | "failed" }[]>`
      SELECT status FROM webhook_deliveries WHERE id = ${d.id}::uuid FOR UPDATE`;
    if (!ep || !cur) return { outcome: "skipped" as const, reason: "deleted meanwhile" };
    const recorded = await tx.$executeRaw`
      INSERT INTO webhook_attempts (id, delivery_id, job_key, manual, status_code, duration_ms, error)
      VALUES (gen_random_uuid(), ${d.id}::uuid, ${job.jobKey}, ${job.manual}, ${result.statusCode}, ${result.durationMs}, ${result.error})
      ON CONFLICT (job_key) DO NOTHING`;
    if (recorded === 0) return { outcome: "skipped" as const, reason: "attempt already recorded" };

    const disabledNow = !result.ok && ep.active && ep.consecutive_failures + 1 >= settings.disableAfter;
    await tx.webhookEndpoint.update({
      where: { id: d.endpointId },
      data: result.ok
        ? { consecutiveFailures: 0 }
        : {
            consecutiveFailures: { increment: 1 },
            ...(disabledNow ? { active: false, disabledAt: new Date(), disabledReason: `Disabled after ${ep.consecutive_failures + 1} failed attempts in a row (last: ${result.error}).` } : {}),
          },
    });
    if (disabledNow) await onDisabled(tx, d.endpointId, ep.url, ep.consecutive_failures + 1, result);

    // Automatic attempts go on while the schedule has room and the endpoint is on.
    const retry = !result.ok && !job.manual && cur.status === "pending" && job.attempt <= settings.retryDelaysMs.length && ep.active && !disabledNow;
    const status = result.ok ? "succeeded" : job.manual || retry ? cur.status : "failed";
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        status,
        attempts: { increment: 1 },
        lastStatusCode: result.statusCode,
        lastDurationMs: result.durationMs,
        lastError: result.error,
        lastAttemptAt: new Date(),
        ...(result.ok && !d.deliveredAt ? { deliveredAt: new Date() } : {}),
      },
    });
    if (retry) {
      const next = job.attempt + 1;
      await addJobs([
        planJob("webhooks.deliver", { deliveryId: d.id, attempt: next, manual: false }, { jobId: jobIds.id("webhooks.deliver", d.id, `a${next}`), delay: settings.retryDelaysMs[job.attempt - 1] }),
      ]);
    }
    const outcome: DeliverOutcome = result.ok ? "succeeded" : retry ? "retry_scheduled" : "failed";
    return { outcome, statusCode: result.statusCode };
  });
}

/** The audit row and the admins' notice (bell + email) of an endpoint the streak disabled. */
async function onDisabled(tx: Tx, endpointId: string, url: string, failures: number, last: AttemptResult): Promise<void> {
  await writeAudit(tx, systemActor(), { action: "webhook.disable", entity: "webhook", entityId: endpointId, after: { url, active: false, consecutiveFailures: failures, lastError: last.error } });
  await notify(tx, await recipientsFor(tx, "webhooks.manage"), {
    kind: "webhook.disabled",
    dedupeKey: `webhook-disabled:${endpointId}:${Date.now()}`,
    data: { endpointId, url, failures },
    email: async (locale) => {
      const t = await translatorFor(locale);
      return {
        subject: t("emails.webhookDisabled.subject", { url }),
        text: [
          t("emails.webhookDisabled.body", { url, failures: String(failures) }),
          t("emails.webhookDisabled.lastError", { error: last.error ?? "" }),
          "",
          t("emails.webhookDisabled.fix", { link: appUrl(`/admin/webhooks/${endpointId}`) }),
        ].join("\n"),
      };
    },
  });
}
