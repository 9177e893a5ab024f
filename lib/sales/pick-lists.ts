// Pick lists (docs/outbound.md "Picking"): one or several confirmed orders (batch picking) → one
// numbered list of their unpicked reservations in walking order (zone, aisle, bin of the location
// code, compared digit-aware), picked line by line on the handheld: scan the location, the product
// (the lot, the serial), say the quantity. A pick is one transfer movement to the list's shipping
// location; the reservation goes with the goods (it then sits there, picked). A short pick says why;
// the shortfall is reserved again elsewhere (new lines at the end of the list) or stays on backorder.
//
// Locks: the orders (id order), then the pick list, then the stock (./reservations.ts), then the
// reservation rows — the order every change of an order takes.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma, type Tx } from "../db";
import { readDb } from "../read-replica";
import { AppError, fieldError } from "../errors";
import { PICK_LIST_SEQUENCE } from "../numbering/codes";
import { nextNumber } from "../numbering/next-number";
import { decodeCursor, toPage, type Page } from "../pagination";
import { normalizeIdentifier } from "../serials/identifier";
import { imeiDigits } from "../serials/imei";
import { postMovement } from "../stock/post-movement";
import { isoDateTime, parse } from "../validation";
import { addEvent, findOrderId, idOrNumber, invalidTransition, lockOrders } from "./orders";
import { allocate, lockReservations, lockStock, release, reserve, SALES_TX } from "./reservations";
import { pickListCreateSchema, pickListListQuerySchema, pickSchema, type PickListDto, type PickResult } from "./schemas";
import { SO_PICKABLE, soTransitionsFrom } from "./states";

const walking = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

const include = {
  toLocation: { select: { code: true } },
  createdBy: { select: { id: true, name: true, email: true } },
  lines: {
    orderBy: { seq: "asc" },
    include: {
      order: { select: { number: true } },
      product: { select: { sku: true, name: true, tracking: true } },
      fromLocation: { select: { code: true } },
      serialItem: { select: { identifier: true, imei: true } },
      pickedBy: { select: { name: true } },
      movement: { select: { number: true } },
    },
  },
} as const satisfies Prisma.PickListInclude;
type Row = Prisma.PickListGetPayload<{ include: typeof include }>;

function dto(p: Row): PickListDto {
  return {
    id: p.id,
    number: p.number,
    status: p.status,
    toLocation: p.toLocation.code,
    orders: [...new Set(p.lines.map((l) => l.order.number))],
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    completedAt: p.completedAt?.toISOString() ?? null,
    lines: p.lines.map((l) => ({
      seq: l.seq,
      order: l.order.number,
      sku: l.product.sku,
      name: l.product.name,
      tracking: l.product.tracking,
      location: l.fromLocation.code,
      lot: l.lotCode,
      serial: l.serialItem?.identifier ?? null,
      imei: l.serialItem?.imei ?? null,
      quantity: l.quantity,
      pickedQuantity: l.pickedQuantity,
      shortReason: l.shortReason,
      pickedBy: l.pickedBy?.name ?? null,
      pickedAt: l.pickedAt?.toISOString() ?? null,
      movement: l.movement?.number ?? null,
    })),
  };
}

async function findPickListId(tx: DbClient, ref: string): Promise<string> {
  const row = await tx.pickList.findFirst({ where: idOrNumber(ref), select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND", `Pick list ${ref} not found.`, undefined, { key: "sales.errors.pickListNotFound", params: { number: ref } });
  return row.id;
}

async function load(tx: DbClient, id: string): Promise<PickListDto> {
  return dto(await tx.pickList.findUniqueOrThrow({ where: { id }, include }));
}

export async function getPickList(actor: Actor, ref: string): Promise<PickListDto> {
  assertCan(actor, "sales.read");
  return load(db, await findPickListId(db, ref));
}

export async function listPickLists(actor: Actor, query: unknown): Promise<Page<PickListDto>> {
  assertCan(actor, "sales.read");
  const q = parse(pickListListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.object({ t: isoDateTime({ dateOnly: false }), id: z.uuid() }));
  const rows = await readDb().pickList.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { lt: after.id } }] } : {}),
    },
    include,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }), dto);
}

