// Purchase orders (docs/purchasing.md): create and edit drafts, transitions through the one state
// table (./states.ts), reads. Receipts are in ./receive.ts. Every change locks the order row first
// (SELECT … FOR UPDATE), so concurrent transitions and receipts of one order run one at a time, and
// writes its timeline event, its audit row and its notifications in the same transaction.
import { z } from "zod";
import { assertCan, can, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma, type Tx } from "../db";
import { readDb } from "../read-replica";
import { AppError, fieldError, fromDatabaseError, type MessageRef } from "../errors";
import { compareAmounts, formatAmount, lineAmount, roundAmount, sumAmounts, toBase } from "../money";
import { PURCHASE_ORDER_SEQUENCE } from "../numbering/codes";
import { nextNumber } from "../numbering/next-number";
import { decodeCursor, toPage, type Page } from "../pagination";
import { writeOutbox } from "../queue/outbox";
import { isoDateTime, parse } from "../validation";
import { companyPurchasing, rateOn } from "./exchange-rates";
import { notifyOrderChange } from "./notify-order";
import {
  purchaseOrderCreateSchema,
  purchaseOrderListQuerySchema,
  purchaseOrderUpdateSchema,
  transitionSchema,
  type PersonDto,
  type PurchaseOrderDto,
  type PurchaseOrderSummaryDto,
} from "./schemas";
import { findProductByCode, findSupplier } from "./suppliers";
import { availableTransitions, decide, EDITABLE, FORBIDDEN_KEYS, FORBIDDEN_MESSAGES, type PoStatus, type PoTransition } from "./states";

const person = { select: { id: true, name: true, email: true } } as const;
const summaryInclude = { supplier: { select: { code: true, name: true } }, createdBy: person } as const;
const detailInclude = {
  ...summaryInclude,
  supplier: { select: { code: true, name: true, receiptTolerancePct: true } },
  lastEditedBy: person,
  lines: { orderBy: { lineNo: "asc" }, include: { product: { select: { sku: true, name: true, tracking: true } } } },
  events: { orderBy: { createdAt: "asc" }, include: { actor: person } },
  receipts: {
    orderBy: { createdAt: "asc" },
    include: { movement: { select: { number: true } }, actor: person, lines: { include: { orderLine: { select: { product: { select: { sku: true } } } } } } },
  },
} as const satisfies Prisma.PurchaseOrderInclude;
type SummaryRow = Prisma.PurchaseOrderGetPayload<{ include: typeof summaryInclude }>;
type DetailRow = Prisma.PurchaseOrderGetPayload<{ include: typeof detailInclude }>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const who = (u: PersonDto): PersonDto => ({ id: u.id, name: u.name, email: u.email });

function summaryDto(o: SummaryRow): PurchaseOrderSummaryDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    supplier: { code: o.supplier.code, name: o.supplier.name },
    currency: o.currency,
    total: roundAmount(o.total.toFixed(), o.currency),
    baseCurrency: o.baseCurrency,
    totalBase: roundAmount(o.totalBase.toFixed(), o.baseCurrency),
    orderDate: day(o.orderDate)!,
    expectedDate: day(o.expectedDate),
    createdBy: who(o.createdBy),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function detailDto(o: DetailRow): PurchaseOrderDto {
  return {
    ...summaryDto(o),
    exchangeRate: o.exchangeRate.toFixed(), // not toString: "1e-7" for tiny rates
    notes: o.notes,
    approvalsRequired: o.approvalsRequired,
    approvals: o.approvals,
    rejectReason: o.rejectReason,
    receiptTolerancePct: o.supplier.receiptTolerancePct.toFixed(),
    lastEditedBy: who(o.lastEditedBy),
    lines: o.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.product.sku,
      name: l.product.name,
      tracking: l.product.tracking,
      quantity: l.quantity,
      unitPrice: formatAmount(l.unitPrice),
      amount: roundAmount(l.amount.toFixed(), o.currency),
      receivedQuantity: l.receivedQuantity,
      openQuantity: Math.max(0, l.quantity - l.receivedQuantity),
    })),
    events: o.events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: who(e.actor),
      channel: e.channel,
      reason: e.reason,
      data: e.data,
      createdAt: e.createdAt.toISOString(),
    })),
    receipts: o.receipts.map((r) => ({
      movement: r.movement.number,
      createdAt: r.createdAt.toISOString(),
      actor: who(r.actor),
      lines: r.lines.map((l) => ({ sku: l.orderLine.product.sku, quantity: l.quantity })),
    })),
  };
}

