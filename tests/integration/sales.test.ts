// Outbound against the real database (docs/outbound.md): reservations that can never over-allocate
// (parallel confirmations, parallel issues by other clerks), counts below reserved refused naming
// the orders, cancel releasing exactly, pick lists in walking order with short picks re-reserved
// or backordered, shipping by one `out` movement with the reserved lots and serials, backorder
// orders, and reconciliation of reserved figures against the reservations.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createCustomer, deleteCustomer } from "@/lib/sales/customers";
import { createSalesOrder, getSalesOrder, reservationsOfProduct, transitionSalesOrder } from "@/lib/sales/orders";
import { createPickList, getPickList, pickLine } from "@/lib/sales/pick-lists";
import { listReturnsOfShipment, returnShipment } from "@/lib/sales/returns";
import { shipOrder } from "@/lib/sales/shipping";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { createSerialItem, getSerialItem, transitionSerialItem } from "@/lib/serials/items";
import { createSource } from "@/lib/serials/sources";
import { postMovement } from "@/lib/stock/post-movement";
import { checkStock } from "@/lib/stock/reconcile";
import { actorFor, uniq } from "../support/fixtures";
import { levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

let admin: Actor, manager: Actor, clerk: Actor, clerk2: Actor, viewer: Actor;
let customer: string;
let ship: string;
let warehouseId: string;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** Reconciliation's findings for these products only (other tests' planted rows are theirs). */
async function discrepanciesOf(...skus: string[]) {
  return (await checkStock(admin)).discrepancies.filter((d) => skus.includes(d.sku));
}

async function reservedAt(sku: string, location: string): Promise<number> {
  const row = await db.stockLevel.findFirst({ where: { product: { sku }, location: { code: location } } });
  return row?.reserved ?? 0;
}

async function receive(sku: string, location: string, quantity: number, extra: Record<string, unknown> = {}) {
  await postMovement(admin, { type: "in", lines: [{ sku, location, quantity, ...extra }] });
}

async function order(lines: { sku: string; quantity: number }[], by: Actor = manager) {
  return createSalesOrder(by, { customer, requestedDate: "2026-12-06", lines: lines.map((l) => ({ ...l, unitPrice: "10.00" })) });
}

async function confirmed(lines: { sku: string; quantity: number }[]) {
  const o = await order(lines);
  return transitionSalesOrder(manager, o.number, { action: "confirm" });
}

/** Picks every open line of a pick list as asked (scans taken from the line itself). */
async function pickAll(number: string, by: Actor = clerk) {
  const list = await getPickList(by, number);
  for (const l of list.lines.filter((x) => x.pickedQuantity === null)) {
    await pickLine(by, list.id, l.seq, { location: l.location, sku: l.sku, quantity: l.quantity, lot: l.lot ?? undefined, serial: l.imei ?? l.serial ?? undefined });
  }
  return getPickList(by, number);
}

beforeAll(async () => {
  [admin, manager, clerk, clerk2, viewer] = await Promise.all((["admin", "manager", "clerk", "clerk", "viewer"] as const).map((r) => actorFor(r)));
  customer = uniq("CUST");
  await createCustomer(manager, { code: customer, name: "Acme Retail", currency: "CNY", shippingAddress: "1 Main St" });
  ship = uniq("SHIP");
  const w = await db.warehouse.create({ data: { code: uniq("W"), name: "Sales test" } });
  warehouseId = w.id;
  await db.location.create({ data: { code: ship, barcode: `BC-${ship}`, name: "Shipping dock", kind: "shipping", warehouseId: w.id } });
});

