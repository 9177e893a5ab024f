// The one role → actions table (docs/product.md §7). Checked on the server by every domain operation;
// the UI only uses it to hide what a role cannot do. Unknown roles and actions are denied.
import { AppError } from "../errors";

export const ROLES = ["admin", "manager", "clerk", "purchaser", "approver", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "catalog.read", // products, categories, variant groups
  "catalog.write",
  "location.read", // warehouses and locations
  "location.write",
  "stock.read", // levels, movements, ledger, lots
  "movement.post", // in, out, transfer
  "movement.adjust", // adjust, write_off
  "count.perform",
  "count.approve",
  "alert.read",
  "alert.acknowledge",
  "report.read",
  "supplier.read",
  "supplier.write",
  "purchase.read",
  "purchase.write", // create, edit drafts, submit
  "purchase.approve", // approve, reject, cancel
  "purchase.finalApprove", // the second approval of an order above the threshold
  "purchase.close",
  "purchase.settings", // approval threshold, suppliers' receipt tolerance
  "rate.write", // exchange rates
  "purchase.receive",
  "serial.read",
  "serial.write",
  "sales.read", // customers, customer orders, pick lists, shipments
  "sales.write", // customers; create, edit, confirm, re-reserve, cancel, close orders
  "sales.pick", // create pick lists and pick them
  "sales.ship", // pack and ship
  "sequence.read",
  "sequence.manage",
  "user.read",
  "user.manage",
  "apiToken.manage",
  "webhooks.manage", // outgoing webhook endpoints, their secrets and delivery log (admins)
  "audit.read",
  "reconcile.run",
  "queue.manage",
  "settings.manage", // company settings such as the entry confirmation limit (admins)
  "import.run", // CSV import of products and opening stock
  "label.print", // barcode label PDFs
  "admin.access", // may open the admin area at all
] as const;
export type Action = (typeof ACTIONS)[number];

const READ: Action[] = [
  "catalog.read",
  "location.read",
  "stock.read",
  "alert.read",
  "supplier.read",
  "purchase.read",
  "serial.read",
  "sales.read",
];

export const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(ACTIONS),
  manager: new Set<Action>([
    ...READ,
    "catalog.write",
    "location.write",
    "movement.post",
    "movement.adjust",
    "count.perform",
    "count.approve",
    "alert.acknowledge",
    "report.read",
    "serial.write",
    "sales.write",
    "sales.pick",
    "sales.ship",
    "purchase.receive",
    "purchase.finalApprove",
    "purchase.close",
    "purchase.settings",
    "rate.write",
    "sequence.read",
    "user.read",
    "audit.read",
    "import.run",
    "label.print",
    "admin.access",
  ]),
  clerk: new Set<Action>([...READ, "movement.post", "count.perform", "purchase.receive", "serial.write", "sales.pick", "sales.ship", "label.print"]),
  purchaser: new Set<Action>([...READ, "supplier.write", "purchase.write", "report.read"]),
  approver: new Set<Action>([...READ, "purchase.approve"]),
  viewer: new Set<Action>([...READ, "report.read"]),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: string | null | undefined, action: Action): boolean {
  if (!isRole(role)) return false;
  return PERMISSIONS[role].has(action);
}

/**
 * Who is acting, and through which channel; every domain operation takes one. `scope` is set when
 * the actor comes from an API token: "read" tokens may only use safe methods (lib/http.ts checks).
 */
export type Actor = { id: string; role: Role; channel: "web" | "handheld" | "api" | "import" | "job"; scope?: "read" | "read_write" };

export function assertCan(actor: Pick<Actor, "role">, action: Action): void {
  if (!can(actor.role, action)) {
    throw new AppError("FORBIDDEN", "You do not have permission to do this.", { action });
  }
}
