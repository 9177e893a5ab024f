// Every action code the audit log is written with (writeAudit in lib/, and stock_post's
// "movement.post" in SQL). The audit page says each in the user's language
// (messages/<locale>/admin.json `auditActions`, keyed by auditActionKey) and offers them in its
// action filter; tests/unit/audit-actions.test.ts checks that every code written in lib/ is listed
// here and labelled in both languages.
import { PO_TRANSITIONS } from "../purchasing/states";
import { SO_TRANSITIONS } from "../sales/states";
import { SERIAL_STATUSES } from "../serials/states";

export const AUDIT_ACTIONS = [
  "alert.open", "alert.escalate", "alert.deescalate", "alert.acknowledge", "alert.resolve",
  "apiToken.create", "apiToken.manage", "apiToken.revoke",
  "category.create", "category.update", "category.delete",
  "count.create", "count.record", "count.approve", "count.cancel",
  "customer.create", "customer.update", "customer.delete",
  "exchange_rate.set",
  "import.run",
  "job.run", "job.retry", "job.remove",
  "location.create", "location.update",
  "movement.post", "movement.reverse",
  "pick_list.create", "pick_list.pick",
  "product.create", "product.update", "product.delete", "product.restore",
  "purchase_order.create", "purchase_order.update", "purchase_order.receive",
  ...PO_TRANSITIONS.map((t) => `purchase_order.${t}` as const),
  "purchasing.settings",
  "sales_order.create", "sales_order.update", "sales_order.ship", "sales_order.backorder",
  ...SO_TRANSITIONS.map((t) => `sales_order.${t}` as const),
  "settings.entry",
  "shipment.return",
  "sequence.create", "sequence.update", "sequence.next", "sequence.range.update",
  "serial_item.create", "serial_item.update", "serial_item.delete", "serial_item.arrival_check_1", "serial_item.arrival_check_2", "serial_item.resolve",
  ...SERIAL_STATUSES.map((s) => `serial_item.to_${s}` as const),
  "serial_source.create", "serial_source.delete",
  "stock.reconcile", "stock.rebuild",
  "supplier.create", "supplier.update", "supplier.tolerance", "supplier.delete", "supplier.product", "supplier.product.remove",
  "user.create", "user.update", "user.deactivate", "user.reactivate", "user.locale",
  "variantGroup.create", "variantGroup.update", "variantGroup.delete",
  "warehouse.create", "warehouse.update",
  "webhook.create", "webhook.update", "webhook.delete", "webhook.rotate_secret", "webhook.redeliver", "webhook.ping", "webhook.disable",
] as const;

/** The message key of an action's label: dots are namespace separators in messages, so "_". */
export function auditActionKey(action: string): string {
  return action.replaceAll(".", "_");
}

export const AUDIT_CHANNELS = ["web", "handheld", "api", "import", "job"] as const;
