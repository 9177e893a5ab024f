// Customer (sales) orders (docs/outbound.md): create and edit drafts, transitions through the one
// state table (./states.ts) — confirm reserves, reserve fills the backorder, pack, cancel releases,
// close — and reads. Pick lists are in ./pick-lists.ts, shipping in ./shipping.ts.
//
// Every change of an order locks its row first (SELECT … FOR UPDATE, several orders in id order),
// then the stock in the engine's global order (./reservations.ts), and writes its timeline event
// and audit row in the same transaction.
import { z } from "zod";
import { assertCan, can, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma, type Tx } from "../db";
import { readDb } from "../read-replica";
import { AppError, fromDatabaseError, type MessageRef } from "../errors";
import { formatAmount, roundAmount, sumAmounts } from "../money";
import { SALES_ORDER_SEQUENCE } from "../numbering/codes";
import { nextNumber } from "../numbering/next-number";
import { decodeCursor, toPage, type Page } from "../pagination";
import { companyTodayIso, priceLines } from "../purchasing/purchase-orders";
import { findProductByCode } from "../purchasing/suppliers";
import { writeOutbox } from "../queue/outbox";
import { isoDateTime, parse } from "../validation";
import { findCustomer } from "./customers";
import { allocate, type Allocation, lockReservations, lockStock, release, reserve, SALES_TX } from "./reservations";
import {
  salesOrderCreateSchema,
  salesOrderListQuerySchema,
  salesOrderUpdateSchema,
  salesTransitionSchema,
  type PersonDto,
  type SalesOrderDto,
  type SalesOrderSummaryDto,
} from "./schemas";
import { availableSalesTransitions, decideSales, SO_EDITABLE, SO_OPEN, type SoStatus, type SoTransition } from "./states";

const person = { select: { id: true, name: true, email: true } } as const;
const summaryInclude = {
  customer: { select: { code: true, name: true } },
  createdBy: person,
  backorderOf: { select: { number: true } },
  lines: { select: { quantity: true, shippedQuantity: true, reservations: { select: { quantity: true } } } },
} as const satisfies Prisma.SalesOrderInclude;
const detailInclude = {
  customer: { select: { code: true, name: true } },
  createdBy: person,
  backorderOf: { select: { number: true } },
  backorders: { select: { number: true }, orderBy: { createdAt: "asc" } },
  lines: {
    orderBy: { lineNo: "asc" },
    include: {
      product: { select: { sku: true, name: true, tracking: true } },
      reservations: {
        orderBy: [{ picked: "asc" }, { location: { code: "asc" } }, { id: "asc" }],
        include: { location: { select: { code: true } }, lot: { select: { code: true } }, serialItem: { select: { identifier: true, imei: true } } },
      },
    },
  },
  events: { orderBy: { createdAt: "asc" }, include: { actor: person } },
  pickLines: { select: { pickList: { select: { number: true, status: true } } } },
  shipments: { orderBy: { createdAt: "asc" }, select: { number: true, createdAt: true, movement: { select: { number: true } } } },
} as const satisfies Prisma.SalesOrderInclude;
type SummaryRow = Prisma.SalesOrderGetPayload<{ include: typeof summaryInclude }>;
type DetailRow = Prisma.SalesOrderGetPayload<{ include: typeof detailInclude }>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const who = (u: PersonDto): PersonDto => ({ id: u.id, name: u.name, email: u.email });
/** Units of a line not reserved, picked or shipped, while the order is to ship (a draft reserves nothing yet). */
function backorderOf(status: SoStatus, l: { quantity: number; shippedQuantity: number; reservations: { quantity: number }[] }): number {
  if (!SO_OPEN.includes(status)) return 0;
  return Math.max(0, l.quantity - l.shippedQuantity - l.reservations.reduce((s, r) => s + r.quantity, 0));
}

