// The alert check of one product (job alerts.check-product, and the hourly sweep). Safe to run any
// number of times, in any order: it reads the product's on-hand *now* and moves its alert to match,
// under a per-product lock, so two runs serialise and the second finds nothing to do. Notifications
// (in-app + one email) are written in the same transaction, keyed by alert id and revision.
import { writeAudit } from "../audit/write-audit";
import { systemActor } from "../auth/system-actor";
import { db, type Tx } from "../db";
import { appUrl, notify, recipientsFor } from "../notifications/notify";
import { alertLevel, decideAlert, type AlertDecision, type AlertLevel } from "./level";

export type AlertCheckResult = { productId: string; decision: AlertDecision["kind"]; level: AlertLevel | null; onHand: number };

// Under load a job may wait for a pooled connection a little longer than an interactive request.
const TX = { maxWait: 10_000, timeout: 15_000 };

type ProductFigures = { id: string; sku: string; name: string; min_stock: number; safety_stock: number; deleted: boolean; on_hand: number };

export async function checkProductAlert(productId: string): Promise<AlertCheckResult> {
  // Fast path for the common case — no unresolved alert and stock above the threshold: nothing to
  // change, so no transaction or lock (a later movement brings its own check).
  const [quick] = await db.$queryRaw<(ProductFigures & { has_alert: boolean })[]>`
    SELECT p.min_stock, p.safety_stock, p.deleted_at IS NOT NULL AS deleted,
           COALESCE((SELECT sum(s.quantity) FROM stock_levels s WHERE s.product_id = p.id), 0)::int AS on_hand,
           EXISTS (SELECT 1 FROM stock_alerts a WHERE a.product_id = p.id AND a.status <> 'resolved') AS has_alert
    FROM products p WHERE p.id = ${productId}::uuid`;
  if (!quick) return { productId, decision: "none", level: null, onHand: 0 };
  if (!quick.has_alert && (quick.deleted || !alertLevel({ onHand: quick.on_hand, minStock: quick.min_stock, safetyStock: quick.safety_stock }))) {
    return { productId, decision: "none", level: null, onHand: quick.on_hand };
  }
  return db.$transaction(async (tx) => {
    // One check per product at a time; the figures are read after the lock is granted.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stock_alert:${productId}`}, 0))`;
    const [p] = await tx.$queryRaw<ProductFigures[]>`
      SELECT p.id::text AS id, p.sku, p.name, p.min_stock, p.safety_stock, p.deleted_at IS NOT NULL AS deleted,
             COALESCE((SELECT sum(s.quantity) FROM stock_levels s WHERE s.product_id = p.id), 0)::int AS on_hand
      FROM products p WHERE p.id = ${productId}::uuid`;
    // Products are never hard-deleted (foreign keys restrict it); an unknown id has nothing to check.
    if (!p) return { productId, decision: "none", level: null, onHand: 0 };

    const active = await tx.stockAlert.findFirst({ where: { productId, status: { not: "resolved" } } });
    // A soft-deleted product's alert resolves; it is no longer stocked.
    const level = p.deleted ? null : alertLevel({ onHand: p.on_hand, minStock: p.min_stock, safetyStock: p.safety_stock });
    const now = { level, onHand: p.on_hand, threshold: p.min_stock };
    const decision = decideAlert(active ? { level: active.level, status: active.status as "open" | "acknowledged", onHand: active.onHand, threshold: active.threshold } : null, now);
    const actor = systemActor();

    switch (decision.kind) {
      case "none":
        break;
      case "open": {
        const alert = await tx.stockAlert.create({ data: { productId, level: decision.level, onHand: p.on_hand, threshold: p.min_stock } });
        await writeAudit(tx, actor, { action: "alert.open", entity: "alert", entityId: alert.id, after: { sku: p.sku, level: alert.level, onHand: alert.onHand, threshold: alert.threshold } });
        await notifyAlert(tx, p, alert.id, alert.revision, "alert.opened", decision.level);
        break;
      }
      case "escalate": {
        const alert = await tx.stockAlert.update({
          where: { id: active!.id },
          data: { level: decision.level, onHand: p.on_hand, threshold: p.min_stock, status: "open", escalatedAt: new Date(), revision: { increment: 1 } },
        });
        await writeAudit(tx, actor, {
          action: "alert.escalate", entity: "alert", entityId: alert.id,
          before: { sku: p.sku, level: active!.level, status: active!.status, onHand: active!.onHand },
          after: { sku: p.sku, level: alert.level, status: alert.status, onHand: alert.onHand },
        });
        await notifyAlert(tx, p, alert.id, alert.revision, "alert.escalated", decision.level);
        break;
      }
      case "update":
        await tx.stockAlert.update({ where: { id: active!.id }, data: { level: decision.level, onHand: p.on_hand, threshold: p.min_stock } });
        if (decision.level !== active!.level) {
          await writeAudit(tx, actor, { action: "alert.deescalate", entity: "alert", entityId: active!.id, before: { sku: p.sku, level: active!.level }, after: { sku: p.sku, level: decision.level, onHand: p.on_hand } });
        }
        break;
      case "resolve":
        await tx.stockAlert.update({ where: { id: active!.id }, data: { status: "resolved", resolvedAt: new Date(), onHand: p.on_hand } });
        await writeAudit(tx, actor, { action: "alert.resolve", entity: "alert", entityId: active!.id, before: { sku: p.sku, level: active!.level, status: active!.status }, after: { sku: p.sku, status: "resolved", onHand: p.on_hand } });
        break;
    }
    return { productId, decision: decision.kind, level, onHand: p.on_hand };
  }, TX);
}

const LEVEL_TEXT: Record<AlertLevel, string> = {
  warning: "below its minimum stock",
  critical: "below its safety stock",
  out: "out of stock",
};

async function notifyAlert(tx: Tx, p: ProductFigures, alertId: string, revision: number, kind: "alert.opened" | "alert.escalated", level: AlertLevel) {
  const recipients = await recipientsFor(tx, "alert.acknowledge");
  const verb = kind === "alert.opened" ? "Low stock" : "Stock alert escalated";
  await notify(tx, recipients, {
    kind,
    alertId,
    dedupeKey: `alert:${alertId}:${revision}`,
    data: { alertId, sku: p.sku, name: p.name, level, onHand: p.on_hand, threshold: p.min_stock, safetyStock: p.safety_stock },
    email: {
      subject: `[WMS] ${verb}: ${p.sku} is ${LEVEL_TEXT[level]} (${p.on_hand} on hand)`,
      text: [
        `${p.sku} (${p.name}) is ${LEVEL_TEXT[level]}.`,
        "",
        `Level:         ${level}`,
        `On hand:       ${p.on_hand}`,
        `Minimum stock: ${p.min_stock}`,
        `Safety stock:  ${p.safety_stock}`,
        "",
        `Open alerts: ${appUrl("/alerts")}`,
        "",
        "You receive this because you can acknowledge stock alerts in WMS.",
      ].join("\n"),
    },
  });
}