/** Today in the company's calendar (the calendar of order and expected dates), as YYYY-MM-DD. */
export async function companyTodayIso(tx: DbClient = db): Promise<string> {
  const c = await tx.company.findUnique({ where: { code: "MAIN" }, select: { timeZone: true } });
  try {
    return new Date().toLocaleDateString("en-CA", { timeZone: c?.timeZone ?? "UTC" });
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

async function companyToday(tx: DbClient): Promise<Date> {
  return new Date(await companyTodayIso(tx));
}

export async function listPurchaseOrders(actor: Actor, query: unknown): Promise<Page<PurchaseOrderSummaryDto>> {
  assertCan(actor, "purchase.read");
  const q = parse(purchaseOrderListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.object({ t: isoDateTime({ dateOnly: false }), id: z.uuid() }));
  const today = await companyToday(readDb());
  const where: Prisma.PurchaseOrderWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.supplier ? { supplier: { code: q.supplier.toUpperCase() } } : {}),
    ...(q.q ? { OR: [{ number: { contains: q.q, mode: "insensitive" } }, { supplier: { name: { contains: q.q, mode: "insensitive" } } }] } : {}),
    ...(q.from || q.to ? { orderDate: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
    ...(q.overdue ? { status: { in: ["approved", "partially_received"] }, expectedDate: { lt: today } } : {}),
    ...(q.expectedBy ? { status: { in: ["approved", "partially_received"] }, OR: [{ expectedDate: { lte: new Date(q.expectedBy) } }, { expectedDate: null }] } : {}),
    ...(after ? { AND: [{ OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { lt: after.id } }] }] } : {}),
  };
  const rows = await readDb().purchaseOrder.findMany({ where, include: summaryInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  return toPage(rows, q.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }), summaryDto);
}

export type PurchaseOrderView = PurchaseOrderDto & { allowedTransitions: PoTransition[]; canEdit: boolean; canReceive: boolean };

export async function getPurchaseOrder(actor: Actor, number: string): Promise<PurchaseOrderView> {
  assertCan(actor, "purchase.read");
  const o = await db.purchaseOrder.findUnique({ where: { number: number.trim().toUpperCase() }, include: detailInclude });
  if (!o) throw new AppError("NOT_FOUND", `Purchase order ${number} not found.`, undefined, { key: "purchasing.errors.notFound", params: { number } });
  return withActions(detailDto(o), o, actor);
}

function withActions(dto: PurchaseOrderDto, o: { status: PoStatus; approvalsRequired: number; approvals: number; createdById: string; lastEditedById: string; firstApproverId: string | null }, actor: Actor): PurchaseOrderView {
  return {
    ...dto,
    allowedTransitions: availableTransitions(o, actor),
    canEdit: EDITABLE.includes(o.status) && can(actor.role, "purchase.write"),
    // A received order takes only the tolerance's extra: the pages offer receiving until then.
    canReceive: (o.status === "approved" || o.status === "partially_received") && can(actor.role, "purchase.receive"),
  };
}

type LineValues = { productId: string; quantity: number; unitPrice: string; amount: string };

/** Order lines priced in `currency`: each product (SKU or barcode) once; sales orders use it too. */
export async function priceLines(tx: DbClient, lines: { sku: string; quantity: number; unitPrice: string }[], currency: string): Promise<LineValues[]> {
  const out: LineValues[] = [];
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    const p = await findProductByCode(tx, l.sku, `lines.${i}.sku`);
    if (seen.has(p.id)) {
      throw fieldError("VALIDATION_FAILED", `lines.${i}.sku`, "This product is already on the order; change that line's quantity.", "purchasing.errors.duplicateLine");
    }
    seen.add(p.id);
    out.push({ productId: p.id, quantity: l.quantity, unitPrice: l.unitPrice, amount: lineAmount(l.quantity, l.unitPrice, currency) });
  }
  return out;
}