async function shippingLocation(tx: DbClient, code: string | undefined) {
  const loc = code
    ? await tx.location.findFirst({ where: { OR: [{ code: code.toUpperCase() }, { barcode: code }] } })
    : await tx.location.findFirst({ where: { kind: "shipping", active: true }, orderBy: { code: "asc" } });
  const path = "toLocation";
  if (!loc) {
    if (code) throw fieldError("VALIDATION_FAILED", path, `Unknown location ${code}.`, "sales.errors.unknownLocation", { code });
    throw fieldError("VALIDATION_FAILED", path, "There is no active shipping location to pick to; create one (kind: shipping).", "sales.errors.noShippingLocation");
  }
  if (!loc.active || loc.kind !== "shipping") {
    const message = `${loc.code} is ${loc.active ? `a ${loc.kind} location` : "inactive"}; pick to an active shipping location.`;
    throw fieldError("VALIDATION_FAILED", path, message, "sales.errors.notShippingLocation", { code: loc.code });
  }
  return loc;
}

type OpenReservation = Prisma.StockReservationGetPayload<{ include: { location: { select: { code: true } }; lot: { select: { code: true } }; order: { select: { number: true } }; product: { select: { sku: true } } } }>;

/** Lines for reservations in walking order (location code digit-aware, then order, then SKU). */
function walkingOrder(rows: OpenReservation[]): OpenReservation[] {
  return [...rows].sort(
    (a, b) => walking.compare(a.location.code, b.location.code) || a.order.number.localeCompare(b.order.number) || a.product.sku.localeCompare(b.product.sku) || a.id.localeCompare(b.id),
  );
}

const lineData = (pickListId: string, seq: number, r: OpenReservation) => ({
  pickListId,
  seq,
  orderId: r.orderId,
  orderLineId: r.lineId,
  reservationId: r.id,
  productId: r.productId,
  fromLocationId: r.locationId,
  lotCode: r.lot?.code ?? null,
  serialItemId: r.serialItemId,
  quantity: r.quantity,
});

/** Reservations of these orders not picked and not on an open pick list line. */
async function unlistedReservations(tx: Tx, orderIds: string[]): Promise<OpenReservation[]> {
  return tx.stockReservation.findMany({
    where: { orderId: { in: orderIds }, picked: false, pickLines: { none: { pickedQuantity: null } } },
    include: { location: { select: { code: true } }, lot: { select: { code: true } }, order: { select: { number: true } }, product: { select: { sku: true } } },
  });
}

export async function createPickList(actor: Actor, input: unknown): Promise<PickListDto> {
  assertCan(actor, "sales.pick");
  const data = parse(pickListCreateSchema, input);
  return db.$transaction(async (tx) => {
    const ids = [...new Set(await Promise.all(data.orders.map((o) => findOrderId(tx, o))))];
    const orders = await lockOrders(tx, ids);
    for (const o of orders) {
      if (!SO_PICKABLE.includes(o.status)) throw invalidTransition(o.status, "picking", soTransitionsFrom(o.status), `${o.number} is ${o.status}; only confirmed orders (or orders being picked) go on a pick list.`, {
        key: "sales.errors.notPickable",
        params: { number: o.number, status: o.status },
      });
    }
    const to = await shippingLocation(tx, data.toLocation);
    const rows = walkingOrder(await unlistedReservations(tx, ids));
    if (rows.length === 0) {
      const message = "Nothing to pick: these orders have no reserved stock that is not already picked or on a pick list (reserve their backorder first).";
      throw fieldError("VALIDATION_FAILED", "orders", message, "sales.errors.nothingToPick");
    }
    const number = await nextNumber(PICK_LIST_SEQUENCE, { tx });
    const list = await tx.pickList.create({ data: { number, toLocationId: to.id, createdById: actor.id } });
    await tx.pickListLine.createMany({ data: rows.map((r, i) => lineData(list.id, i + 1, r)) });
    // Only the orders that put lines on the list start picking (one fully backordered stays confirmed).
    const listed = new Set(rows.map((r) => r.orderId));
    for (const o of orders.filter((x) => listed.has(x.id))) {
      await tx.salesOrder.update({ where: { id: o.id }, data: { status: "picking" } });
      await addEvent(tx, actor, o.id, { action: "pick_list", from: o.status, to: "picking", data: { pickList: number } });
    }
    const out = await load(tx, list.id);
    await writeAudit(tx, actor, { action: "pick_list.create", entity: "pick_list", entityId: list.id, after: out });
    return out;
  }, SALES_TX);
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();

function scanError(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { issues: [{ path, message }] });
}

