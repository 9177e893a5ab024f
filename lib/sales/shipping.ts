// Shipping (docs/outbound.md "Pack & ship"): a packed order is shipped by ONE `out` movement from
// the shipping location, referencing the order, that consumes its (picked) reservations — lots and
// serials as reserved; serial items become out_of_stock through the movement engine. The unshipped
// rest of the order (its backorder) goes to a new order that carries it (default) or is dropped.
// Locks: the order row, then its stock rows, then its reservation rows.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma } from "../db";
import { AppError } from "../errors";
import { lineAmount, sumAmounts } from "../money";
import { SALES_ORDER_SEQUENCE, SHIPMENT_SEQUENCE } from "../numbering/codes";
import { nextNumber } from "../numbering/next-number";
import { writeOutbox } from "../queue/outbox";
import { postMovement } from "../stock/post-movement";
import { parse } from "../validation";
import { addEvent, findOrderId, idOrNumber, invalidTransition, lockOrder, reserveBackorder } from "./orders";
import { lockReservations, lockStock, release, SALES_TX } from "./reservations";
import { shipSchema, type ShipmentDto } from "./schemas";
import { SO_SHIPPABLE, soTransitionsFrom } from "./states";

const include = {
  order: { select: { number: true } },
  movement: {
    select: {
      number: true,
      lines: {
        orderBy: { lineNo: "asc" },
        select: {
          quantity: true,
          product: { select: { sku: true, name: true } },
          ledger: { select: { delta: true, lot: { select: { code: true } } } },
          serials: { select: { serialItem: { select: { identifier: true, imei: true } } } },
        },
      },
    },
  },
  actor: { select: { id: true, name: true, email: true } },
} as const satisfies Prisma.ShipmentInclude;
type Row = Prisma.ShipmentGetPayload<{ include: typeof include }>;

function dto(s: Row): ShipmentDto {
  return {
    id: s.id,
    number: s.number,
    order: s.order.number,
    movement: s.movement.number,
    packages: s.packages,
    weightKg: s.weightKg?.toFixed() ?? null,
    carrier: s.carrier,
    trackingNo: s.trackingNo,
    actor: s.actor,
    createdAt: s.createdAt.toISOString(),
    lines: s.movement.lines.map((l) => ({
      sku: l.product.sku,
      name: l.product.name,
      quantity: l.quantity,
      lots: l.ledger.filter((e) => e.lot).map((e) => ({ code: e.lot!.code, quantity: -e.delta })),
      serials: l.serials.map((x) => x.serialItem.imei ?? x.serialItem.identifier),
    })),
  };
}

async function loadShipment(tx: DbClient, where: Prisma.ShipmentWhereUniqueInput): Promise<ShipmentDto> {
  const row = await tx.shipment.findUnique({ where, include });
  if (!row) throw new AppError("NOT_FOUND", "Shipment not found.", undefined, { key: "sales.errors.shipmentNotFound" });
  return dto(row);
}

export async function getShipment(actor: Actor, ref: string): Promise<ShipmentDto> {
  assertCan(actor, "sales.read");
  return loadShipment(db, idOrNumber(ref));
}