/** Supplier, currency, frozen rate and priced lines of a draft, as create and edit both need them. */
async function draftValues(tx: Tx, data: z.output<typeof purchaseOrderCreateSchema>, orderDate: Date) {
  // FOR SHARE: a concurrent deleteSupplier (FOR UPDATE) waits for us, or we see it deleted.
  const supplier = await findSupplier(tx, data.supplier, { share: true });
  if (!supplier.active) {
    throw fieldError("VALIDATION_FAILED", "supplier", `Supplier ${supplier.code} is inactive.`, "purchasing.errors.supplierInactive", { code: supplier.code });
  }
  const company = await companyPurchasing(tx);
  const currency = data.currency ?? supplier.currency;
  const exchangeRate = await rateOn(tx, currency, orderDate, company.baseCurrency);
  const lines = await priceLines(tx, data.lines, currency);
  const total = sumAmounts(lines.map((l) => l.amount), currency);
  return {
    supplierId: supplier.id,
    currency,
    baseCurrency: company.baseCurrency,
    exchangeRate,
    total,
    totalBase: toBase(total, exchangeRate, company.baseCurrency),
    expectedDate: data.expectedDate ? new Date(data.expectedDate) : null,
    notes: data.notes ?? null,
    lines,
  };
}

async function loadDetail(tx: DbClient, id: string): Promise<DetailRow> {
  return tx.purchaseOrder.findUniqueOrThrow({ where: { id }, include: detailInclude });
}

