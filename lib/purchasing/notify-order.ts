// Who hears about a purchase order's change (docs/purchasing.md "Notifications"): an in-app
// notification per person and one email, written in the transaction of the change and keyed by the
// timeline event, so a retried job or a restarted worker never sends it twice. Emails are in
// English and Chinese (users have no stored language); the bell renders the reader's language from
// the kind `purchase.changed` and its data.
import type { Actor } from "../auth/permissions";
import type { DbClient } from "../db";
import { appUrl, notify, recipientsFor, type Recipient } from "../notifications/notify";
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

const STATUS_EN: Record<PoStatus, string> = {
  draft: "draft",
  submitted: "submitted",
  rejected: "rejected",
  approved: "approved",
  partially_received: "partially received",
  received: "received",
  closed: "closed",
  cancelled: "cancelled",
};
const STATUS_ZH: Record<PoStatus, string> = {
  draft: "草稿",
  submitted: "已提交",
  rejected: "已驳回",
  approved: "已批准",
  partially_received: "部分收货",
  received: "已收货",
  closed: "已关闭",
  cancelled: "已取消",
};

async function userById(tx: DbClient, id: string): Promise<Recipient[]> {
  return tx.user.findMany({ where: { id, active: true }, select: { id: true, email: true } });
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
  const stepEn = change.step && change.steps === 2 && change.to === "submitted" ? " (first of two approvals; a manager approves next)" : "";
  const stepZh = change.step && change.steps === 2 && change.to === "submitted" ? "（两级审批的第一级，待经理审批）" : "";
  const receivedEn = change.received?.length ? `\nReceived: ${change.received.map((r) => `${r.sku} × ${r.quantity}`).join(", ")}` : "";
  const receivedZh = change.received?.length ? `\n本次收货：${change.received.map((r) => `${r.sku} × ${r.quantity}`).join("，")}` : "";
  const reasonEn = change.reason ? `\nReason: ${change.reason}` : "";
  const reasonZh = change.reason ? `\n原因：${change.reason}` : "";
  const subject = `${change.number} ${STATUS_EN[change.to]}${stepEn ? " (1/2)" : ""} · ${STATUS_ZH[change.to]}`;
  const text = [
    `Purchase order ${change.number} (${change.supplier}) is now ${STATUS_EN[change.to]}${stepEn}, by ${who}.${reasonEn}${receivedEn}`,
    `Open it: ${link}`,
    "",
    `采购订单 ${change.number}（${change.supplier}）现为「${STATUS_ZH[change.to]}」${stepZh}，操作人：${who}。${reasonZh}${receivedZh}`,
    `查看：${link}`,
  ].join("\n");
  await notify(tx, to, {
    kind: "purchase.changed",
    data: { number: change.number, supplier: change.supplier, from: change.from, to: change.to, action: change.action, by: who, step: change.step ?? null, steps: change.steps ?? null },
    dedupeKey: `po-event:${change.eventId}`,
    email: { subject, text },
  });
}