describe("reservations", () => {
  it("32 parallel confirmations of 1 unit against 10 available: exactly 10 reserved, 22 backordered", async () => {
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(admin);
    await receive(sku, a, 6);
    await receive(sku, b, 4);
    const drafts = await Promise.all(Array.from({ length: 32 }, () => order([{ sku, quantity: 1 }])));
    const results = await Promise.allSettled(drafts.map((d, i) => transitionSalesOrder(i % 2 ? manager : admin, d.number, { action: "confirm" })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const orders = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof transitionSalesOrder>>>).value);
    expect(orders.every((o) => o.status === "confirmed")).toBe(true);
    expect(orders.filter((o) => o.lines[0].reservedQuantity === 1)).toHaveLength(10);
    expect(orders.filter((o) => o.backorderQuantity === 1)).toHaveLength(22);
    expect((await reservedAt(sku, a)) + (await reservedAt(sku, b))).toBe(10);
    const over = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM stock_levels WHERE reserved > quantity OR reserved < 0`;
    expect(Number(over[0].n)).toBe(0);
    expect(await discrepanciesOf(sku)).toEqual([]);
  });

  it("parallel issues by other clerks take only unreserved stock", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await receive(sku, a, 10);
    const draft = await order([{ sku, quantity: 6 }]);
    // The confirmation races 10 single-unit issues: whatever the order, the 6 reserved units stay.
    const [confirmedOrder, ...issues] = await Promise.allSettled([
      transitionSalesOrder(manager, draft.number, { action: "confirm" }),
      ...Array.from({ length: 10 }, (_, i) => postMovement(i % 2 ? clerk : clerk2, { type: "out", lines: [{ sku, location: a, quantity: 1 }] })),
    ]);
    expect(confirmedOrder.status).toBe("fulfilled");
    const o = (confirmedOrder as PromiseFulfilledResult<Awaited<ReturnType<typeof transitionSalesOrder>>>).value;
    const issued = issues.filter((r) => r.status === "fulfilled").length;
    const refused = issues.filter((r) => r.status === "rejected");
    for (const r of refused) expect(((r as PromiseRejectedResult).reason as AppError).code).toBe("INSUFFICIENT_STOCK");
    const reserved = o.lines[0].reservedQuantity;
    expect(reserved + o.lines[0].backorderQuantity).toBe(6);
    expect(issued + reserved).toBeLessThanOrEqual(10);
    expect(await levelOf(sku, a)).toBe(10 - issued);
    expect(await reservedAt(sku, a)).toBe(reserved);
    expect(await levelOf(sku, a)).toBeGreaterThanOrEqual(reserved);
    // And afterwards nobody can take the reserved units.
    const left = 10 - issued - reserved;
    if (left > 0) await postMovement(clerk, { type: "out", lines: [{ sku, location: a, quantity: left }] });
    const e = await refusal(postMovement(clerk, { type: "out", lines: [{ sku, location: a, quantity: 1 }] }));
    expect(e.code).toBe("INSUFFICIENT_STOCK");
    expect(e.details).toMatchObject({ available: 0 });
    const t = await refusal(postMovement(manager, { type: "write_off", reason: "damaged", lines: [{ sku, location: a, quantity: 1 }] }));
    expect(t.code).toBe("INSUFFICIENT_STOCK");
  });

  it("a count below the reserved quantity is refused, naming the orders", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await receive(sku, a, 5);
    const o = await confirmed([{ sku, quantity: 3 }]);
    const e = await refusal(postMovement(manager, { type: "adjust", lines: [{ sku, location: a, counted: 2 }] }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.message).toContain(o.number);
    expect(e.details).toMatchObject({ reason: "RESERVED", reserved: 3, orders: [o.number] });
    // At or above the reserved quantity a count is fine.
    await postMovement(manager, { type: "adjust", lines: [{ sku, location: a, counted: 3 }] });
    expect(await levelOf(sku, a)).toBe(3);
  });

  it("lot-tracked: reserved FEFO, and other issues take the unreserved lots", async () => {
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(admin, { tracking: "lot" });
    await receive(sku, a, 5, { lot: "LATE", expiresAt: "2027-06-01" });
    await receive(sku, b, 5, { lot: "EARLY", expiresAt: "2027-01-01" });
    const o = await confirmed([{ sku, quantity: 7 }]);
    // FEFO: all of EARLY (at B), then 2 of LATE (at A).
    expect(o.lines[0].reservations.map((r) => [r.location, r.lot, r.quantity]).sort((x, y) => String(x[1]).localeCompare(String(y[1])))).toEqual([
      [b, "EARLY", 5],
      [a, "LATE", 2],
    ]);
    // An issue at A without a lot takes FEFO from what is not reserved: LATE has 3 free.
    await postMovement(clerk, { type: "out", lines: [{ sku, location: a, quantity: 3 }] });
    expect(await refusal(postMovement(clerk, { type: "out", lines: [{ sku, location: a, quantity: 1, lot: "LATE" }] }))).toMatchObject({ code: "INSUFFICIENT_STOCK" });
    expect((await db.lot.findFirstOrThrow({ where: { code: "LATE", product: { sku } } })).reserved).toBe(2);
    expect(await discrepanciesOf(sku)).toEqual([]);
  });

  it("cancel releases exactly what the order held", async () => {
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(admin);
    await receive(sku, a, 3);
    await receive(sku, b, 3);
    const other = await confirmed([{ sku, quantity: 2 }]);
    const o = await confirmed([{ sku, quantity: 3 }]);
    expect((await reservedAt(sku, a)) + (await reservedAt(sku, b))).toBe(5);
    const cancelled = await transitionSalesOrder(manager, o.number, { action: "cancel", reason: "Customer changed their mind" });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Customer changed their mind", backorderQuantity: 0 });
    expect((await reservedAt(sku, a)) + (await reservedAt(sku, b))).toBe(2);
    expect((await getSalesOrder(viewer, other.number)).lines[0].reservedQuantity).toBe(2);
    expect(await db.stockReservation.count({ where: { orderId: o.id } })).toBe(0);
    // A cancelled order cannot be confirmed again.
    const e = await refusal(transitionSalesOrder(manager, o.number, { action: "confirm" }));
    expect(e).toMatchObject({ code: "INVALID_TRANSITION", details: { from: "cancelled", allowed: [] } });
  });

  it("a later receipt fills the backorder by the reserve action", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await receive(sku, a, 2);
    const o = await confirmed([{ sku, quantity: 5 }]);
    expect(o.backorderQuantity).toBe(3);
    expect((await transitionSalesOrder(manager, o.number, { action: "reserve" })).backorderQuantity).toBe(3);
    await receive(sku, a, 10);
    const filled = await transitionSalesOrder(manager, o.number, { action: "reserve" });
    expect(filled).toMatchObject({ status: "confirmed", backorderQuantity: 0 });
    expect(filled.lines[0].reservedQuantity).toBe(5);
    expect(await reservationsOfProduct(viewer, sku)).toEqual([expect.objectContaining({ order: o.number, customer: { code: customer, name: "Acme Retail" }, location: a, quantity: 5, picked: false })]);
  });

  it("roles: a clerk cannot confirm, a viewer cannot create; a customer with open orders cannot be deleted", async () => {
    const sku = await makeProduct(admin);
    const o = await order([{ sku, quantity: 1 }]);
    expect((await refusal(transitionSalesOrder(clerk, o.number, { action: "confirm" }))).code).toBe("FORBIDDEN");
    expect((await refusal(order([{ sku, quantity: 1 }], viewer))).code).toBe("FORBIDDEN");
    expect((await refusal(deleteCustomer(manager, customer))).code).toBe("IN_USE");
  });
});

describe("pick, pack and ship", () => {
  it("a pick list walks zone, aisle, bin; a short pick is re-reserved elsewhere, then backordered", async () => {
    const p = uniq("Z").slice(2, 6);
    const codes = [`${p}-B-02-10`, `${p}-A-10-01`, `${p}-A-02-03`, `${p}-A-02-10`];
    await db.location.createMany({ data: codes.map((code) => ({ code, barcode: `BC-${code}`, name: code, warehouseId })) });
    const [x, y, z] = [await makeProduct(admin), await makeProduct(admin), await makeProduct(admin)];
    await receive(x, codes[0], 4);
    await receive(y, codes[1], 3);
    await receive(z, codes[2], 2);
    await receive(z, codes[3], 1);
    const o1 = await confirmed([{ sku: x, quantity: 4 }, { sku: z, quantity: 3 }]);
    const o2 = await confirmed([{ sku: y, quantity: 3 }]);
    const list = await createPickList(clerk, { orders: [o1.number, o2.number], toLocation: ship });
    expect(list.lines.map((l) => l.location)).toEqual([codes[2], codes[3], codes[1], codes[0]]);
    expect(list.orders.sort()).toEqual([o1.number, o2.number].sort());
    expect((await getSalesOrder(viewer, o2.number)).status).toBe("picking");

    // Wrong location and missing reason are refused; nothing moves.
    const first = list.lines[0];
    expect((await refusal(pickLine(clerk, list.id, first.seq, { location: codes[3], sku: z, quantity: 2 }))).message).toContain(codes[2]);
    expect((await refusal(pickLine(clerk, list.id, first.seq, { location: codes[2], sku: z, quantity: 1 }))).details).toMatchObject({ issues: [{ path: "reason" }] });
    expect(await levelOf(z, codes[2])).toBe(2);

    // Short by one at codes[2]: the only other unit of z is reserved already (codes[3]), so it is backordered.
    const short = await pickLine(clerk, list.id, first.seq, { location: `bc-${codes[2]}`, sku: z, quantity: 1, reason: "Only one found" });
    expect(short.shortfall).toEqual({ quantity: 1, rereserved: [], backordered: 1 });
    await pickAll(list.number);
    const done = await getPickList(clerk, list.number);
    expect(done.status).toBe("done");
    expect(await levelOf(x, ship)).toBe(4);
    expect(await reservedAt(x, ship)).toBe(4);
    const after = await getSalesOrder(viewer, o1.number);
    expect(after.lines.map((l) => [l.pickedQuantity, l.backorderQuantity])).toEqual([
      [4, 0],
      [2, 1],
    ]);
    // Picking twice is refused.
    expect((await refusal(pickLine(clerk2, list.id, first.seq, { location: codes[2], sku: z, quantity: 1 }))).code).toBe("INVALID_TRANSITION");
    expect(await discrepanciesOf(x, y, z)).toEqual([]);
  });

  it("a batched order with nothing reserved stays confirmed; a batch with nothing to pick is refused", async () => {
    const [a] = await makeLocations(1);
    const [sku, none] = [await makeProduct(admin), await makeProduct(admin)];
    await receive(sku, a, 1);
    const ok = await confirmed([{ sku, quantity: 1 }]);
    const empty = await confirmed([{ sku: none, quantity: 2 }]);
    expect(empty.backorderQuantity).toBe(2);
    const list = await createPickList(clerk, { orders: [ok.number, empty.number], toLocation: ship });
    expect(list.orders).toEqual([ok.number]);
    expect((await getSalesOrder(viewer, ok.number)).status).toBe("picking");
    expect((await getSalesOrder(viewer, empty.number)).status).toBe("confirmed");
    expect((await refusal(createPickList(clerk, { orders: [empty.number] }))).details).toMatchObject({ issues: [{ path: "orders" }] });
  });

  it("a short pick is reserved again at another location as a new line at the end", async () => {
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(admin);
    await receive(sku, a, 3);
    await receive(sku, b, 5);
    const o = await confirmed([{ sku, quantity: 4 }]);
    expect(o.lines[0].reservations.map((r) => r.location)).toEqual([b]);
    const list = await createPickList(clerk, { orders: [o.number], toLocation: ship });
    const r = await pickLine(clerk, list.id, 1, { location: b, sku, quantity: 2, reason: "Damaged box" });
    expect(r.shortfall).toEqual({ quantity: 2, rereserved: [{ location: a, lot: null, quantity: 2 }], backordered: 0 });
    expect(r.pickList.lines.map((l) => [l.seq, l.location, l.quantity, l.pickedQuantity])).toEqual([
      [1, b, 4, 2],
      [2, a, 2, null],
    ]);
    expect(r.pickList.status).toBe("open");
    await pickLine(clerk, list.id, 2, { location: a, sku, quantity: 2 });
    const view = await getSalesOrder(viewer, o.number);
    expect(view.lines[0]).toMatchObject({ pickedQuantity: 4, reservedQuantity: 0, backorderQuantity: 0 });
    // The units still at B (3 left, one of them the damaged box's) are free again.
    expect(await levelOf(sku, b)).toBe(3);
    expect(await reservedAt(sku, b)).toBe(0);
  });

  it("ship posts one out with the reserved lots and serials, serial items go out of stock, reserved back to 0", async () => {
    const [a] = await makeLocations(1);
    const lotSku = await makeProduct(admin, { tracking: "lot" });
    const phone = await makeProduct(admin, { tracking: "serial" });
    await receive(lotSku, a, 4, { lot: "L1", expiresAt: "2027-03-01" });
    const src = await createSource(admin, "temporary_channel", { name: uniq("ch") });
    const imeis: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = `35${String(Date.now() % 1e9).padStart(9, "0")}${String(i).padStart(3, "0")}`;
      const imei = body + imeiCheckDigit(body);
      imeis.push(imei);
      const item = await createSerialItem(admin, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei });
      await transitionSerialItem(admin, item.id, { to: "in_transit" });
      await postMovement(admin, { type: "in", lines: [{ sku: phone, location: a, quantity: 1, serials: [imei] }] });
    }
    const o = await confirmed([{ sku: lotSku, quantity: 3 }, { sku: phone, quantity: 2 }]);
    const reservedSerials = o.lines[1].reservations.map((r) => r.serial!);
    expect(reservedSerials).toHaveLength(2);
    // A reserved serial cannot be shipped by anyone else.
    const e = await refusal(postMovement(clerk, { type: "out", lines: [{ sku: phone, location: a, quantity: 1, serials: [reservedSerials[0]] }] }));
    expect(e.message).toContain(`reserved for order ${o.number}`);

    const list = await createPickList(clerk, { orders: [o.number], toLocation: ship });
    // A serial line needs the reserved serial.
    const serialLine = list.lines.find((l) => l.sku === phone)!;
    const free = imeis.find((i) => !reservedSerials.includes(i))!;
    expect((await refusal(pickLine(clerk, list.id, serialLine.seq, { location: a, sku: phone, quantity: 1, serial: free }))).details).toMatchObject({ issues: [{ path: "serial" }] });
    await pickAll(list.number);
    expect((await refusal(shipOrder(clerk, o.number, {}))).code).toBe("INVALID_TRANSITION");
    expect((await refusal(transitionSalesOrder(clerk, o.number, { action: "pack" }))).details).toMatchObject({ issues: [{ path: "packages" }] });
    await transitionSalesOrder(clerk, o.number, { action: "pack", packages: 2, weightKg: "3.5" });
    const { shipment, backorder } = await shipOrder(clerk, o.number, { carrier: "SF Express", trackingNo: "SF123" });
    expect(backorder).toBeNull();
    expect(shipment).toMatchObject({ order: o.number, packages: 2, weightKg: "3.5", carrier: "SF Express" });
    expect(shipment.lines).toEqual([
      expect.objectContaining({ sku: lotSku, quantity: 3, lots: [{ code: "L1", quantity: 3 }] }),
      expect.objectContaining({ sku: phone, quantity: 2, serials: expect.arrayContaining(reservedSerials) }),
    ]);
    const movements = await db.movement.findMany({ where: { reference: o.number, type: "out" } });
    expect(movements).toHaveLength(1);
    expect(await db.stockReservation.count({ where: { orderId: o.id } })).toBe(0);
    expect(await reservedAt(lotSku, ship)).toBe(0);
    expect(await levelOf(lotSku, ship)).toBe(0);
    for (const s of reservedSerials) expect((await getSerialItem(viewer, s)).status).toBe("out_of_stock");
    expect((await getSerialItem(viewer, free)).status).toBe("arrived");
    const shipped = await getSalesOrder(viewer, o.number);
    expect(shipped).toMatchObject({ status: "shipped", shipments: [{ number: shipment.number }] });
    expect(shipped.lines.map((l) => l.shippedQuantity)).toEqual([3, 2]);
    expect((await transitionSalesOrder(manager, o.number, { action: "close" })).status).toBe("closed");
    expect(await discrepanciesOf(lotSku, phone)).toEqual([]);
  });

  it("shipping with a backorder opens a backorder order that carries the rest", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await receive(sku, a, 2);
    const o = await confirmed([{ sku, quantity: 5 }]);
    const list = await createPickList(clerk, { orders: [o.number], toLocation: ship });
    await pickAll(list.number);
    await transitionSalesOrder(clerk, o.number, { action: "pack", packages: 1 });
    await receive(sku, a, 1);
    const { backorder } = await shipOrder(clerk, o.number, {});
    expect(backorder).toMatch(/^SO/);
    const bo = await getSalesOrder(viewer, backorder!);
    expect(bo).toMatchObject({ status: "confirmed", backorderOf: o.number, backorderQuantity: 2 });
    expect(bo.lines[0]).toMatchObject({ quantity: 3, reservedQuantity: 1 });
    expect((await getSalesOrder(viewer, o.number)).backorders).toEqual([backorder]);
  });
});

describe("customer returns", () => {
  /** A shipped order: 3 of a lot-tracked product (lot L1) and 2 serial items, from location `a`. */
  async function shipped() {
    const [a, back] = await makeLocations(2);
    const lotSku = await makeProduct(admin, { tracking: "lot" });
    const phone = await makeProduct(admin, { tracking: "serial" });
    await receive(lotSku, a, 3, { lot: "L1", expiresAt: "2027-05-01", unitCost: "4.50" });
    const src = await createSource(admin, "temporary_channel", { name: uniq("ch") });
    const imeis: string[] = [];
    for (let i = 0; i < 2; i++) {
      const body = `86${String(Date.now() % 1e9).padStart(9, "0")}${String(i).padStart(3, "0")}`;
      const imei = body + imeiCheckDigit(body);
      imeis.push(imei);
      const item = await createSerialItem(admin, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei });
      await transitionSerialItem(admin, item.id, { to: "in_transit" });
      await postMovement(admin, { type: "in", lines: [{ sku: phone, location: a, quantity: 1, serials: [imei] }] });
    }
    const o = await confirmed([{ sku: lotSku, quantity: 3 }, { sku: phone, quantity: 2 }]);
    const list = await createPickList(clerk, { orders: [o.number], toLocation: ship });
    await pickAll(list.number);
    await transitionSalesOrder(clerk, o.number, { action: "pack", packages: 1 });
    const { shipment } = await shipOrder(clerk, o.number, {});
    return { a, back, lotSku, phone, imeis, order: o.number, shipment: shipment.number };
  }

  it("puts goods back into their lot at the cost they left with, serial items as themselves; never more than shipped", async () => {
    const s = await shipped();
    const r = await returnShipment(clerk, s.shipment, {
      location: s.back,
      reason: "Wrong colour",
      lines: [{ sku: s.lotSku.toLowerCase(), quantity: 1 }, { sku: s.phone, quantity: 1, serials: [s.imeis[0]] }],
    });
    expect(r.replayed).toBe(false);
    expect(r.result).toMatchObject({ shipment: s.shipment, order: s.order, location: s.back, reason: "Wrong colour" });
    expect(r.result.number).toMatch(/^WH\/RET\//);
    expect(r.result.lines).toEqual([
      expect.objectContaining({ sku: s.lotSku, quantity: 1, lot: "L1" }),
      expect.objectContaining({ sku: s.phone, quantity: 1, serials: [s.imeis[0]] }),
    ]);
    expect(await levelOf(s.lotSku, s.back)).toBe(1);
    const lot = await db.lot.findFirstOrThrow({ where: { product: { sku: s.lotSku }, code: "L1" } });
    expect(lot.expiresAt?.toISOString().slice(0, 10)).toBe("2027-05-01");
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { movement: { number: r.result.movement } , product: { sku: s.lotSku } } });
    expect(entry.unitCost?.toString()).toBe("4.5");
    const item = await getSerialItem(viewer, s.imeis[0]);
    expect(item).toMatchObject({ status: "arrived" });
    const history = await db.serialItemHistory.findMany({ where: { item: { imei: s.imeis[0] } }, orderBy: { id: "asc" } });
    expect(history.map((h) => h.action)).toContain("returned");
    expect((await getSerialItem(viewer, s.imeis[1])).status).toBe("out_of_stock");

    // What may still come back, and refusals naming it.
    const listed = await listReturnsOfShipment(viewer, s.shipment);
    expect(listed.items.map((x) => x.number)).toEqual([r.result.number]);
    expect(listed.returnable).toEqual([
      expect.objectContaining({ sku: s.lotSku, lot: "L1", shipped: 3, returned: 1, returnable: 2, serials: [] }),
      expect.objectContaining({ sku: s.phone, shipped: 2, returned: 1, returnable: 1, serials: [s.imeis[1]] }),
    ]);
    const tooMany = await refusal(returnShipment(clerk, s.shipment, { location: s.back, reason: "x", lines: [{ sku: s.lotSku, quantity: 3 }] }));
    expect(tooMany.code).toBe("VALIDATION_FAILED");
    expect(tooMany.message).toContain("Only 2 of");
    const again = await refusal(returnShipment(clerk, s.shipment, { location: s.back, reason: "x", lines: [{ sku: s.phone, quantity: 1, serials: [s.imeis[0]] }] }));
    expect(again.message).toContain("already come back");
    const stranger = await refusal(returnShipment(clerk, s.shipment, { location: s.back, reason: "x", lines: [{ sku: await makeProduct(admin), quantity: 1 }] }));
    expect(stranger.details).toMatchObject({ issues: [{ path: "lines.0.sku" }] });
    expect((await refusal(returnShipment(viewer, s.shipment, { location: s.back, reason: "x", lines: [{ sku: s.lotSku, quantity: 1 }] }))).code).toBe("FORBIDDEN");
    expect((await refusal(returnShipment(clerk, "WH/DN/1999/00001", { location: s.back, reason: "x", lines: [{ sku: s.lotSku, quantity: 1 }] }))).code).toBe("NOT_FOUND");

    // The order keeps its state; its timeline says what came back.
    const o = await getSalesOrder(viewer, s.order);
    expect(o.status).toBe("shipped");
    expect(o.events.find((e) => e.action === "return")).toMatchObject({ reason: "Wrong colour", data: { return: r.result.number, units: 2 } });
    expect(await discrepanciesOf(s.lotSku, s.phone)).toEqual([]);
  });

  it("parallel returns of the same goods: the shipment lock lets only what was shipped come back; a replayed key answers the first result", async () => {
    const s = await shipped();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => returnShipment(i % 2 ? clerk : clerk2, s.shipment, { location: s.back, reason: "Damaged box", lines: [{ sku: s.lotSku, quantity: 2 }] })),
    );
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results) if (x.status === "rejected") expect((x.reason as AppError).code).toBe("VALIDATION_FAILED");
    expect(await levelOf(s.lotSku, s.back)).toBe(2);

    const key = uniq("ret-key");
    const body = { location: s.back, reason: "Late", lines: [{ sku: s.lotSku, quantity: 1 }] };
    const first = await returnShipment(clerk, s.shipment, body, { idempotencyKey: key });
    const second = await returnShipment(clerk, s.shipment, body, { idempotencyKey: key });
    expect(second).toMatchObject({ replayed: true, result: { number: first.result.number, movement: first.result.movement } });
    expect(await levelOf(s.lotSku, s.back)).toBe(3);
    expect((await listReturnsOfShipment(viewer, s.shipment)).returnable[0]).toMatchObject({ returnable: 0 });
    expect(await discrepanciesOf(s.lotSku, s.phone)).toEqual([]);
  });
});

describe("reconciliation", () => {
  it("reports a reserved figure that is not the sum of the reservations", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await receive(sku, a, 5);
    await confirmed([{ sku, quantity: 2 }]);
    await db
      .$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE stock_levels SET reserved = 3 WHERE product_id = (SELECT id FROM products WHERE sku = ${sku}) AND location_id = (SELECT id FROM locations WHERE code = ${a})`;
        const found = (await checkStock(admin, { tx })).discrepancies;
        expect(found).toEqual([{ kind: "reserved", sku, location: a, stored: 3, ledger: 2 }]);
        throw new Error("rollback");
      })
      .catch((e: Error) => expect(e.message).toBe("rollback"));
  });
});
