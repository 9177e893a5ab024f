// Three-tier low-stock levels (seed 000's StockAlertService, docs/product.md §5) and how an existing alert
// follows the stock. Pure functions: the alert check applies the decision under a lock.

export const ALERT_LEVELS = ["warning", "critical", "out"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const LEVEL_RANK: Record<AlertLevel, number> = { warning: 1, critical: 2, out: 3 };

/**
 * `out` at 0, `critical` below safetyStock, `warning` below minStock; none when stock is at or above
 * minStock — or when the product has no threshold (minStock 0), so unmanaged products never alert.
 */
export function alertLevel(p: { onHand: number; minStock: number; safetyStock: number }): AlertLevel | null {
  if (p.minStock <= 0) return null;
  if (p.onHand <= 0) return "out";
  if (p.onHand < p.safetyStock) return "critical";
  if (p.onHand < p.minStock) return "warning";
  return null;
}

export type ActiveAlert = { level: AlertLevel; status: Exclude<AlertStatus, "resolved">; onHand: number; threshold: number };

export type AlertDecision =
  | { kind: "none" }
  | { kind: "open"; level: AlertLevel }
  /** A higher level: notified again, and an acknowledged alert needs attention again. */
  | { kind: "escalate"; level: AlertLevel }
  /** Same or lower level with new figures: recorded quietly. */
  | { kind: "update"; level: AlertLevel }
  | { kind: "resolve" };

/** What to do with the product's unresolved alert (or none) given its current figures. */
export function decideAlert(active: ActiveAlert | null, now: { level: AlertLevel | null; onHand: number; threshold: number }): AlertDecision {
  if (!active) return now.level ? { kind: "open", level: now.level } : { kind: "none" };
  if (!now.level) return { kind: "resolve" };
  if (LEVEL_RANK[now.level] > LEVEL_RANK[active.level]) return { kind: "escalate", level: now.level };
  if (now.level !== active.level || now.onHand !== active.onHand || now.threshold !== active.threshold) return { kind: "update", level: now.level };
  return { kind: "none" };
}