export async function listShipmentsOfOrder(actor: Actor, orderRef: string): Promise<ShipmentDto[]> {
  assertCan(actor, "sales.read");
  const orderId = await findOrderId(db, orderRef); // 404 for an unknown order
  const rows = await db.shipment.findMany({
    where: { orderId },
    include,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(dto);
}

export type ShipResult = { shipment: ShipmentDto; backorder: string | null };

export async function shipOrder(actor: Actor, orderRef: string, input: unknown): Promise<ShipResult> {
  assertCan(actor, "sales.ship");
  const data = parse(shipSchema, input);
  return db.$transaction(async (tx) => {
    const o = await lockOrder(tx, orderRef);
    if (!SO_SHIPPABLE.includes(o.status)) {
      throw invalidTransition(o.status, "shipped", soTransitionsFrom(o.status), `${o.number} is ${o.status}; only packed orders are shipped.`, {
        key: "sales.errors.notShippable",
        params: { number: o.number, status: o.status },
      });
    }
    const pairs = await tx.stockReservation.findMany({ where: { orderId: o.id }, select: { productId: true, locationId: true } });
    await lockStock(tx, { rows: pairs });
    const reservations = await lockReservations(tx, { orderIds: [o.id] });
    const unpicked = reservations.filter((r) => !r.picked);
    if (unpicked.length) throw invalidTransition(o.status, "shipped", [], `${o.number} has ${unpicked.length} reservation(s) not picked yet.`, {
        key: "sales.errors.notPicked",
        params: { number: o.number, count: unpicked.length },
      });
    if (reservations.length === 0) throw invalidTransition(o.status, "shipped", ["cancel"], `${o.number} has nothing picked to ship.`, { key: "sales.errors.nothingToShip", params: { number: o.number } });

    // One movement line per product × location × lot; serial items named on their line.
    const detail = await tx.stockReservation.findMany({
      where: { id: { in: reservations.map((r) => r.id) } },
      include: { product: { select: { sku: true } }, location: { select: { code: true } }, lot: { select: { code: true } }, serialItem: { select: { identifier: true } } },
      orderBy: [{ line: { lineNo: "asc" } }, { id: "asc" }],
    });
    const groups = new Map<string, { sku: string; location: string; lot?: string; quantity: number; serials: string[] }>();
    for (const r of detail) {
      const key = `${r.productId}|${r.locationId}|${r.lot?.code ?? ""}`;
      const g = groups.get(key) ?? { sku: r.product.sku, location: r.location.code, ...(r.lot ? { lot: r.lot.code } : {}), quantity: 0, serials: [] };
      g.quantity += r.quantity;
      if (r.serialItem) g.serials.push(r.serialItem.identifier);
      groups.set(key, g);
    }
    await release(tx, reservations);
    const { result } = await postMovement(
      actor,
      { type: "out", reference: o.number, note: `Shipment of ${o.number}`, lines: [...groups.values()].map((g) => ({ ...g, serials: g.serials.length ? g.serials : undefined })) },
      { tx },
    );
    // What each line shipped.
    const perLine = new Map<string, number>();
    for (const r of reservations) perLine.set(r.line_id, (perLine.get(r.line_id) ?? 0) + r.quantity);
    for (const [lineId, q] of perLine) await tx.salesOrderLine.update({ where: { id: lineId }, data: { shippedQuantity: { increment: q } } });

    const number = await nextNumber(SHIPMENT_SEQUENCE, { tx });
    const shipment = await tx.shipment.create({
      data: { number, orderId: o.id, movementId: result.id, packages: o.packages ?? 1, weightKg: o.weightKg, carrier: data.carrier ?? null, trackingNo: data.trackingNo ?? null, actorId: actor.id },
    });
    await tx.salesOrder.update({ where: { id: o.id }, data: { status: "shipped", shippedAt: new Date() } });

    // The rest: a backorder order that carries it (reserved now if stock allows), or dropped.
    const lines = await tx.salesOrderLine.findMany({ where: { orderId: o.id }, orderBy: { lineNo: "asc" } });
    const rest = lines.filter((l) => l.quantity > l.shippedQuantity);
    let backorder: string | null = null;
    if (rest.length && (data.backorder ?? "keep") === "keep") {
      backorder = await nextNumber(SALES_ORDER_SEQUENCE, { tx });
      const restLines = rest.map((l, i) => ({ lineNo: i + 1, productId: l.productId, quantity: l.quantity - l.shippedQuantity, unitPrice: l.unitPrice, amount: lineAmount(l.quantity - l.shippedQuantity, l.unitPrice, o.currency) }));
      const bo = await tx.salesOrder.create({
        data: {
          number: backorder,
          customerId: o.customerId,
          status: "confirmed",
          currency: o.currency,
          requestedDate: o.requestedDate,
          shipTo: o.shipTo,
          notes: o.notes,
          total: sumAmounts(restLines.map((l) => l.amount), o.currency),
          backorderOfId: o.id,
          createdById: actor.id,
          confirmedAt: new Date(),
          lines: { create: restLines },
        },
      });
      const reserved = await reserveBackorder(tx, bo.id);
      await addEvent(tx, actor, bo.id, { action: "backorder", from: null, to: "confirmed", data: { of: o.number, lines: reserved } });
      await writeAudit(tx, actor, { action: "sales_order.backorder", entity: "sales_order", entityId: bo.id, after: { number: backorder, of: o.number, lines: reserved } });
    }
    const shipped = await loadShipment(tx, { id: shipment.id });
    await addEvent(tx, actor, o.id, {
      action: "ship",
      from: o.status,
      to: "shipped",
      data: { shipment: number, movement: result.number, ...(backorder ? { backorder } : rest.length ? { droppedUnits: rest.reduce((s, l) => s + l.quantity - l.shippedQuantity, 0) } : {}) },
    });
    await writeAudit(tx, actor, { action: "sales_order.ship", entity: "sales_order", entityId: o.id, before: { status: o.status }, after: { status: "shipped", shipment: shipped, backorder } });
    await writeOutbox(tx, "sales_order.status_changed", { orderId: o.id, number: o.number, action: "ship", from: o.status, to: "shipped" });
    await writeOutbox(tx, "shipment.shipped", { shipmentId: shipment.id, number, orderId: o.id, orderNumber: o.number, movementId: result.id, backorder });
    return { shipment: shipped, backorder };
  }, SALES_TX);
}