function summaryDto(o: SummaryRow | DetailRow): SalesOrderSummaryDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    customer: { code: o.customer.code, name: o.customer.name },
    currency: o.currency,
    total: roundAmount(o.total.toFixed(), o.currency),
    requestedDate: day(o.requestedDate),
    backorderQuantity: o.lines.reduce((s, l) => s + backorderOf(o.status, l), 0),
    backorderOf: o.backorderOf?.number ?? null,
    createdBy: who(o.createdBy),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function detailDto(o: DetailRow, actor: Actor): SalesOrderDto {
  return {
    ...summaryDto(o),
    shipTo: o.shipTo,
    notes: o.notes,
    packages: o.packages,
    weightKg: o.weightKg?.toFixed() ?? null,
    cancelReason: o.cancelReason,
    transitions: availableSalesTransitions(o.status, actor.role),
    lines: o.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.product.sku,
      name: l.product.name,
      tracking: l.product.tracking,
      quantity: l.quantity,
      unitPrice: formatAmount(l.unitPrice),
      amount: roundAmount(l.amount.toFixed(), o.currency),
      reservedQuantity: l.reservations.filter((r) => !r.picked).reduce((s, r) => s + r.quantity, 0),
      pickedQuantity: l.reservations.filter((r) => r.picked).reduce((s, r) => s + r.quantity, 0),
      shippedQuantity: l.shippedQuantity,
      backorderQuantity: backorderOf(o.status, l),
      reservations: l.reservations.map((r) => ({
        location: r.location.code,
        lot: r.lot?.code ?? null,
        serial: r.serialItem ? (r.serialItem.imei ?? r.serialItem.identifier) : null,
        quantity: r.quantity,
        picked: r.picked,
      })),
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
    pickLists: [...new Map(o.pickLines.map((p) => [p.pickList.number, p.pickList])).values()],
    shipments: o.shipments.map((s) => ({ number: s.number, movement: s.movement.number, createdAt: s.createdAt.toISOString() })),
    backorders: o.backorders.map((b) => b.number),
  };
}

export async function loadOrder(tx: DbClient, id: string, actor: Actor): Promise<SalesOrderDto> {
  return detailDto(await tx.salesOrder.findUniqueOrThrow({ where: { id }, include: detailInclude }), actor);
}

/** Sales documents are addressed by uuid or by number (numbers are upper case). */
export function idOrNumber(ref: string): { id: string } | { number: string } {
  const r = ref.trim();
  return z.uuid().safeParse(r).success ? { id: r } : { number: r.toUpperCase() };
}

