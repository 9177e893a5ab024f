// The alert side of the follow-ups (lib/stock/followups.ts): given the figures of a set of
// products, read in the caller's transaction under their follow-up locks, move each product's
// unresolved alert to match — open, escalate, update quietly, resolve — and write only where
// something changes. Safe to run any number of times: a second run with the same figures decides
// "none" everywhere. Notifications (in-app + one email) are written in the same transaction, keyed
// by alert id and revision, so a run that repeats never notifies twice.
import { writeAudit } from "../audit/write-audit";
import { systemActor } from "../auth/system-actor";
import type { Tx } from "../db";
import { translatorFor } from "../i18n/messages";
import { appUrl, notify, recipientsFor, type Recipient } from "../notifications/notify";
import { writeOutbox } from "../queue/outbox";
import { alertLevel, decideAlert, type AlertDecision, type AlertLevel } from "./level";

/** One product's figures and its unresolved alert (if any), as the follow-ups read them. */
export type AlertFigures = {
  id: string;
  sku: string;
  name: string;
  min_stock: number;
  safety_stock: number;
  deleted: boolean;
  on_hand: number;
  alert_id: string | null;
  alert_level: AlertLevel | null;
  alert_status: "open" | "acknowledged" | null;
  alert_on_hand: number | null;
  alert_threshold: number | null;
};

export type AlertOutcome = { productId: string; decision: AlertDecision["kind"]; level: AlertLevel | null; onHand: number };

/**
 * Decides every product and applies at most `maxChanges` changes; the products whose change did not
 * fit come back as `deferred` (no outcome, nothing written) for the caller to run again later.
 */
export async function decideAlerts(tx: Tx, products: AlertFigures[], maxChanges = Infinity): Promise<{ outcomes: AlertOutcome[]; deferred: string[] }> {
  let recipients: Recipient[] | undefined; // read once, only when someone is to be notified
  const actor = systemActor();
  const outcomes: AlertOutcome[] = [];
  const deferred: string[] = [];
  let changes = 0;
  for (const p of products) {
    // A soft-deleted product's alert resolves; it is no longer stocked.
    const level = p.deleted ? null : alertLevel({ onHand: p.on_hand, minStock: p.min_stock, safetyStock: p.safety_stock });
    const active = p.alert_id ? { level: p.alert_level!, status: p.alert_status!, onHand: p.alert_on_hand!, threshold: p.alert_threshold! } : null;
    const decision = decideAlert(active, { level, onHand: p.on_hand, threshold: p.min_stock });
    if (decision.kind !== "none") {
      if (changes === maxChanges) {
        deferred.push(p.id);
        continue;
      }
      changes++;
    }
    outcomes.push({ productId: p.id, decision: decision.kind, level, onHand: p.on_hand });
    if (decision.kind === "none") continue;
    const sku = p.sku;
    switch (decision.kind) {
      case "open": {
        const alert = await tx.stockAlert.create({ data: { productId: p.id, level: decision.level, onHand: p.on_hand, threshold: p.min_stock } });
        await writeAudit(tx, actor, { action: "alert.open", entity: "alert", entityId: alert.id, after: { sku, level: alert.level, onHand: alert.onHand, threshold: alert.threshold } });
        recipients ??= await recipientsFor(tx, "alert.acknowledge");
        await notifyAlert(tx, recipients, p, alert.id, alert.revision, "alert.opened", decision.level);
        await writeOutbox(tx, "alert.opened", { alertId: alert.id, productId: p.id, sku, level: decision.level, onHand: p.on_hand, threshold: p.min_stock });
        break;
      }
      case "escalate": {
        const alert = await tx.stockAlert.update({
          where: { id: p.alert_id! },
          data: { level: decision.level, onHand: p.on_hand, threshold: p.min_stock, status: "open", escalatedAt: new Date(), revision: { increment: 1 } },
        });
        await writeAudit(tx, actor, {
          action: "alert.escalate", entity: "alert", entityId: alert.id,
          before: { sku, level: active!.level, status: active!.status, onHand: active!.onHand },
          after: { sku, level: alert.level, status: alert.status, onHand: alert.onHand },
        });
        recipients ??= await recipientsFor(tx, "alert.acknowledge");
        await notifyAlert(tx, recipients, p, alert.id, alert.revision, "alert.escalated", decision.level);
        await writeOutbox(tx, "alert.escalated", { alertId: alert.id, productId: p.id, sku, level: decision.level, onHand: p.on_hand, threshold: p.min_stock });
        break;
      }
      case "update":
        await tx.stockAlert.update({ where: { id: p.alert_id! }, data: { level: decision.level, onHand: p.on_hand, threshold: p.min_stock } });
        if (decision.level !== active!.level) {
          await writeAudit(tx, actor, { action: "alert.deescalate", entity: "alert", entityId: p.alert_id!, before: { sku, level: active!.level }, after: { sku, level: decision.level, onHand: p.on_hand } });
        }
        break;
      case "resolve":
        await tx.stockAlert.update({ where: { id: p.alert_id! }, data: { status: "resolved", resolvedAt: new Date(), onHand: p.on_hand } });
        // Its notices leave the unread count with it; the bell shows them as resolved.
        await tx.notification.updateMany({ where: { alertId: p.alert_id!, readAt: null }, data: { readAt: new Date() } });
        await writeAudit(tx, actor, { action: "alert.resolve", entity: "alert", entityId: p.alert_id!, before: { sku, level: active!.level, status: active!.status }, after: { sku, status: "resolved", onHand: p.on_hand } });
        await writeOutbox(tx, "alert.resolved", { alertId: p.alert_id!, productId: p.id, sku, level: null, onHand: p.on_hand, threshold: p.min_stock });
        break;
    }
  }
  return { outcomes, deferred };
}

async function notifyAlert(tx: Tx, recipients: Recipient[], p: AlertFigures, alertId: string, revision: number, kind: "alert.opened" | "alert.escalated", level: AlertLevel) {
  await notify(tx, recipients, {
    kind,
    alertId,
    dedupeKey: `alert:${alertId}:${revision}`,
    data: { alertId, sku: p.sku, name: p.name, level, onHand: p.on_hand, threshold: p.min_stock, safetyStock: p.safety_stock },
    // In each recipient's language (messages/<locale>/emails.json).
    email: async (locale) => {
      const t = await translatorFor(locale);
      const v = { kind: kind === "alert.opened" ? "opened" : "escalated", sku: p.sku, name: p.name, level, onHand: String(p.on_hand), minStock: String(p.min_stock), safetyStock: String(p.safety_stock) };
      return {
        subject: t("emails.alert.subject", v),
        text: [
          t("emails.alert.intro", v),
          "",
          t("emails.alert.level", v),
          t("emails.alert.onHand", v),
          t("emails.alert.minStock", v),
          t("emails.alert.safetyStock", v),
          "",
          t("emails.alert.openAlerts", { url: appUrl("/alerts") }),
          "",
          t("emails.alert.why"),
        ].join("\n"),
      };
    },
  });
}
