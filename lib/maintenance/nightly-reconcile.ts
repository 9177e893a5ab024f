// Nightly reconciliation (job maintenance.reconcile): checks the ledger invariant for every
// product × location (lib/stock/reconcile.ts) and, when anything disagrees, alerts the admins —
// in-app and by email, once per run (the run's key makes a retried job notify once).
import { writeAudit } from "../audit/write-audit";
import { systemActor } from "../auth/system-actor";
import { db } from "../db";
import { translatorFor } from "../i18n/messages";
import type { Translator } from "../i18n/translate-error";
import { appUrl, notify, recipientsFor } from "../notifications/notify";
import { checkStock } from "../stock/reconcile";

export async function nightlyReconcile(runKey: string): Promise<{ discrepancies: number; notified: number }> {
  const actor = systemActor();
  const { checkedAt, discrepancies } = await checkStock(actor);
  return db.$transaction(async (tx) => {
    await writeAudit(tx, actor, { action: "stock.reconcile", entity: "stock", entityId: runKey, after: { checkedAt, discrepancies: discrepancies.length } });
    if (discrepancies.length === 0) return { discrepancies: 0, notified: 0 };
    const sample = discrepancies.slice(0, 20);
    const line = (t: Translator, d: (typeof sample)[number]) => {
      const o = d as { lot?: string; entry?: string; movement?: string };
      const v = { sku: d.sku, location: d.location, stored: String(d.stored), ledger: String(d.ledger), lot: o.lot ?? "", entry: o.entry ?? "", movement: o.movement ?? "" };
      const key = d.kind === "lot_reserved" ? "lotReserved" : d.kind === "balance" ? "entry" : d.kind;
      return `  ${t(`emails.reconcile.${key}`, v)}`;
    };
    const { notified } = await notify(tx, await recipientsFor(tx, "reconcile.run"), {
      kind: "reconcile.discrepancy",
      dedupeKey: `reconcile:${runKey}`,
      data: { count: discrepancies.length, checkedAt, sample: sample.slice(0, 5) },
      // In each recipient's language (messages/<locale>/emails.json).
      email: async (locale) => {
        const t = await translatorFor(locale);
        const count = discrepancies.length;
        return {
          subject: t("emails.reconcile.subject", { count }),
          text: [
            t("emails.reconcile.intro", { count, checkedAt }),
            "",
            ...sample.map((d) => line(t, d)),
            ...(count > sample.length ? [`  ${t("emails.reconcile.more", { count: count - sample.length })}`] : []),
            "",
            t("emails.reconcile.rebuild"),
            t("emails.reconcile.link", { url: appUrl("/") }),
          ].join("\n"),
        };
      },
    });
    return { discrepancies: discrepancies.length, notified };
  });
}
