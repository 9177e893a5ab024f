// The purchase order state machine: ONE table, read by the domain (lib/purchasing/purchase-orders.ts),
// the order page's buttons, the API documentation (docs/purchasing.md) and the unit tests.
//
//   draft → submitted → approved → partially_received → received → closed
//   submitted → rejected (reason required) → draft (reopen)
//   cancelled from draft, submitted or approved — never after a receipt
//
// Approval has one step, or two when the order's total in base currency is above the company's
// threshold when it is submitted: an approver, then a manager. Nobody approves an order they
// created or last edited, and the second approval is not the first approver's (every channel: the
// rule is here, not in a page).
import type { Action } from "../auth/permissions";
import { can } from "../auth/permissions";

export const PO_STATUSES = ["draft", "submitted", "rejected", "approved", "partially_received", "received", "closed", "cancelled"] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export const PO_TRANSITIONS = ["submit", "approve", "reject", "reopen", "cancel", "close"] as const;
export type PoTransition = (typeof PO_TRANSITIONS)[number];

type Rule = {
  from: readonly PoStatus[];
  to: PoStatus;
  /** The permission it takes (docs/product.md §7). */
  action: Action;
  /** The permission of the second step of a two-step approval. */
  secondStep?: Action;
  reasonRequired?: boolean;
};

export const TRANSITION_TABLE: Record<PoTransition, Rule> = {
  submit: { from: ["draft"], to: "submitted", action: "purchase.write" },
  approve: { from: ["submitted"], to: "approved", action: "purchase.approve", secondStep: "purchase.finalApprove" },
  reject: { from: ["submitted"], to: "rejected", action: "purchase.approve", reasonRequired: true },
  reopen: { from: ["rejected"], to: "draft", action: "purchase.write" },
  cancel: { from: ["draft", "submitted", "approved"], to: "cancelled", action: "purchase.approve" },
  close: { from: ["partially_received", "received"], to: "closed", action: "purchase.close" },
};

/**
 * Receipts are not a transition one asks for: posting one moves the order to partially_received
 * or received (lib/purchasing/receive.ts). A received order still takes what the supplier's
 * tolerance allows over the ordered quantities, until a manager closes it; and a clerk who
 * receives a line someone else just completed is told what is open (nothing) rather than that the
 * order changed state.
 */
export const RECEIVABLE: readonly PoStatus[] = ["approved", "partially_received", "received"];
export const EDITABLE: readonly PoStatus[] = ["draft"];

export type OrderFacts = {
  status: PoStatus;
  approvalsRequired: number;
  approvals: number;
  createdById: string;
  lastEditedById: string;
  firstApproverId: string | null;
};
export type Who = { id: string; role: string };

export type Decision =
  | { ok: true; to: PoStatus; step?: 1 | 2; final: boolean }
  | { ok: false; code: "INVALID_TRANSITION"; from: PoStatus; to: PoStatus; allowed: PoTransition[] }
  | { ok: false; code: "FORBIDDEN"; reason: "role" | "own_order" | "same_approver"; action: Action };

/** The transitions the order's state allows, whoever asks. */
export function transitionsFrom(status: PoStatus): PoTransition[] {
  return PO_TRANSITIONS.filter((t) => TRANSITION_TABLE[t].from.includes(status));
}

/** Whether `who` may apply `transition` to the order now, and where it leads. */
export function decide(order: OrderFacts, transition: PoTransition, who: Who): Decision {
  const rule = TRANSITION_TABLE[transition];
  if (!rule.from.includes(order.status)) {
    return { ok: false, code: "INVALID_TRANSITION", from: order.status, to: rule.to, allowed: transitionsFrom(order.status) };
  }
  if (transition !== "approve") {
    if (!can(who.role, rule.action)) return { ok: false, code: "FORBIDDEN", reason: "role", action: rule.action };
    return { ok: true, to: rule.to, final: true };
  }
  const step: 1 | 2 = order.approvalsRequired === 2 && order.approvals >= 1 ? 2 : 1;
  const action = step === 2 ? rule.secondStep! : rule.action;
  if (!can(who.role, action)) return { ok: false, code: "FORBIDDEN", reason: "role", action };
  if (who.id === order.createdById || who.id === order.lastEditedById) return { ok: false, code: "FORBIDDEN", reason: "own_order", action };
  if (step === 2 && who.id === order.firstApproverId) return { ok: false, code: "FORBIDDEN", reason: "same_approver", action };
  const final = step === order.approvalsRequired;
  return { ok: true, to: final ? "approved" : "submitted", step, final };
}

/** What the order page offers `who` (every transition `decide` would let through). */
export function availableTransitions(order: OrderFacts, who: Who): PoTransition[] {
  return transitionsFrom(order.status).filter((t) => decide(order, t, who).ok);
}

/** The message keys of FORBIDDEN_MESSAGES. */
export const FORBIDDEN_KEYS: Record<"role" | "own_order" | "same_approver", string> = {
  role: "validation.forbidden",
  own_order: "purchasing.errors.ownOrder",
  same_approver: "purchasing.errors.sameApprover",
};
export const FORBIDDEN_MESSAGES: Record<"role" | "own_order" | "same_approver", string> = {
  role: "You do not have permission to do this.",
  own_order: "You cannot approve an order you created or last edited.",
  same_approver: "The second approval must come from someone other than the first approver.",
};
