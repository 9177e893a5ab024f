// Who hears about a purchase order's change (docs/purchasing.md "Notifications"): an in-app
// notification per person and one email, written in the transaction of the change and keyed by the
// timeline event, so a retried job or a restarted worker never sends it twice. Each email is in its
// recipients' language (users.locale); the bell renders the reader's language from the kind
// `purchase.changed` and its data.
import type { Actor } from "../auth/permissions";
import type { DbClient } from "../db";
import type { Locale } from "../i18n/config";
import { translatorFor } from "../i18n/messages";
import { appUrl, notify, recipientSelect, recipientsFor, type Recipient } from "../notifications/notify";
import type { PoStatus } from "./states";

export type OrderChange = {
  eventId: string;
  orderId: string;
  number: string;
  supplier: string;
  action: "submit" | "approve" | "reject" | "reopen" | "cancel" | "close" | "receive";
  from: PoStatus;
  to: PoStatus;
  createdById: string;
  /** approve: 1 of 2 (a manager's approval follows). */
  step?: number;
  steps?: number;
  reason?: string | null;
  received?: { sku: string; quantity: number }[];
};

async function userById(tx: DbClient, id: string): Promise<Recipient[]> {
  return tx.user.findMany({ where: { id, active: true }, select: recipientSelect });
}

/** The people concerned by the change, without the one who made it. */
async function recipients(tx: DbClient, change: OrderChange, actor: Actor): Promise<Recipient[]> {
  const creator = () => userById(tx, change.createdById);
  let list: Recipient[] = [];
  switch (change.action) {
    case "submit":
      list = await recipientsFor(tx, "purchase.approve");
      break;
    case "approve":
      list = change.to === "approved"
        ? [...(await creator()), ...(await recipientsFor(tx, "purchase.receive"))]
        : [...(await creator()), ...(await recipientsFor(tx, "purchase.finalApprove"))];
      break;
    case "cancel":
      list = [...(await creator()), ...(change.from === "approved" ? await recipientsFor(tx, "purchase.receive") : [])];
      break;
    case "reject":
    case "reopen":
    case "close":
    case "receive":
      list = await creator();
      break;
  }
  const seen = new Set<string>();
  return list.filter((r) => r.id !== actor.id && !seen.has(r.id) && (seen.add(r.id), true));
}

export async function notifyOrderChange(tx: DbClient, actor: Actor, change: OrderChange): Promise<void> {
  const to = await recipients(tx, change, actor);
  if (to.length === 0) return;
  const who = (await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } }))?.name ?? "";
  const link = appUrl(`/purchasing/orders/${encodeURIComponent(change.number)}`);
  const firstStep = change.step && change.steps === 2 && change.to === "submitted" ? "yes" : "no";
  // In each recipient's language (messages/<locale>/emails.json; the state from purchasing.statuses).
  const email = async (locale: Locale) => {
    const t = await translatorFor(locale);
    const status = t(`purchasing.statuses.${change.to}`);
    const v = { number: change.number, supplier: change.supplier, by: who, status: locale === "en" ? status.toLowerCase() : status, firstStep };
    const sep = locale === "zh" ? "，" : ", ";
    return {
      subject: t("emails.purchase.subject", v),
      text: [
        t("emails.purchase.body", v),
        ...(change.reason ? [t("emails.purchase.reason", { reason: change.reason })] : []),
        ...(change.received?.length ? [t("emails.purchase.received", { lines: change.received.map((r) => `${r.sku} × ${r.quantity}`).join(sep) })] : []),
        t("emails.purchase.open", { url: link }),
      ].join("\n"),
    };
  };
  await notify(tx, to, {
    kind: "purchase.changed",
    data: { number: change.number, supplier: change.supplier, from: change.from, to: change.to, action: change.action, by: who, step: change.step ?? null, steps: change.steps ?? null },
    dedupeKey: `po-event:${change.eventId}`,
    email,
  });
}
