// Nightly reconciliation (job maintenance.reconcile): checks the ledger invariant for every
// product × location (lib/stock/reconcile.ts) and, when anything disagrees, alerts the admins —
// in-app and by email, once per run (the run's key makes a retried job notify once).
import { writeAudit } from "../audit/write-audit";
import { systemActor } from "../auth/system-actor";
import { db } from "../db";
import { appUrl, notify, recipientsFor } from "../notifications/notify";
import { checkStock } from "../stock/reconcile";

export async function nightlyReconcile(runKey: string): Promise<{ discrepancies: number; notified: number }> {
  const actor = systemActor();
  const { checkedAt, discrepancies } = await checkStock(actor);
  return db.$transaction(async (tx) => {
    await writeAudit(tx, actor, { action: "stock.reconcile", entity: "stock", entityId: runKey, after: { checkedAt, discrepancies: discrepancies.length } });
    if (discrepancies.length === 0) return { discrepancies: 0, notified: 0 };
    const sample = discrepancies.slice(0, 20);
    const lines = sample.map((d) =>
      d.kind === "level"
        ? `  ${d.sku} @ ${d.location}: stored ${d.stored}, ledger ${d.ledger}`
        : d.kind === "lot"
          ? `  ${d.sku} @ ${d.location} lot ${d.lot}: stored ${d.stored}, ledger ${d.ledger}`
          : d.kind === "serials"
            ? `  ${d.sku} @ ${d.location}: stored ${d.stored}, serial items on hand ${d.ledger}`
            : d.kind === "reserved"
              ? `  ${d.sku} @ ${d.location}: reserved ${d.stored}, open reservations ${d.ledger}`
              : d.kind === "lot_reserved"
                ? `  ${d.sku} @ ${d.location} lot ${d.lot}: reserved ${d.stored}, open reservations ${d.ledger}`
                : `  ${d.sku} @ ${d.location} ledger entry ${d.entry} (${d.movement}): balance ${d.stored}, previous balance + delta ${d.ledger}`,
    );
    const { notified } = await notify(tx, await recipientsFor(tx, "reconcile.run"), {
      kind: "reconcile.discrepancy",
      dedupeKey: `reconcile:${runKey}`,
      data: { count: discrepancies.length, checkedAt, sample: sample.slice(0, 5) },
      email: {
        subject: `[WMS] Reconciliation found ${discrepancies.length} discrepanc${discrepancies.length === 1 ? "y" : "ies"}`,
        text: [
          `The nightly check of stock levels against the ledger (${checkedAt}) found ${discrepancies.length} discrepanc${discrepancies.length === 1 ? "y" : "ies"}:`,
          "",
          ...lines,
          ...(discrepancies.length > sample.length ? [`  … and ${discrepancies.length - sample.length} more`] : []),
          "",
          "The ledger is the truth; an admin can rebuild the stored levels from it (npm run stock:reconcile -- --rebuild).",
          `WMS: ${appUrl("/")}`,
        ].join("\n"),
      },
    });
    return { discrepancies: discrepancies.length, notified };
  });
}
