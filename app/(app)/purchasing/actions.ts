"use server";
// Purchase order server actions: each is runAction → the lib/purchasing domain function, which
// checks permission, validates, locks the order and writes its timeline, audit and notifications.
// Here the domain's English errors become the user's language (components/purchasing/orders/
// messages.ts, then the stock and shared validation messages), with the details runAction would
// drop (the order's state, an over-receipt's line) turned into readable text.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { purchaseMessage } from "@/components/purchasing/orders/messages";
import { runAction, type ActionResult } from "@/lib/action";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, keyedIssue, type Issue } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { createPurchaseOrder, transitionPurchaseOrder, updatePurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { createReorderDrafts, type ReorderDraftsResult } from "@/lib/purchasing/reorder-drafts";
import { PO_STATUSES, type PoStatus, type PoTransition } from "@/lib/purchasing/states";

type Saved = ActionResult<{ number: string }>;
type Moved = ActionResult<{ number: string; status: PoStatus; approvals: number; approvalsRequired: number }>;
type Received = ActionResult<{ number: string; status: string; movement: string; replayed: boolean }>;

const badRequest = { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "The request is not valid." } };
const isNumber = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;
const isStatus = (v: unknown): v is PoStatus => typeof v === "string" && (PO_STATUSES as readonly string[]).includes(v);

/** The domain's refusal, said in the user's language with what it knows (state, over-received line). */
async function readable(e: unknown, receiptSkus: string[] = []): Promise<unknown> {
  if (!(e instanceof AppError)) return e;
  if (e.code === "VALIDATION_FAILED" && e.details?.reason === "OVER_RECEIPT" && e.messageKey) {
    // Said by key; the issue goes to the receipt line of its SKU.
    const i = receiptSkus.findIndex((s) => s.toUpperCase() === String(e.details?.sku).toUpperCase());
    const ref = { key: e.messageKey, params: e.params };
    return new AppError(e.code, e.message, { ...e.details, issues: [keyedIssue(i >= 0 ? `lines.${i}.quantity` : "lines", e.message, ref.key, ref.params)] }, ref);
  }
  // Said by key: translated by localizeResult (lib/i18n/localize-error.ts).
  if (e.messageKey) return e;
  const t = await getTranslations("purchasing");
  const status = (s: unknown) => (isStatus(s) ? t(`statuses.${s}`).toLowerCase() : String(s));
  if (e.code === "INVALID_TRANSITION") {
    const from = e.details?.from;
    const message = /^Only draft orders can be edited/.test(e.message)
      ? t("errors.notDraft", { status: status(from) })
      : / can be received\.$/.test(e.message)
        ? t("errors.notReceivable", { status: status(from) })
        : t("errors.invalidTransition", { from: status(from) });
    return new AppError(e.code, message, e.details);
  }
  if (e.code === "VALIDATION_FAILED" && e.details?.reason === "OVER_RECEIPT") {
    const sku = String(e.details.sku);
    const open = Number(e.details.open);
    const message = open === 0 ? t("errors.nothingOpen", { sku }) : t("errors.overReceipt", { sku, open: String(open), requested: String(e.details.requested) });
    const i = receiptSkus.findIndex((s) => s.toUpperCase() === sku.toUpperCase());
    return new AppError(e.code, message, { ...e.details, issues: [{ path: i >= 0 ? `lines.${i}.quantity` : "lines", message }] });
  }
  const tr = (m: string) => {
    const match = purchaseMessage(m);
    return match && t.has(`errors.${match.key}`) ? t(`errors.${match.key}`, match.values) : m;
  };
  const issues = e.details?.issues as Issue[] | undefined;
  return new AppError(e.code, tr(e.message), { ...e.details, ...(issues ? { issues: issues.map((i) => (i.messageKey ? i : { path: i.path, message: tr(i.message) })) } : {}) });
}

async function attempt<T>(fn: (actor: Actor) => Promise<T>, receiptSkus?: string[]): Promise<ActionResult<T>> {
  const r = await runAction<T>(async (actor) => {
    try {
      return await fn(actor);
    } catch (e) {
      throw await readable(e, receiptSkus);
    }
  });
  return localizeStockResult(r);
}

function done() {
  revalidatePath("/purchasing", "layout");
}

export async function createOrderAction(input: unknown): Promise<Saved> {
  const r = await attempt(async (actor) => ({ number: (await createPurchaseOrder(actor, input)).number }));
  if (r.ok) done();
  return r;
}

export async function updateOrderAction(number: string, input: unknown): Promise<Saved> {
  if (!isNumber(number)) return localizeStockResult(badRequest);
  const r = await attempt(async (actor) => ({ number: (await updatePurchaseOrder(actor, number, input)).number }));
  if (r.ok) done();
  return r;
}

export async function transitionOrderAction(number: string, action: PoTransition, reason?: string): Promise<Moved> {
  if (!isNumber(number) || typeof action !== "string" || (reason !== undefined && typeof reason !== "string")) return localizeStockResult(badRequest);
  const r = await attempt(async (actor) => {
    const o = await transitionPurchaseOrder(actor, number, { action, ...(reason !== undefined ? { reason } : {}) });
    return { number: o.number, status: o.status, approvals: o.approvals, approvalsRequired: o.approvalsRequired };
  });
  if (r.ok) done();
  return r;
}

export async function receiveOrderAction(number: string, input: unknown, idempotencyKey: string): Promise<Received> {
  if (!isNumber(number)) return localizeStockResult(badRequest);
  const key = typeof idempotencyKey === "string" && idempotencyKey ? idempotencyKey : null;
  const lines = (input as { lines?: unknown } | null)?.lines;
  const skus = Array.isArray(lines) ? lines.map((l) => String((l as { sku?: unknown } | null)?.sku ?? "")) : [];
  const r = await attempt(async (actor) => {
    const { result, replayed } = await receivePurchaseOrder(actor, number, input, { idempotencyKey: key });
    return { number: result.order, status: result.status, movement: result.movement, replayed };
  }, skus);
  if (r.ok) {
    done();
    revalidatePath("/stock");
    revalidatePath("/movements");
  }
  return r;
}

/** The reorder report's "Create draft orders": one draft per preferred supplier (lib/purchasing/reorder-drafts.ts). */
export async function createReorderDraftsAction(filters: unknown): Promise<ActionResult<ReorderDraftsResult>> {
  const r = await attempt((actor) => createReorderDrafts(actor, filters));
  if (r.ok) done();
  return r;
}
