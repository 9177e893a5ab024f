// The sales order state machine: ONE table, read by the domain (lib/sales/orders.ts), the order
// page's buttons, the API documentation (docs/outbound.md) and the unit tests.
//
//   draft → confirmed → picking → packed → shipped → closed
//   cancelled from draft, confirmed, picking or packed (releases every reservation)
//
// `confirm` reserves what is available (the rest is the backorder); `reserve` tries again for the
// backorder (e.g. after a receipt) without changing the state. A pick list moves its orders to
// picking (lib/sales/pick-lists.ts); `pack` needs every reservation picked; shipping
// (lib/sales/shipping.ts) posts the `out` movement and moves the order to shipped.
import type { Action } from "../auth/permissions";
import { can } from "../auth/permissions";

export const SO_STATUSES = ["draft", "confirmed", "picking", "packed", "shipped", "closed", "cancelled"] as const;
export type SoStatus = (typeof SO_STATUSES)[number];

export const SO_TRANSITIONS = ["confirm", "reserve", "pack", "cancel", "close"] as const;
export type SoTransition = (typeof SO_TRANSITIONS)[number];

type Rule = {
  from: readonly SoStatus[];
  /** null: the state does not change. */
  to: SoStatus | null;
  /** The permission it takes (docs/product.md §7). */
  action: Action;
};

export const SO_TRANSITION_TABLE: Record<SoTransition, Rule> = {
  confirm: { from: ["draft"], to: "confirmed", action: "sales.write" },
  reserve: { from: ["confirmed", "picking"], to: null, action: "sales.write" },
  pack: { from: ["picking"], to: "packed", action: "sales.ship" },
  cancel: { from: ["draft", "confirmed", "picking", "packed"], to: "cancelled", action: "sales.write" },
  close: { from: ["shipped"], to: "closed", action: "sales.write" },
};

/** Orders whose lines may be edited. */
export const SO_EDITABLE: readonly SoStatus[] = ["draft"];
/** Orders a pick list may take (their unpicked reservations). */
export const SO_PICKABLE: readonly SoStatus[] = ["confirmed", "picking"];
/** Orders that can be shipped: packed. */
export const SO_SHIPPABLE: readonly SoStatus[] = ["packed"];
/** Orders still to ship (open orders report, the dashboard). */
export const SO_OPEN: readonly SoStatus[] = ["confirmed", "picking", "packed"];

export type SoDecision =
  | { ok: true; to: SoStatus | null }
  | { ok: false; code: "INVALID_TRANSITION"; from: SoStatus; to: SoStatus | null; allowed: SoTransition[] }
  | { ok: false; code: "FORBIDDEN"; action: Action };

export function soTransitionsFrom(status: SoStatus): SoTransition[] {
  return SO_TRANSITIONS.filter((t) => SO_TRANSITION_TABLE[t].from.includes(status));
}

export function decideSales(status: SoStatus, transition: SoTransition, role: string): SoDecision {
  const rule = SO_TRANSITION_TABLE[transition];
  if (!rule.from.includes(status)) return { ok: false, code: "INVALID_TRANSITION", from: status, to: rule.to, allowed: soTransitionsFrom(status) };
  if (!can(role, rule.action)) return { ok: false, code: "FORBIDDEN", action: rule.action };
  return { ok: true, to: rule.to };
}

/** What the order page offers this role now. */
export function availableSalesTransitions(status: SoStatus, role: string): SoTransition[] {
  return soTransitionsFrom(status).filter((t) => decideSales(status, t, role).ok);
}
