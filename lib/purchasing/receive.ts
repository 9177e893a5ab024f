// Receiving against a purchase order (docs/purchasing.md "Receiving"), desktop, handheld and API.
//
// One transaction: lock the order row (FOR UPDATE; every change of an order takes this lock first,
// so two clerks receiving the last units of a line run one after the other and the second is told
// what is still open), check each line's open quantity (ordered + the supplier's tolerance −
// received), post ONE `in` movement through postMovement in the same transaction — referencing the
// order, at the order's unit price converted to base currency, with lots for lot-tracked products
// — then record the receipt, move the order to partially_received or received, and write the
// timeline event, the audit row and the creator's notification. The stock rows are locked after
// the order row, by stock_post in its global order; a plain movement never locks an order, so the
// lock order has no cycle.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type Tx } from "../db";
import { AppError, fieldError, keyedIssue, type MessageRef } from "../errors";
import { unitCostInBase } from "../money";
import { writeOutbox } from "../queue/outbox";
import { hashRequest, postMovement } from "../stock/post-movement";
import { idempotencyKeySchema } from "../stock/schemas";
import { normalizeIdentifier } from "../serials/identifier";
import { imeiDigits, imeiSchema } from "../serials/imei";
import { createSerialItem } from "../serials/items";
import { parse } from "../validation";
import { notifyOrderChange } from "./notify-order";
import { invalidTransition, lockOrder } from "./purchase-orders";
import { receiptSchema } from "./schemas";
import { RECEIVABLE, transitionsFrom } from "./states";

export type ReceiptResult = {
  order: string;
  status: string;
  movement: string;
  lines: { sku: string; quantity: number; receivedQuantity: number; openQuantity: number }[];
};

/** How many units of a line may still be received: ordered plus tolerance, minus received. */
export function openQuantity(ordered: number, received: number, tolerancePct: string | number): number {
  const allowed = Math.floor((ordered * (100 + Number(tolerancePct))) / 100 + 1e-9);
  return Math.max(0, allowed - received);
}