/**
 * Picks one line: checks the scans against it, moves the units to the list's shipping location
 * (one transfer referencing the order), carries the reservation along, and handles a shortfall.
 */
export async function pickLine(actor: Actor, ref: string, seq: number, input: unknown): Promise<PickResult> {
  assertCan(actor, "sales.pick");
  const data = parse(pickSchema, input);
  return db.$transaction(async (tx) => {
    const listId = await findPickListId(tx, ref);
    const peek = await tx.pickListLine.findUnique({ where: { pickListId_seq: { pickListId: listId, seq } }, select: { orderId: true } });
    if (!peek) throw new AppError("NOT_FOUND", `Pick list line ${seq} not found.`);
    const [order] = await lockOrders(tx, [peek.orderId]);
    await tx.$queryRaw`SELECT 1 FROM pick_lists WHERE id = ${listId}::uuid FOR UPDATE`;
    const list = await tx.pickList.findUniqueOrThrow({ where: { id: listId }, include: { toLocation: true } });
    const line = await tx.pickListLine.findUniqueOrThrow({
      where: { pickListId_seq: { pickListId: listId, seq } },
      include: { product: true, fromLocation: true, serialItem: true, orderLine: true },
    });
    if (line.pickedQuantity !== null) {
      throw new AppError("INVALID_TRANSITION", `Line ${seq} of ${list.number} was already picked${line.pickedQuantity < line.quantity ? ` (${line.pickedQuantity} of ${line.quantity})` : ""}.`, { from: "picked", to: "picked", allowed: [], seq, pickedQuantity: line.pickedQuantity });
    }
    // The scans must be the line's.
    if (!same(data.location, line.fromLocation.code) && !same(data.location, line.fromLocation.barcode)) {
      throw scanError("location", `Wrong location: this line is picked at ${line.fromLocation.code}, not ${data.location}.`);
    }
    if (!same(data.sku, line.product.sku) && !same(data.sku, line.product.barcode)) {
      throw scanError("sku", `Wrong product: this line is ${line.product.sku}, not ${data.sku}.`);
    }
    if (data.quantity > line.quantity) throw scanError("quantity", `Pick at most ${line.quantity} here.`);
    if (data.quantity > 0 && line.lotCode && !same(data.lot, line.lotCode)) {
      throw scanError("lot", data.lot ? `Wrong lot: this line takes lot ${line.lotCode}, not ${data.lot}.` : `Scan the lot: this line takes lot ${line.lotCode}.`);
    }
    if (data.quantity > 0 && line.serialItem) {
      const s = data.serial ?? "";
      const matches = normalizeIdentifier(s) === line.serialItem.identifier || (line.serialItem.imei !== null && imeiDigits(s) === line.serialItem.imei);
      if (!matches) throw scanError("serial", s ? `Wrong serial: this line takes ${line.serialItem.imei ?? line.serialItem.identifier}, not ${s}.` : `Scan the serial (${line.serialItem.imei ?? line.serialItem.identifier}).`);
    }
    const short = line.quantity - data.quantity;
    if (short > 0 && !data.reason) throw scanError("reason", `Say why only ${data.quantity} of ${line.quantity} could be picked.`);

    const from = line.fromLocationId;
    const to = list.toLocationId;
    // Stock first (the whole product when a shortfall may be reserved elsewhere), then the reservation.
    await lockStock(tx, { rows: [{ productId: line.productId, locationId: from }, { productId: line.productId, locationId: to }], products: short > 0 ? [line.productId] : [], into: [to] });
    const [reservation] = line.reservationId ? await lockReservations(tx, { ids: [line.reservationId] }) : [];
    if (!reservation) throw new AppError("INVALID_TRANSITION", `The reservation of line ${seq} is gone (the order was changed); reload the pick list.`, { from: order.status, to: order.status, allowed: [] });
    if (reservation.quantity !== line.quantity) throw new AppError("INTERNAL", `The reservation of line ${seq} holds ${reservation.quantity}, the line asks for ${line.quantity}.`);
    await release(tx, [reservation]);

    let movementId: string | null = null;
    let pickedReservation: string | null = null;
    if (data.quantity > 0) {
      const { result } = await postMovement(
        actor,
        {
          type: "transfer",
          reference: order.number,
          note: `Pick list ${list.number}, line ${seq}`,
          lines: [
            {
              sku: line.product.sku,
              from: line.fromLocation.code,
              to: list.toLocation.code,
              quantity: data.quantity,
              ...(line.lotCode ? { lot: line.lotCode } : {}),
              ...(line.serialItem ? { serials: [line.serialItem.identifier] } : {}),
            },
          ],
        },
        { tx },
      );
      movementId = result.id;
      // The reservation goes with the goods: now at the shipping location, picked.
      const lot = line.lotCode ? await tx.lot.findUnique({ where: { productId_locationId_code: { productId: line.productId, locationId: to, code: line.lotCode } }, select: { id: true } }) : null;
      [pickedReservation] = await reserve(
        tx,
        order.id,
        line.orderLineId,
        [{ productId: line.productId, locationId: to, locationCode: list.toLocation.code, lotId: lot?.id ?? null, lotCode: line.lotCode, serialItemId: line.serialItemId, quantity: data.quantity }],
        { picked: true },
      );
    }
    await tx.pickListLine.update({
      where: { id: line.id },
      data: { pickedQuantity: data.quantity, shortReason: short > 0 ? data.reason : null, pickedById: actor.id, pickedAt: new Date(), movementId, reservationId: pickedReservation },
    });

    let shortfall: PickResult["shortfall"] = null;
    if (short > 0) {
      // Elsewhere first (not where it was just found short); what cannot be found stays on backorder.
      const allocations = await allocate(tx, { id: line.productId, tracking: line.product.tracking }, short, [from]);
      const ids = await reserve(tx, order.id, line.orderLineId, allocations);
      if (ids.length) {
        const rows = walkingOrder(
          await tx.stockReservation.findMany({
            where: { id: { in: ids } },
            include: { location: { select: { code: true } }, lot: { select: { code: true } }, order: { select: { number: true } }, product: { select: { sku: true } } },
          }),
        );
        const last = await tx.pickListLine.aggregate({ where: { pickListId: listId }, _max: { seq: true } });
        await tx.pickListLine.createMany({ data: rows.map((r, i) => lineData(listId, (last._max.seq ?? 0) + i + 1, r)) });
      }
      const rereserved = allocations.map((a) => ({ location: a.locationCode, lot: a.lotCode, quantity: a.quantity }));
      const found = allocations.reduce((s, a) => s + a.quantity, 0);
      shortfall = { quantity: short, rereserved, backordered: short - found };
      await addEvent(tx, actor, order.id, {
        action: "short_pick",
        from: order.status,
        to: order.status,
        reason: data.reason,
        data: { pickList: list.number, seq, sku: line.product.sku, location: line.fromLocation.code, short, rereserved, backordered: short - found },
      });
    }
    const open = await tx.pickListLine.count({ where: { pickListId: listId, pickedQuantity: null } });
    if (open === 0) await tx.pickList.update({ where: { id: listId }, data: { status: "done", completedAt: new Date() } });
    const out = await load(tx, listId);
    await writeAudit(tx, actor, {
      action: "pick_list.pick",
      entity: "pick_list",
      entityId: listId,
      after: { seq, order: order.number, sku: line.product.sku, location: line.fromLocation.code, quantity: line.quantity, picked: data.quantity, reason: data.reason ?? null, shortfall },
    });
    return { pickList: out, shortfall };
  }, SALES_TX);
}
