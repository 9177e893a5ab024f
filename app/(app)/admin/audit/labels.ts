// The audit log in the user's language: action and channel labels (messages/<locale>/admin.json)
// and the page of the record an entry is about. Used by the list and the detail page.
import type { getTranslations } from "next-intl/server";
import { auditActionKey } from "@/lib/audit/actions";
import type { AuditEntryDto } from "@/lib/audit/list-audit";

type T = Awaited<ReturnType<typeof getTranslations<"admin">>>;

/** An action code in the user's language (the code itself when it has no label). */
export function actionLabel(t: T, action: string): string {
  const key = `auditActions.${auditActionKey(action)}`;
  return t.has(key as never) ? t(key as never) : action;
}

export function channelLabel(t: T, channel: string): string {
  const key = `channels.${channel}`;
  return t.has(key as never) ? t(key as never) : channel;
}

/** The page of the record an entry is about, when it has one. */
export function subjectHref(entry: AuditEntryDto): string | null {
  const id = encodeURIComponent(entry.entityId);
  const s = entry.subject ? encodeURIComponent(entry.subject) : null;
  switch (entry.entity) {
    case "movement":
      return `/movements/${id}`;
    case "count_session":
      return `/counts/${id}`;
    case "pick_list":
      return `/sales/pick-lists/${id}`;
    case "serial_item":
      return `/serials/${id}`;
    case "product":
      return s && `/products/${s}`;
    case "location":
      return s && `/locations/${s}`;
    case "purchase_order":
      return s && `/purchasing/orders/${s}`;
    case "sales_order":
      return s && `/sales/orders/${s}`;
    case "supplier":
      return s && `/purchasing/suppliers/${s}`;
    case "customer":
      return s && `/sales/customers/${s}`;
    default:
      return null;
  }
}