export async function receivePurchaseOrder(actor: Actor, number: string, input: unknown, opts: { idempotencyKey?: string | null } = {}): Promise<{ result: ReceiptResult; replayed: boolean }> {
  assertCan(actor, "purchase.receive");
  const data = parse(receiptSchema, input);
  let key: string | null = null;
  if (opts.idempotencyKey) {
    const k = idempotencyKeySchema.safeParse(opts.idempotencyKey);
    if (!k.success) throw new AppError("VALIDATION_FAILED", "The Idempotency-Key header is not valid.", { issues: [{ path: "Idempotency-Key", message: k.error.issues[0].message }] });
    key = k.data;
  }
  const requestHash = hashRequest({ number: number.trim().toUpperCase(), ...data });

  return db.$transaction(
    async (tx) => {
      const o = await lockOrder(tx, number);
      if (key) {
        const done = await tx.purchaseReceipt.findUnique({ where: { idempotencyKey: key }, include: { movement: { select: { number: true } } } });
        if (done) {
          if (done.orderId !== o.id || done.requestHash !== requestHash) {
            throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body.", undefined, { key: "movements.errors.keyReused" });
          }
          return { result: await resultOf(tx, o.id, done.movement.number), replayed: true };
        }
      }
      if (!RECEIVABLE.includes(o.status)) {
        throw invalidTransition(o.status, "partially_received", transitionsFrom(o.status), `${o.number} is ${o.status.replace("_", " ")}; only approved, partially or fully received orders that are not closed can be received.`, {
          key: "purchasing.errors.notReceivable",
          params: { status: o.status },
        });
      }
      const lines = await tx.purchaseOrderLine.findMany({
        where: { orderId: o.id },
        include: { product: { select: { id: true, sku: true, barcode: true, tracking: true } } },
        orderBy: { lineNo: "asc" },
      });
      // Receipt lines → order lines (by SKU or barcode, case-insensitive); the same product twice adds up.
      const wanted = new Map<string, number>();
      const movementLines: { sku: string; location: string; quantity: number; unitCost: string; lot?: string; expiresAt?: string; serials?: string[] }[] = [];
      /** Serial-tracked lines: index in movementLines → the serials scanned (IMEIs or identifiers). */
      const scanned = new Map<number, string[]>();
      data.lines.forEach((r, i) => {
        const code = r.sku.toUpperCase();
        const line = lines.find((l) => l.product.sku.toUpperCase() === code || l.product.barcode?.toUpperCase() === code);
        if (!line) {
          throw fieldError("VALIDATION_FAILED", `lines.${i}.sku`, `${r.sku} is not on ${o.number}.`, "purchasing.errors.notOnOrder", { sku: r.sku, number: o.number });
        }
        if (line.product.tracking === "lot" && !r.lot) {
          throw fieldError("VALIDATION_FAILED", `lines.${i}.lot`, `${line.product.sku} is lot-tracked: give the lot code.`, "purchasing.errors.lotRequired", { sku: line.product.sku });
        }
        if (line.product.tracking === "serial") {
          if ((r.serials?.length ?? 0) !== r.quantity) {
            const message = `${line.product.sku} is serial-tracked: scan one serial (IMEI) per unit (${r.serials?.length ?? 0} for ${r.quantity}).`;
            throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: `lines.${i}.serials`, message }] });
          }
          scanned.set(movementLines.length, r.serials!);
        }
        wanted.set(line.id, (wanted.get(line.id) ?? 0) + r.quantity);
        movementLines.push({
          sku: line.product.sku,
          location: data.location,
          quantity: r.quantity,
          unitCost: unitCostInBase(line.unitPrice.toString(), o.exchangeRate.toString()),
          ...(line.product.tracking === "lot" ? { lot: r.lot, ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}) } : {}),
        });
      });
      for (const [lineId, qty] of wanted) {
        const line = lines.find((l) => l.id === lineId)!;
        const open = openQuantity(line.quantity, line.receivedQuantity, o.supplier.receiptTolerancePct.toString());
        if (qty > open) {
          const message =
            open === 0
              ? `Nothing of ${line.product.sku} is open on ${o.number} any more (${line.receivedQuantity} of ${line.quantity} received).`
              : `Only ${open} of ${line.product.sku} ${open === 1 ? "is" : "are"} still open on ${o.number}; ${qty} would be too many.`;
          const ref: MessageRef = open === 0
            ? { key: "purchasing.errors.nothingOpen", params: { sku: line.product.sku } }
            : { key: "purchasing.errors.overReceipt", params: { sku: line.product.sku, open, requested: qty } };
          throw new AppError("VALIDATION_FAILED", message, {
            reason: "OVER_RECEIPT",
            sku: line.product.sku,
            ordered: line.quantity,
            received: line.receivedQuantity,
            open,
            requested: qty,
            issues: [keyedIssue("lines", message, ref.key, ref.params)],
          }, ref);
        }
      }

      // Serials: an item already registered for this product (planned or in transit, e.g. from the
      // order) is received as it is; a new IMEI becomes an item whose source is this order.
      for (const [k, serials] of scanned) {
        const ml = movementLines[k];
        ml.serials = [];
        for (const [n, raw] of serials.entries()) {
          ml.serials.push(await serialForReceipt(tx, actor, o.number, ml.sku, raw, `lines.${k}.serials.${n}`));
        }
      }

      const { result: movement } = await postMovement(
        actor,
        { type: "in", reference: o.number, note: data.note ?? `Receipt against ${o.number}`, lines: movementLines },
        { tx },
      );
      for (const [lineId, qty] of wanted) {
        await tx.purchaseOrderLine.update({ where: { id: lineId }, data: { receivedQuantity: { increment: qty } } });
      }
      const after = await tx.purchaseOrderLine.findMany({ where: { orderId: o.id }, select: { quantity: true, receivedQuantity: true } });
      const to = after.every((l) => l.receivedQuantity >= l.quantity) ? "received" : "partially_received";
      await tx.purchaseReceipt.create({
        data: {
          orderId: o.id,
          movementId: movement.id,
          idempotencyKey: key,
          requestHash,
          actorId: actor.id,
          lines: { create: [...wanted].map(([orderLineId, quantity]) => ({ orderLineId, quantity })) },
        },
      });
      const received = [...wanted].map(([id, quantity]) => ({ sku: lines.find((l) => l.id === id)!.product.sku, quantity }));
      const event = await tx.purchaseOrderEvent.create({
        data: { orderId: o.id, action: "receive", fromStatus: o.status, toStatus: to, actorId: actor.id, channel: actor.channel, data: { movement: movement.number, lines: received } },
      });
      await tx.purchaseOrder.update({ where: { id: o.id }, data: { status: to } });
      await writeAudit(tx, actor, { action: "purchase_order.receive", entity: "purchase_order", entityId: o.id, before: { status: o.status }, after: { status: to, movement: movement.number, lines: received } });
      await writeOutbox(tx, "purchase_order.status_changed", { orderId: o.id, number: o.number, action: "receive", from: o.status, to, movementId: movement.id });
      await notifyOrderChange(tx, actor, {
        eventId: event.id,
        orderId: o.id,
        number: o.number,
        supplier: o.supplier.name,
        action: "receive",
        from: o.status,
        to,
        createdById: o.createdById,
        received,
      });
      return { result: await resultOf(tx, o.id, movement.number), replayed: false };
    },
    { timeout: 30_000 },
  );
}

async function serialForReceipt(tx: Tx, actor: Actor, order: string, sku: string, raw: string, path: string): Promise<string> {
  const identifier = normalizeIdentifier(raw);
  const existing = await tx.serialItem.findFirst({
    where: { deletedAt: null, product: { sku }, OR: [...(identifier ? [{ identifier }] : []), ...(imeiDigits(raw) ? [{ imei: imeiDigits(raw)! }] : [])] },
    select: { identifier: true },
  });
  if (existing) return existing.identifier; // stock_post checks its state under its lock
  const imei = imeiSchema.safeParse(raw);
  if (!imei.success) {
    const message = `"${raw}" is neither a known serial of ${sku} nor a valid IMEI.`;
    throw new AppError("VALIDATION_FAILED", message, { issues: [{ path, message }] });
  }
  const item = await createSerialItem(actor, { sku, source: { kind: "purchase_order", ref: order }, imei: imei.data }, tx);
  return item.identifier;
}

async function resultOf(tx: Tx, orderId: string, movement: string): Promise<ReceiptResult> {
  const o = await tx.purchaseOrder.findUniqueOrThrow({
    where: { id: orderId },
    include: { lines: { orderBy: { lineNo: "asc" }, include: { product: { select: { sku: true } } } } },
  });
  return {
    order: o.number,
    status: o.status,
    movement,
    lines: o.lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, receivedQuantity: l.receivedQuantity, openQuantity: Math.max(0, l.quantity - l.receivedQuantity) })),
  };
}