/** An order by number or id. */
export async function findOrderId(tx: DbClient, ref: string): Promise<string> {
  const row = await tx.salesOrder.findFirst({ where: idOrNumber(ref), select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND", `Customer order ${ref} not found.`, undefined, { key: "sales.errors.orderNotFound", params: { number: ref } });
  return row.id;
}

/** Locks order rows in id order (the first lock every change of an order takes). */
export async function lockOrders(tx: Tx, ids: string[]) {
  await tx.$queryRaw`SELECT 1 FROM sales_orders WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  return tx.salesOrder.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
}

export async function lockOrder(tx: Tx, ref: string) {
  const id = await findOrderId(tx, ref);
  const [o] = await lockOrders(tx, [id]);
  return o;
}

/** A refused transition; `ref` says it by key (sales.errors.*), by default "this order is <from> now". */
export function invalidTransition(from: SoStatus, to: SoStatus | null, allowed: SoTransition[], message?: string, ref?: MessageRef): AppError {
  return new AppError("INVALID_TRANSITION", message ?? `A ${from} order cannot ${to ? `become ${to}` : "do this"}.`, { from, to: to ?? from, allowed }, ref ?? {
    key: "sales.errors.invalidTransition",
    params: { status: from },
  });
}

export async function addEvent(tx: Tx, actor: Actor, orderId: string, e: { action: string; from: SoStatus | null; to: SoStatus; reason?: string | null; data?: Prisma.InputJsonValue }) {
  await tx.salesOrderEvent.create({
    data: { orderId, action: e.action, fromStatus: e.from, toStatus: e.to, actorId: actor.id, channel: actor.channel, reason: e.reason ?? null, data: e.data },
  });
}

export async function listSalesOrders(actor: Actor, query: unknown): Promise<Page<SalesOrderSummaryDto>> {
  assertCan(actor, "sales.read");
  const q = parse(salesOrderListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.object({ t: isoDateTime({ dateOnly: false }), id: z.uuid() }));
  let backorderIds: string[] | undefined;
  if (q.backorder) {
    const rows = await readDb().$queryRaw<{ id: string }[]>`
      SELECT o.id::text FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id
      WHERE o.status IN ('confirmed', 'picking', 'packed')
        AND l.quantity - l.shipped_quantity > COALESCE((SELECT sum(r.quantity) FROM stock_reservations r WHERE r.line_id = l.id), 0)
      GROUP BY o.id`;
    backorderIds = rows.map((r) => r.id);
  }
  // Every filter is one more condition (AND): a status asked for narrows backorder / due-by further.
  const and: Prisma.SalesOrderWhereInput[] = [
    ...(q.status ? [{ status: q.status }] : []),
    ...(q.customer ? [{ customer: { code: q.customer.toUpperCase() } }] : []),
    ...(q.q ? [{ OR: [{ number: { contains: q.q, mode: "insensitive" as const } }, { customer: { name: { contains: q.q, mode: "insensitive" as const } } }] }] : []),
    ...(backorderIds ? [{ id: { in: backorderIds } }, { status: { in: [...SO_OPEN] } }] : []),
    ...(q.dueBy ? [{ status: { in: [...SO_OPEN] } }, { requestedDate: { lte: new Date(q.dueBy) } }] : []),
    ...(after ? [{ OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { lt: after.id } }] }] : []),
  ];
  const where: Prisma.SalesOrderWhereInput = { AND: and };
  const rows = await readDb().salesOrder.findMany({ where, include: summaryInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  return toPage(rows, q.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }), summaryDto);
}

export type SalesOrderView = SalesOrderDto & { canEdit: boolean };

export async function getSalesOrder(actor: Actor, ref: string): Promise<SalesOrderView> {
  assertCan(actor, "sales.read");
  const dto = await loadOrder(db, await findOrderId(db, ref), actor);
  return { ...dto, canEdit: SO_EDITABLE.includes(dto.status) && can(actor.role, "sales.write") };
}

async function draftValues(tx: Tx, data: z.output<typeof salesOrderCreateSchema>) {
  // FOR SHARE: a concurrent deleteCustomer (FOR UPDATE) waits for us, or we see it deleted.
  const customer = await findCustomer(tx, data.customer, { share: true });
  const currency = data.currency ?? customer.currency;
  const lines = await priceLines(tx, data.lines, currency);
  return {
    customerId: customer.id,
    currency,
    requestedDate: data.requestedDate ? new Date(data.requestedDate) : null,
    shipTo: data.shipTo === undefined ? customer.shippingAddress : data.shipTo,
    notes: data.notes ?? null,
    total: sumAmounts(lines.map((l) => l.amount), currency),
    lines,
  };
}

export async function createSalesOrder(actor: Actor, input: unknown): Promise<SalesOrderView> {
  assertCan(actor, "sales.write");
  const data = parse(salesOrderCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const { lines, ...values } = await draftValues(tx, data);
      const number = await nextNumber(SALES_ORDER_SEQUENCE, { tx });
      const o = await tx.salesOrder.create({
        data: {
          ...values,
          number,
          createdById: actor.id,
          lines: { create: lines.map((l, i) => ({ ...l, lineNo: i + 1 })) },
          events: { create: { action: "create", toStatus: "draft", actorId: actor.id, channel: actor.channel } },
        },
      });
      const dto = await loadOrder(tx, o.id, actor);
      await writeAudit(tx, actor, { action: "sales_order.create", entity: "sales_order", entityId: o.id, after: dto });
      return { ...dto, canEdit: true };
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateSalesOrder(actor: Actor, ref: string, input: unknown): Promise<SalesOrderView> {
  assertCan(actor, "sales.write");
  const data = parse(salesOrderUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const o = await lockOrder(tx, ref);
      if (!SO_EDITABLE.includes(o.status)) {
        throw new AppError("INVALID_TRANSITION", `Only draft orders can be edited; ${o.number} is ${o.status}.`, { from: o.status, to: o.status, allowed: [] }, {
          key: "sales.errors.notDraft",
          params: { number: o.number, status: o.status },
        });
      }
      const before = await loadOrder(tx, o.id, actor);
      const { lines, ...values } = await draftValues(tx, data);
      await tx.salesOrderLine.deleteMany({ where: { orderId: o.id } });
      await tx.salesOrder.update({
        where: { id: o.id },
        data: {
          ...values,
          lines: { create: lines.map((l, i) => ({ ...l, lineNo: i + 1 })) },
          events: { create: { action: "edit", fromStatus: o.status, toStatus: o.status, actorId: actor.id, channel: actor.channel } },
        },
      });
      const dto = await loadOrder(tx, o.id, actor);
      await writeAudit(tx, actor, { action: "sales_order.update", entity: "sales_order", entityId: o.id, before, after: dto });
      return { ...dto, canEdit: true };
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

/**
 * Reserves what is available for every line's backorder (the order row locked): the stock rows of
 * all its products locked in the global order, then allocated line by line. Returns per SKU what
 * was reserved and what stays on backorder.
 */
export async function reserveBackorder(tx: Tx, orderId: string): Promise<{ sku: string; reserved: number; backorder: number }[]> {
  const lines = await tx.salesOrderLine.findMany({
    where: { orderId },
    orderBy: { lineNo: "asc" },
    include: { product: { select: { id: true, sku: true, tracking: true } }, reservations: { select: { quantity: true } } },
  });
  const open = lines.map((l) => ({ l, wanted: l.quantity - l.shippedQuantity - l.reservations.reduce((s, r) => s + r.quantity, 0) })).filter((x) => x.wanted > 0);
  if (open.length === 0) return [];
  await lockStock(tx, { products: [...new Set(open.map((x) => x.l.productId))] });
  const out: { sku: string; reserved: number; backorder: number }[] = [];
  for (const { l, wanted } of open) {
    const allocations: Allocation[] = await allocate(tx, l.product, wanted);
    await reserve(tx, orderId, l.id, allocations);
    const reserved = allocations.reduce((s, a) => s + a.quantity, 0);
    out.push({ sku: l.product.sku, reserved, backorder: wanted - reserved });
  }
  return out;
}

/** Gives back every reservation of the orders (rows locked by the caller): stock rows, then reservations. */
export async function releaseOrders(tx: Tx, orderIds: string[]): Promise<number> {
  const pairs = await tx.stockReservation.findMany({ where: { orderId: { in: orderIds } }, select: { productId: true, locationId: true } });
  if (pairs.length === 0) return 0;
  await lockStock(tx, { rows: pairs });
  const rows = await lockReservations(tx, { orderIds });
  await release(tx, rows);
  return rows.reduce((s, r) => s + r.quantity, 0);
}

/** Applies one transition of the state table (confirm, reserve, pack, cancel, close). */
export async function transitionSalesOrder(actor: Actor, ref: string, input: unknown): Promise<SalesOrderView> {
  assertCan(actor, "sales.read");
  const t = parse(salesTransitionSchema, input);
  return db.$transaction(async (tx) => {
    const o = await lockOrder(tx, ref);
    const decision = decideSales(o.status, t.action, actor.role);
    if (!decision.ok) {
      if (decision.code === "INVALID_TRANSITION") throw invalidTransition(decision.from, decision.to, decision.allowed);
      throw new AppError("FORBIDDEN", "You do not have permission to do this.", { action: decision.action }, { key: "validation.forbidden" });
    }
    const to = decision.to ?? o.status;
    const data: Prisma.SalesOrderUncheckedUpdateInput = { status: to };
    let eventData: Prisma.InputJsonValue | undefined;
    switch (t.action) {
      case "confirm":
      case "reserve": {
        const result = await reserveBackorder(tx, o.id);
        eventData = { lines: result };
        if (t.action === "confirm") data.confirmedAt = new Date();
        break;
      }
      case "pack": {
        const unpicked = await tx.stockReservation.count({ where: { orderId: o.id, picked: false } });
        if (unpicked > 0) {
          throw invalidTransition(o.status, "packed", [], `${o.number} still has ${unpicked} reservation(s) to pick; pick them (or short-pick them) before packing.`, {
            key: "sales.errors.unpicked",
            params: { number: o.number, count: unpicked },
          });
        }
        const picked = await tx.stockReservation.count({ where: { orderId: o.id, picked: true } });
        if (picked === 0) throw invalidTransition(o.status, "packed", ["cancel"], `Nothing of ${o.number} has been picked; there is nothing to pack.`, { key: "sales.errors.nothingPicked", params: { number: o.number } });
        Object.assign(data, { packages: t.packages, weightKg: t.weightKg ?? null });
        eventData = { packages: t.packages!, weightKg: t.weightKg ?? null };
        break;
      }
      case "cancel": {
        // Pick lists before stock (the lock order of lib/sales/pick-lists.ts): a pick of another
        // order on the same list waits here instead of deadlocking with this cancel.
        const closed = await settleOpenPickLines(tx, o.id, "Order cancelled");
        const released = await releaseOrders(tx, [o.id]);
        data.cancelReason = t.reason ?? null;
        eventData = { released, pickLinesClosed: closed };
        break;
      }
      case "close":
        break;
    }
    await tx.salesOrder.update({ where: { id: o.id }, data });
    await addEvent(tx, actor, o.id, { action: t.action, from: o.status, to, reason: t.reason, data: eventData });
    const dto = await loadOrder(tx, o.id, actor);
    await writeAudit(tx, actor, {
      action: `sales_order.${t.action}`,
      entity: "sales_order",
      entityId: o.id,
      before: { status: o.status },
      after: { status: to, ...(eventData ? { result: eventData } : {}), ...(t.reason ? { reason: t.reason } : {}) },
    });
    await writeOutbox(tx, "sales_order.status_changed", { orderId: o.id, number: o.number, action: t.action, from: o.status, to });
    return { ...dto, canEdit: SO_EDITABLE.includes(dto.status) && can(actor.role, "sales.write") };
  }, SALES_TX);
}

/**
 * A cancelled order's lines still open on pick lists are settled as picked 0 (reason given), and
 * pick lists with nothing left open are done. Pick list rows are locked after the order rows.
 */
async function settleOpenPickLines(tx: Tx, orderId: string, reason: string): Promise<number> {
  const lists = await tx.pickListLine.findMany({ where: { orderId, pickedQuantity: null }, select: { pickListId: true }, distinct: ["pickListId"] });
  if (lists.length === 0) return 0;
  const ids = lists.map((l) => l.pickListId).sort();
  await tx.$queryRaw`SELECT 1 FROM pick_lists WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const { count } = await tx.pickListLine.updateMany({ where: { orderId, pickedQuantity: null }, data: { pickedQuantity: 0, shortReason: reason, pickedAt: new Date() } });
  await tx.$executeRaw`
    UPDATE pick_lists p SET status = 'done', completed_at = now()
    WHERE p.id = ANY(${ids}::uuid[]) AND p.status = 'open' AND NOT EXISTS (SELECT 1 FROM pick_list_lines l WHERE l.pick_list_id = p.id AND l.picked_quantity IS NULL)`;
  return count;
}

/** Today in the company's calendar: orders requested up to today and not shipped are due. */
export async function ordersDueToday(actor: Actor): Promise<{ count: number; orders: SalesOrderSummaryDto[] }> {
  assertCan(actor, "sales.read");
  const today = await companyTodayIso();
  const page = await listSalesOrders(actor, { dueBy: today, limit: 10 });
  const count = await readDb().salesOrder.count({ where: { status: { in: [...SO_OPEN] }, requestedDate: { lte: new Date(today) } } });
  return { count, orders: page.items };
}

/** What is reserved for whom, per product (the product and stock pages). */
export async function reservationsOfProduct(actor: Actor, sku: string) {
  assertCan(actor, "sales.read");
  // An unknown product is a missing resource here (404), not a field to correct; other errors pass.
  const p = await findProductByCode(db, sku, "sku").catch((e: unknown) => {
    throw e instanceof AppError && e.code === "VALIDATION_FAILED" ? new AppError("NOT_FOUND", `Product ${sku} not found.`, undefined, { key: "sales.errors.unknownProduct", params: { code: sku } }) : e;
  });
  const rows = await db.stockReservation.findMany({
    where: { productId: p.id },
    include: {
      order: { select: { number: true, status: true, requestedDate: true, customer: { select: { code: true, name: true } } } },
      location: { select: { code: true } },
      lot: { select: { code: true } },
      serialItem: { select: { identifier: true, imei: true } },
    },
    orderBy: [{ order: { requestedDate: "asc" } }, { id: "asc" }],
  });
  return rows.map((r) => ({
    order: r.order.number,
    status: r.order.status,
    customer: r.order.customer,
    requestedDate: day(r.order.requestedDate),
    location: r.location.code,
    lot: r.lot?.code ?? null,
    serial: r.serialItem ? (r.serialItem.imei ?? r.serialItem.identifier) : null,
    quantity: r.quantity,
    picked: r.picked,
  }));
}