export async function createPurchaseOrder(actor: Actor, input: unknown): Promise<PurchaseOrderView> {
  assertCan(actor, "purchase.write");
  const data = parse(purchaseOrderCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const orderDate = await companyToday(tx);
      const { lines, ...values } = await draftValues(tx, data, orderDate);
      const number = await nextNumber(PURCHASE_ORDER_SEQUENCE, { tx });
      const o = await tx.purchaseOrder.create({
        data: {
          ...values,
          number,
          orderDate,
          createdById: actor.id,
          lastEditedById: actor.id,
          lines: { create: lines.map((l, i) => ({ ...l, lineNo: i + 1 })) },
          events: { create: { action: "create", toStatus: "draft", actorId: actor.id, channel: actor.channel } },
        },
      });
      const dto = detailDto(await loadDetail(tx, o.id));
      await writeAudit(tx, actor, { action: "purchase_order.create", entity: "purchase_order", entityId: o.id, after: dto });
      return withActions(dto, o, actor);
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

/** Locks the order row (the one lock every change of an order takes first). */
export async function lockOrder(tx: Tx, number: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM purchase_orders WHERE number = ${number.trim().toUpperCase()} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", `Purchase order ${number} not found.`, undefined, { key: "purchasing.errors.notFound", params: { number } });
  return tx.purchaseOrder.findUniqueOrThrow({ where: { id: rows[0].id }, include: { supplier: { select: { code: true, name: true, receiptTolerancePct: true } } } });
}

/** A refused transition; `ref` says it by key (purchasing.errors.*), by default "this order is <from> now". */
export function invalidTransition(from: PoStatus, to: PoStatus, allowed: PoTransition[], message?: string, ref?: MessageRef): AppError {
  return new AppError("INVALID_TRANSITION", message ?? `A ${from.replace("_", " ")} order cannot become ${to.replace("_", " ")}.`, { from, to, allowed }, ref ?? {
    key: "purchasing.errors.invalidTransition",
    params: { from },
  });
}

/** Replaces a draft's supplier, dates, notes and lines; the editor becomes its last editor. */
export async function updatePurchaseOrder(actor: Actor, number: string, input: unknown): Promise<PurchaseOrderView> {
  assertCan(actor, "purchase.write");
  const data = parse(purchaseOrderUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const o = await lockOrder(tx, number);
      if (!EDITABLE.includes(o.status)) {
        throw new AppError("INVALID_TRANSITION", `Only draft orders can be edited; ${o.number} is ${o.status.replace("_", " ")}.`, { from: o.status, to: o.status, allowed: [] }, {
          key: "purchasing.errors.notDraft",
          params: { status: o.status },
        });
      }
      const before = detailDto(await loadDetail(tx, o.id));
      const { lines, ...values } = await draftValues(tx, data, o.orderDate);
      await tx.purchaseOrderLine.deleteMany({ where: { orderId: o.id } });
      const updated = await tx.purchaseOrder.update({
        where: { id: o.id },
        data: {
          ...values,
          lastEditedById: actor.id,
          lines: { create: lines.map((l, i) => ({ ...l, lineNo: i + 1 })) },
          events: { create: { action: "edit", fromStatus: o.status, toStatus: o.status, actorId: actor.id, channel: actor.channel } },
        },
      });
      const dto = detailDto(await loadDetail(tx, o.id));
      await writeAudit(tx, actor, { action: "purchase_order.update", entity: "purchase_order", entityId: o.id, before, after: dto });
      return withActions(dto, updated, actor);
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

/** Applies one transition of the state table (submit, approve, reject, reopen, cancel, close). */
export async function transitionPurchaseOrder(actor: Actor, number: string, input: unknown): Promise<PurchaseOrderView> {
  assertCan(actor, "purchase.read");
  const t = parse(transitionSchema, input);
  return db.$transaction(async (tx) => {
    const o = await lockOrder(tx, number);
    const decision = decide(o, t.action, actor);
    if (!decision.ok) {
      if (decision.code === "INVALID_TRANSITION") throw invalidTransition(decision.from, decision.to, decision.allowed);
      throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGES[decision.reason], { action: decision.action, reason: decision.reason }, { key: FORBIDDEN_KEYS[decision.reason] });
    }
    const data: Prisma.PurchaseOrderUncheckedUpdateInput = { status: decision.to };
    let steps: number | undefined;
    switch (t.action) {
      case "submit": {
        const { threshold } = await companyPurchasing(tx);
        steps = threshold !== null && compareAmounts(o.totalBase.toString(), threshold) > 0 ? 2 : 1;
        Object.assign(data, { approvalsRequired: steps, approvals: 0, firstApproverId: null, rejectReason: null });
        break;
      }
      case "approve":
        steps = o.approvalsRequired;
        Object.assign(data, decision.step === 1 ? { approvals: 1, firstApproverId: actor.id } : { approvals: 2 });
        break;
      case "reject":
        Object.assign(data, { rejectReason: t.reason, approvals: 0, firstApproverId: null });
        break;
      case "reopen":
        // Reopening is an edit: its author may not approve the order afterwards.
        Object.assign(data, { lastEditedById: actor.id, approvals: 0, firstApproverId: null });
        break;
    }
    const step = t.action === "approve" ? decision.step : undefined;
    const event = await tx.purchaseOrderEvent.create({
      data: {
        orderId: o.id,
        action: t.action,
        fromStatus: o.status,
        toStatus: decision.to,
        actorId: actor.id,
        channel: actor.channel,
        reason: t.reason ?? null,
        data: step ? { step, of: steps } : t.action === "submit" ? { approvalsRequired: steps } : undefined,
      },
    });
    const updated = await tx.purchaseOrder.update({ where: { id: o.id }, data });
    await writeAudit(tx, actor, {
      action: `purchase_order.${t.action}`,
      entity: "purchase_order",
      entityId: o.id,
      before: { status: o.status, approvals: o.approvals },
      after: { status: updated.status, approvals: updated.approvals, ...(t.reason ? { reason: t.reason } : {}) },
    });
    await writeOutbox(tx, "purchase_order.status_changed", { orderId: o.id, number: o.number, action: t.action, from: o.status, to: updated.status });
    await notifyOrderChange(tx, actor, {
      eventId: event.id,
      orderId: o.id,
      number: o.number,
      supplier: o.supplier.name,
      action: t.action,
      from: o.status,
      to: decision.to,
      createdById: o.createdById,
      step,
      steps,
      reason: t.reason,
    });
    return withActions(detailDto(await loadDetail(tx, o.id)), updated, actor);
  });
}
