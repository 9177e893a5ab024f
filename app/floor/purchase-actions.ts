"use server";
// Receiving against a purchase order on the handheld (docs/floor.md "Receiving against a purchase
// order"): the orders expected by today, one order's lines with what is still open, and the receipt
// itself through receivePurchaseOrder (lib/purchasing/receive.ts), which locks the order and checks
// the open quantities again. Online only: nothing here goes through the floor's outbox.
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { companyTodayIso, getPurchaseOrder, listPurchaseOrders } from "@/lib/purchasing/purchase-orders";
import { openQuantity, receivePurchaseOrder } from "@/lib/purchasing/receive";
import type { PurchaseOrderSummaryDto } from "@/lib/purchasing/schemas";
import type { Actor } from "@/lib/auth/permissions";

export type FloorOrderLine = {
  sku: string;
  name: string;
  tracking: string;
  ordered: number;
  received: number;
  /** Ordered − received: what the order still waits for. */
  open: number;
  /** What may still be received: ordered + the supplier's tolerance − received (what the server allows). */
  allowed: number;
};

export type FloorOrder = {
  number: string;
  status: PurchaseOrderSummaryDto["status"];
  supplier: { code: string; name: string };
  expectedDate: string | null;
  /** Approved or partially received, and this user may receive. */
  receivable: boolean;
  lines: FloorOrderLine[];
};

export type FloorExpectedOrder = {
  number: string;
  status: PurchaseOrderSummaryDto["status"];
  supplier: string;
  expectedDate: string | null;
  overdue: boolean;
};

export type FloorReceiptOutcome =
  | { kind: "received"; movement: string; order: FloorOrder }
  /** Refused: more than is still open (another clerk may have received first); `order` as it is now. */
  | { kind: "over"; sku: string; open: number; requested: number; order: FloorOrder };

const isText = (v: unknown, max = 64): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max;
const badRequest = { ok: false as const, error: { code: "BAD_REQUEST" as const, message: "The request is not valid." } };

async function floorOrder(actor: Actor, number: string): Promise<FloorOrder> {
  const o = await getPurchaseOrder(actor, number);
  const tolerance = o.receiptTolerancePct;
  return {
    number: o.number,
    status: o.status,
    supplier: o.supplier,
    expectedDate: o.expectedDate,
    receivable: o.canReceive,
    lines: o.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      tracking: l.tracking,
      ordered: l.quantity,
      received: l.receivedQuantity,
      open: l.openQuantity,
      allowed: openQuantity(l.quantity, l.receivedQuantity, tolerance),
    })),
  };
}

/** Approved and partially received orders expected by today (or with no date), overdue first. */
export async function expectedOrdersAction(): Promise<ActionResult<FloorExpectedOrder[]>> {
  return localizeStockResult(
    await runAction(async (actor) => {
      const today = await companyTodayIso();
      const page = await listPurchaseOrders(actor, { expectedBy: today, limit: 100 });
      return page.items
        .map((o) => ({ number: o.number, status: o.status, supplier: o.supplier.name, expectedDate: o.expectedDate, overdue: o.expectedDate !== null && o.expectedDate < today }))
        .sort((a, b) => (a.expectedDate ?? "9999").localeCompare(b.expectedDate ?? "9999") || a.number.localeCompare(b.number));
    }, "handheld"),
  );
}

/** One order with its lines and what is open; null when there is no such order. */
export async function floorOrderAction(number: unknown): Promise<ActionResult<FloorOrder | null>> {
  if (!isText(number)) return { ok: true, data: null };
  return localizeStockResult(
    await runAction(async (actor) => {
      try {
        return await floorOrder(actor, number);
      } catch (e) {
        if (e instanceof AppError && e.code === "NOT_FOUND") return null;
        throw e;
      }
    }, "handheld"),
  );
}

/**
 * Posts one receipt against `number` (location + lines, as receivePurchaseOrder takes them) with the
 * confirmation's Idempotency-Key: a resend after a lost answer is a replay, not a second receipt.
 * An over-receipt comes back as data (`kind: "over"`) with what is open now.
 */
export async function receiveOrderAction(number: unknown, input: unknown, idempotencyKey: unknown): Promise<ActionResult<FloorReceiptOutcome>> {
  if (!isText(number) || !isText(idempotencyKey, 255)) return badRequest;
  return localizeStockResult(
    await runAction(async (actor): Promise<FloorReceiptOutcome> => {
      try {
        const { result } = await receivePurchaseOrder(actor, number, input, { idempotencyKey });
        return { kind: "received", movement: result.movement, order: await floorOrder(actor, result.order) };
      } catch (e) {
        if (e instanceof AppError && e.details?.reason === "OVER_RECEIPT") {
          const d = e.details as { sku: string; open: number; requested: number };
          return { kind: "over", sku: d.sku, open: d.open, requested: d.requested, order: await floorOrder(actor, number) };
        }
        throw e;
      }
    }, "handheld"),
  );
}
