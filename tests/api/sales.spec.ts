// Outbound through HTTP against the production build: the contract of docs/api.md "Outbound" —
// customers, customer orders through their state table (confirm reserves, the rest is the
// backorder), pick lists picked line by line with scans checked (short picks re-reserved elsewhere
// or backordered), pack, ship (one `out` movement, the backorder carried by a new order), and who
// may do what. Everything is created here with codes unique to the run, stock included (`in`
// movements on fresh products and locations). The steps share one order that goes draft →
// confirmed → picking → packed → shipped → closed, so the file is serial.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { call, expectError, expectPage, expectStatus, issuePaths, unique, type Json, type Role } from "./support";

test.describe.configure({ mode: "serial" });

const S = {
  customer: unique("CUS"), // the main customer
  customerDto: {} as Json,
  skuA: unique("SOA"), // 10 at L1: ordered 6, picked in full
  skuB: unique("SOB"), // 3 at L1: ordered 5 (2 on backorder), short-picked by 1 without stock elsewhere
  skuC: unique("SOC"), // 5 at L1, 3 at L2: ordered 4 at L1, short-picked by 3, re-reserved at L2
  skuD: unique("SOD"), // 2 at L2: ordered 3, shipped with the backorder dropped
  skuE: unique("SOE"), // 5 at L1: ordered 2, cancelled while being picked
  l1: unique("SOL"),
  l2: unique("SOL"),
  ship: unique("SOSHIP"), // kind shipping: where pick lists take the goods
  requested: "2099-06-15",
  order: "", // the main order
  pickList: {} as Json,
  shipment: {} as Json,
  backorder: "",
  orderD: "", // shipped with its backorder dropped
};

/** A path segment for a number with slashes (`WH/PICK/2026/00001`): percent-encoded, as a SKU with a slash. */
const seg = (number: string) => encodeURIComponent(number);

async function level(request: APIRequestContext, sku: string, location: string): Promise<Json> {
  const page = await expectPage<Json>(await call(request, "viewer", "GET", `/inventory?sku=${sku}&location=${location}`));
  return page.items[0] ?? { quantity: 0, reserved: 0, available: 0 };
}

async function order(request: APIRequestContext, number: string, role: Role = "viewer"): Promise<Json> {
  return expectStatus(await call(request, role, "GET", `/sales-orders/${number}`), 200);
}

const line = (o: Json, sku: string): Json => o.lines.find((l: Json) => l.sku === sku);

async function transition(request: APIRequestContext, role: Role, number: string, body: Json, status = 200): Promise<Json> {
  return expectStatus(await call(request, role, "POST", `/sales-orders/${number}/transitions`, body), status);
}

/** Creates and confirms an order of the main customer (manager); returns its number. */
async function confirmedOrder(request: APIRequestContext, lines: { sku: string; quantity: number }[]): Promise<string> {
  const created = await expectStatus(await call(request, "manager", "POST", "/sales-orders", { customer: S.customer, lines: lines.map((l) => ({ ...l, unitPrice: "1" })) }), 201);
  await transition(request, "manager", created.number, { action: "confirm" });
  return created.number;
}

test.beforeAll(async ({ request }) => {
  for (const sku of [S.skuA, S.skuB, S.skuC, S.skuD, S.skuE]) {
    await expectStatus(await call(request, "manager", "POST", "/products", { sku, name: `Outbound ${sku}` }), 201);
  }
  await expectStatus(await call(request, "manager", "POST", "/locations", { code: S.l1, warehouse: "WH", kind: "storage" }), 201);
  await expectStatus(await call(request, "manager", "POST", "/locations", { code: S.l2, warehouse: "WH", kind: "storage" }), 201);
  const ship = await expectStatus(await call(request, "manager", "POST", "/locations", { code: S.ship, warehouse: "WH", kind: "shipping" }), 201);
  expect(ship.kind).toBe("shipping");
  const lines = [
    { sku: S.skuA, location: S.l1, quantity: 10 },
    { sku: S.skuB, location: S.l1, quantity: 3 },
    { sku: S.skuC, location: S.l1, quantity: 5 },
    { sku: S.skuC, location: S.l2, quantity: 3 },
    { sku: S.skuD, location: S.l2, quantity: 2 },
    { sku: S.skuE, location: S.l1, quantity: 5 },
  ];
  await expectStatus(await call(request, "clerk", "POST", "/movements", { type: "in", reference: `Outbound spec ${S.customer}`, lines }), 201);
});

test.describe("customers", () => {
  test("create, read, list, update; codes are upper case and unique", async ({ request }) => {
    const created = await expectStatus(
      await call(request, "manager", "POST", "/customers", { code: S.customer.toLowerCase(), name: "Acme Retail", currency: "cny", email: "buyer@acme.example", shippingAddress: "1 Dock Road" }),
      201,
    );
    expect(created).toMatchObject({ code: S.customer, name: "Acme Retail", currency: "CNY", email: "buyer@acme.example", shippingAddress: "1 Dock Road", phone: null, deleted: false });
    expect(typeof created.id).toBe("string");
    S.customerDto = created;

    const dup = await expectError(await call(request, "manager", "POST", "/customers", { code: S.customer, name: "Again", currency: "CNY" }), 409, "DUPLICATE");
    expect(issuePaths(dup)).toEqual(["code"]);
    const bad = await expectError(await call(request, "manager", "POST", "/customers", { code: unique("CUS"), name: "", currency: "yuan", email: "nope" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(bad).sort()).toEqual(["currency", "email", "name"]);

    expect(await expectStatus(await call(request, "viewer", "GET", `/customers/${S.customer.toLowerCase()}`), 200)).toEqual(created);
    const page = await expectPage<Json>(await call(request, "viewer", "GET", `/customers?q=${S.customer}`));
    expect(page.items.map((c) => c.code)).toEqual([S.customer]);

    const patched = await expectStatus(await call(request, "manager", "PATCH", `/customers/${S.customer}`, { name: "Acme Retail Ltd", phone: "", contact: "Jo" }), 200);
    expect(patched).toMatchObject({ code: S.customer, name: "Acme Retail Ltd", phone: null, contact: "Jo", email: "buyer@acme.example" });
    await expectError(await call(request, "manager", "PATCH", `/customers/${unique("NOCUS")}`, { name: "x" }), 404, "NOT_FOUND");
    await expectError(await call(request, "viewer", "GET", `/customers/${unique("NOCUS")}`), 404, "NOT_FOUND");
  });

  test("only sales.write changes customers: clerk and viewer → 403", async ({ request }) => {
    for (const role of ["clerk", "viewer", "purchaser"] as const) {
      const e = await expectError(await call(request, role, "POST", "/customers", { code: unique("CUS"), name: "Nope", currency: "CNY" }), 403, "FORBIDDEN");
      expect(e.details).toMatchObject({ action: "sales.write" });
    }
    await expectError(await call(request, "clerk", "PATCH", `/customers/${S.customer}`, { name: "x" }), 403, "FORBIDDEN");
    await expectError(await call(request, "viewer", "DELETE", `/customers/${S.customer}`), 403, "FORBIDDEN");
    expect((await request.get("/api/v1/customers")).status()).toBe(401);
  });

  test("delete: 200 with the customer, then gone; its code stays taken", async ({ request }) => {
    const code = unique("CUSDEL");
    await expectStatus(await call(request, "manager", "POST", "/customers", { code, name: "Short-lived", currency: "EUR" }), 201);
    expect(await expectStatus(await call(request, "manager", "DELETE", `/customers/${code}`), 200)).toMatchObject({ code, deleted: true });
    await expectError(await call(request, "viewer", "GET", `/customers/${code}`), 404, "NOT_FOUND");
    await expectError(await call(request, "manager", "DELETE", `/customers/${code}`), 404, "NOT_FOUND");
    expect((await expectPage<Json>(await call(request, "viewer", "GET", `/customers?q=${code}`))).items).toEqual([]);
    await expectError(await call(request, "manager", "POST", "/customers", { code, name: "Again", currency: "EUR" }), 409, "DUPLICATE");
  });
});

test.describe("customer orders", () => {
  test("create a draft, replace it with PUT; unknown customer → 404, unknown product → 422", async ({ request }) => {
    const draft = await expectStatus(
      await call(request, "manager", "POST", "/sales-orders", { customer: S.customer.toLowerCase(), requestedDate: S.requested, lines: [{ sku: S.skuA, quantity: 4, unitPrice: "2.50" }] }),
      201,
    );
    expect(draft).toMatchObject({
      status: "draft",
      customer: { code: S.customer, name: "Acme Retail Ltd" },
      currency: "CNY",
      shipTo: "1 Dock Road",
      requestedDate: S.requested,
      canEdit: true,
      transitions: ["confirm", "cancel"],
      backorderOf: null,
    });
    expect(draft.lines).toMatchObject([{ lineNo: 1, sku: S.skuA, quantity: 4, unitPrice: "2.50", amount: "10.00", reservedQuantity: 0, reservations: [] }]);
    expect(draft.events.map((e: Json) => e.action)).toEqual(["create"]);
    expect(draft.events[0].channel).toBe("api");
    S.order = draft.number;

    const replaced = await expectStatus(
      await call(request, "manager", "PUT", `/sales-orders/${S.order}`, {
        customer: S.customer,
        requestedDate: S.requested,
        shipTo: "Gate 4",
        lines: [
          { sku: S.skuA, quantity: 6, unitPrice: "2.50" },
          { sku: S.skuB, quantity: 5, unitPrice: "10" },
          { sku: S.skuC, quantity: 4, unitPrice: "1.25" },
        ],
      }),
      200,
    );
    expect(replaced).toMatchObject({ number: S.order, status: "draft", shipTo: "Gate 4", total: "70.00" });
    expect(replaced.lines.map((l: Json) => [l.sku, l.quantity, l.amount])).toEqual([[S.skuA, 6, "15.00"], [S.skuB, 5, "50.00"], [S.skuC, 4, "5.00"]]);
    // By id as well as by number.
    expect((await order(request, replaced.id)).number).toBe(S.order);

    await expectError(await call(request, "manager", "POST", "/sales-orders", { customer: unique("NOCUS"), lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 404, "NOT_FOUND");
    const unknown = await expectError(await call(request, "manager", "POST", "/sales-orders", { customer: S.customer, lines: [{ sku: unique("NOSKU"), quantity: 1, unitPrice: "1" }] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(unknown)).toEqual(["lines.0.sku"]);
    const invalid = await expectError(await call(request, "manager", "POST", "/sales-orders", { customer: S.customer, lines: [] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(invalid)).toEqual(["lines"]);
  });

  test("a customer with an open order cannot be deleted → 409 IN_USE", async ({ request }) => {
    const e = await expectError(await call(request, "manager", "DELETE", `/customers/${S.customer}`), 409, "IN_USE");
    expect(e.details).toMatchObject({ orders: 1 });
    await expectStatus(await call(request, "viewer", "GET", `/customers/${S.customer}`), 200);
  });

  test("a clerk (or a viewer) cannot create, edit or confirm orders → 403", async ({ request }) => {
    for (const role of ["clerk", "viewer"] as const) {
      const e = await expectError(await call(request, role, "POST", `/sales-orders/${S.order}/transitions`, { action: "confirm" }), 403, "FORBIDDEN");
      expect(e.details).toMatchObject({ action: "sales.write" });
      await expectError(await call(request, role, "POST", "/sales-orders", { customer: S.customer, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 403, "FORBIDDEN");
      await expectError(await call(request, role, "PUT", `/sales-orders/${S.order}`, { customer: S.customer, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 403, "FORBIDDEN");
    }
    expect((await order(request, S.order, "clerk")).transitions).toEqual([]);
    expect((await order(request, S.order, "clerk")).canEdit).toBe(false);
  });

  test("confirm reserves what is available; the rest is the backorder", async ({ request }) => {
    const confirmed = await transition(request, "manager", S.order, { action: "confirm" });
    expect(confirmed).toMatchObject({ status: "confirmed", canEdit: false, transitions: ["reserve", "cancel"], backorderQuantity: 2 });
    expect(line(confirmed, S.skuA)).toMatchObject({ reservedQuantity: 6, pickedQuantity: 0, backorderQuantity: 0, reservations: [{ location: S.l1, lot: null, serial: null, quantity: 6, picked: false }] });
    expect(line(confirmed, S.skuB)).toMatchObject({ reservedQuantity: 3, backorderQuantity: 2, reservations: [{ location: S.l1, quantity: 3, picked: false }] });
    // The location with the most available first: all 4 from L1 (5 there, 3 at L2).
    expect(line(confirmed, S.skuC)).toMatchObject({ reservedQuantity: 4, backorderQuantity: 0, reservations: [{ location: S.l1, quantity: 4, picked: false }] });
    const event = confirmed.events.at(-1);
    expect(event).toMatchObject({ action: "confirm", fromStatus: "draft", toStatus: "confirmed", channel: "api" });
    expect(event.data.lines).toEqual(expect.arrayContaining([{ sku: S.skuB, reserved: 3, backorder: 2 }]));

    // The GET says the same, and the stock shows it reserved.
    const got = await order(request, S.order);
    expect(got.lines).toEqual(confirmed.lines);
    expect(got.backorderQuantity).toBe(2);
    expect(await level(request, S.skuB, S.l1)).toMatchObject({ quantity: 3, reserved: 3, available: 0 });
    expect(await level(request, S.skuA, S.l1)).toMatchObject({ quantity: 10, reserved: 6, available: 4 });
    const reservations = await expectPage<Json>(await call(request, "viewer", "GET", `/products/${S.skuB}/reservations`));
    expect(reservations).toEqual({
      items: [{ order: S.order, status: "confirmed", customer: { code: S.customer, name: "Acme Retail Ltd" }, requestedDate: S.requested, location: S.l1, lot: null, serial: null, quantity: 3, picked: false }],
      nextCursor: null,
    });
    await expectError(await call(request, "viewer", "GET", `/products/${unique("NOSKU")}/reservations`), 404, "NOT_FOUND");

    // `reserve` finds nothing more; the state stays.
    const again = await transition(request, "manager", S.order, { action: "reserve" });
    expect(again).toMatchObject({ status: "confirmed", backorderQuantity: 2 });
  });

  test("transitions from a wrong state → 409 INVALID_TRANSITION with what is allowed", async ({ request }) => {
    for (const [body, to] of [[{ action: "confirm" }, "confirmed"], [{ action: "close" }, "closed"], [{ action: "pack", packages: 1 }, "packed"]] as const) {
      const e = await expectError(await call(request, "manager", "POST", `/sales-orders/${S.order}/transitions`, body), 409, "INVALID_TRANSITION");
      expect(e.details).toEqual({ from: "confirmed", to, allowed: ["reserve", "cancel"] });
    }
    const edit = await expectError(await call(request, "manager", "PUT", `/sales-orders/${S.order}`, { customer: S.customer, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 409, "INVALID_TRANSITION");
    expect(edit.details).toEqual({ from: "confirmed", to: "confirmed", allowed: [] });
    const ship = await expectError(await call(request, "clerk", "POST", `/sales-orders/${S.order}/shipments`, {}), 409, "INVALID_TRANSITION");
    expect(ship.details).toEqual({ from: "confirmed", to: "shipped", allowed: ["reserve", "cancel"] });
    const bad = await expectError(await call(request, "manager", "POST", `/sales-orders/${S.order}/transitions`, { action: "ship" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(bad)).toEqual(["action"]);
    await expectError(await call(request, "manager", "POST", `/sales-orders/${unique("SO")}/transitions`, { action: "confirm" }), 404, "NOT_FOUND");
  });

  test("lists: newest first, filtered by status, customer, q, backorder and dueBy", async ({ request }) => {
    const numbers = async (query: string) => (await expectPage<Json>(await call(request, "viewer", "GET", `/sales-orders?customer=${S.customer}&${query}`))).items.map((o) => o.number);
    expect(await numbers("")).toEqual([S.order]);
    expect(await numbers("status=confirmed")).toEqual([S.order]);
    expect(await numbers("status=draft")).toEqual([]);
    expect(await numbers(`q=${S.order}`)).toEqual([S.order]);
    expect(await numbers("backorder=true")).toEqual([S.order]);
    expect(await numbers(`dueBy=${S.requested}`)).toEqual([S.order]);
    expect(await numbers("dueBy=2099-06-14")).toEqual([]);
    const page = await expectPage<Json>(await call(request, "viewer", "GET", `/sales-orders?customer=${S.customer}`));
    expect(page.items[0]).toMatchObject({ number: S.order, status: "confirmed", backorderQuantity: 2, total: "70.00", customer: { code: S.customer } });
    expect(page.items[0].lines).toBeUndefined();
    expect(issuePaths(await expectError(await call(request, "viewer", "GET", "/sales-orders?status=lost"), 422, "VALIDATION_FAILED"))).toEqual(["status"]);
    expect(issuePaths(await expectError(await call(request, "viewer", "GET", "/sales-orders?dueBy=2099-02-30"), 422, "VALIDATION_FAILED"))).toEqual(["dueBy"]);
  });

  // Every filter narrows the others: a status asked for together with backorder / dueBy.
  const byStatusAnd = async (request: APIRequestContext, query: string) =>
    (await expectPage<Json>(await call(request, "viewer", "GET", `/sales-orders?customer=${S.customer}&${query}`))).items.map((o) => o.number);
  test("status combined with backorder=true still filters by status", async ({ request }) => {
    // The order is confirmed (with a backorder): not picking.
    expect(await byStatusAnd(request, "status=picking&backorder=true")).toEqual([]);
  });
  test("status combined with dueBy still filters by status", async ({ request }) => {
    // The order is confirmed and due by then: not shipped.
    expect(await byStatusAnd(request, `status=shipped&dueBy=${S.requested}`)).toEqual([]);
  });
});

test.describe("picking", () => {
  test("a clerk creates a pick list: the reservations in walking order, the order is picking", async ({ request }) => {
    // Only a shipping location takes picked goods.
    const notShipping = await expectError(await call(request, "clerk", "POST", "/pick-lists", { orders: [S.order], toLocation: S.l1 }), 422, "VALIDATION_FAILED");
    expect(issuePaths(notShipping)).toEqual(["toLocation"]);
    await expectError(await call(request, "viewer", "POST", "/pick-lists", { orders: [S.order], toLocation: S.ship }), 403, "FORBIDDEN");

    const list = await expectStatus(await call(request, "clerk", "POST", "/pick-lists", { orders: [S.order], toLocation: S.ship.toLowerCase() }), 201);
    expect(list.number).toMatch(/^WH\/PICK\/\d{4}\/\d+$/);
    expect(list).toMatchObject({ status: "open", toLocation: S.ship, orders: [S.order], completedAt: null });
    expect(list.lines.map((l: Json) => [l.seq, l.sku, l.location, l.quantity, l.pickedQuantity])).toEqual([
      [1, S.skuA, S.l1, 6, null],
      [2, S.skuB, S.l1, 3, null],
      [3, S.skuC, S.l1, 4, null],
    ]);
    S.pickList = list;

    // By its number percent-encoded, and by its id.
    expect(await expectStatus(await call(request, "viewer", "GET", `/pick-lists/${seg(list.number)}`), 200)).toEqual(list);
    expect(await expectStatus(await call(request, "viewer", "GET", `/pick-lists/${list.id}`), 200)).toEqual(list);
    const open = await expectPage<Json>(await call(request, "viewer", "GET", "/pick-lists?status=open&limit=500"));
    expect(open.items.map((p) => p.number)).toContain(list.number);

    const picking = await order(request, S.order, "clerk");
    expect(picking).toMatchObject({ status: "picking", transitions: ["pack"], pickLists: [{ number: list.number, status: "open" }] });
    // Everything reserved is on the list: nothing more to pick.
    const nothing = await expectError(await call(request, "clerk", "POST", "/pick-lists", { orders: [S.order], toLocation: S.ship }), 422, "VALIDATION_FAILED");
    expect(issuePaths(nothing)).toEqual(["orders"]);
  });

  test("scans are checked: a wrong location → 422 naming the right one; wrong product; too many", async ({ request }) => {
    const pick = (body: Json) => call(request, "clerk", "POST", `/pick-lists/${seg(S.pickList.number)}/lines/1/pick`, body);
    const where = await expectError(await pick({ location: S.l2, sku: S.skuA, quantity: 6 }), 422, "VALIDATION_FAILED");
    expect(issuePaths(where)).toEqual(["location"]);
    expect(where.message).toContain(S.l1);
    const what = await expectError(await pick({ location: S.l1, sku: S.skuB, quantity: 6 }), 422, "VALIDATION_FAILED");
    expect(issuePaths(what)).toEqual(["sku"]);
    expect(what.message).toContain(S.skuA);
    expect(issuePaths(await expectError(await pick({ location: S.l1, sku: S.skuA, quantity: 7 }), 422, "VALIDATION_FAILED"))).toEqual(["quantity"]);
    await expectError(await call(request, "viewer", "POST", `/pick-lists/${seg(S.pickList.number)}/lines/1/pick`, { location: S.l1, sku: S.skuA, quantity: 6 }), 403, "FORBIDDEN");
    // Nothing moved.
    expect(await level(request, S.skuA, S.l1)).toMatchObject({ quantity: 10, reserved: 6 });
  });

  test("a full pick: one transfer to the shipping location, the reservation goes with the goods", async ({ request }) => {
    const res = await expectStatus(await call(request, "clerk", "POST", `/pick-lists/${seg(S.pickList.number)}/lines/1/pick`, { location: S.l1.toLowerCase(), sku: S.skuA, quantity: 6 }), 200);
    expect(res.shortfall).toBeNull();
    const picked = res.pickList.lines[0];
    expect(picked).toMatchObject({ seq: 1, pickedQuantity: 6, shortReason: null, pickedBy: expect.any(String) });
    expect(picked.movement).toMatch(/\S/);
    expect(await level(request, S.skuA, S.l1)).toMatchObject({ quantity: 4, reserved: 0, available: 4 });
    expect(await level(request, S.skuA, S.ship)).toMatchObject({ quantity: 6, reserved: 6, available: 0 });
    const transfers = await expectPage<Json>(await call(request, "viewer", "GET", `/movements?sku=${S.skuA}&type=transfer`));
    expect(transfers.items.find((m) => m.number === picked.movement)).toMatchObject({ reference: S.order, lines: [{ sku: S.skuA, from: S.l1, to: S.ship, quantity: 6 }] });
    expect(line(await order(request, S.order), S.skuA)).toMatchObject({ reservedQuantity: 0, pickedQuantity: 6, reservations: [{ location: S.ship, quantity: 6, picked: true }] });

    const twice = await expectError(await call(request, "clerk", "POST", `/pick-lists/${S.pickList.id}/lines/1/pick`, { location: S.l1, sku: S.skuA, quantity: 6 }), 409, "INVALID_TRANSITION");
    expect(twice.details).toMatchObject({ seq: 1, pickedQuantity: 6 });
  });

  test("a short pick needs a reason; without stock elsewhere the shortfall is backordered", async ({ request }) => {
    const path = `/pick-lists/${seg(S.pickList.number)}/lines/2/pick`;
    const noReason = await expectError(await call(request, "clerk", "POST", path, { location: S.l1, sku: S.skuB, quantity: 2 }), 422, "VALIDATION_FAILED");
    expect(issuePaths(noReason)).toEqual(["reason"]);
    const res = await expectStatus(await call(request, "clerk", "POST", path, { location: S.l1, sku: S.skuB, quantity: 2, reason: "One unit damaged" }), 200);
    expect(res.shortfall).toEqual({ quantity: 1, rereserved: [], backordered: 1 });
    expect(res.pickList.lines[1]).toMatchObject({ seq: 2, pickedQuantity: 2, shortReason: "One unit damaged" });
    expect(res.pickList.lines).toHaveLength(3);
    const o = await order(request, S.order);
    expect(line(o, S.skuB)).toMatchObject({ reservedQuantity: 0, pickedQuantity: 2, backorderQuantity: 3 });
    expect(o.backorderQuantity).toBe(3);
    expect(o.events.at(-1)).toMatchObject({ action: "short_pick", reason: "One unit damaged", data: { seq: 2, sku: S.skuB, location: S.l1, short: 1, backordered: 1 } });
  });

  test("a short pick with stock elsewhere is re-reserved there: a new line at the end of the list", async ({ request }) => {
    const res = await expectStatus(
      await call(request, "clerk", "POST", `/pick-lists/${seg(S.pickList.number)}/lines/3/pick`, { location: S.l1, sku: S.skuC, quantity: 1, reason: "Bin holds only 1" }),
      200,
    );
    expect(res.shortfall).toEqual({ quantity: 3, rereserved: [{ location: S.l2, lot: null, quantity: 3 }], backordered: 0 });
    expect(res.pickList.status).toBe("open");
    expect(res.pickList.lines.map((l: Json) => [l.seq, l.sku, l.location, l.quantity, l.pickedQuantity])).toEqual([
      [1, S.skuA, S.l1, 6, 6],
      [2, S.skuB, S.l1, 3, 2],
      [3, S.skuC, S.l1, 4, 1],
      [4, S.skuC, S.l2, 3, null],
    ]);
    expect(line(await order(request, S.order), S.skuC)).toMatchObject({ reservedQuantity: 3, pickedQuantity: 1, backorderQuantity: 0 });

    // Packing waits for every reservation to be picked.
    const early = await expectError(await call(request, "clerk", "POST", `/sales-orders/${S.order}/transitions`, { action: "pack", packages: 1 }), 409, "INVALID_TRANSITION");
    expect(early.details).toMatchObject({ from: "picking", to: "packed" });

    const last = await expectStatus(await call(request, "clerk", "POST", `/pick-lists/${seg(S.pickList.number)}/lines/4/pick`, { location: S.l2, sku: S.skuC, quantity: 3 }), 200);
    expect(last.shortfall).toBeNull();
    expect(last.pickList).toMatchObject({ status: "done", completedAt: expect.any(String) });
    S.pickList = last.pickList;
    expect(await level(request, S.skuC, S.ship)).toMatchObject({ quantity: 4, reserved: 4 });
  });

  test("a line that does not exist → 404", async ({ request }) => {
    for (const seq of ["99", "0", "abc", "1.5", "99999999999"]) {
      await expectError(await call(request, "clerk", "POST", `/pick-lists/${seg(S.pickList.number)}/lines/${seq}/pick`, { location: S.l1, sku: S.skuA, quantity: 1 }), 404, "NOT_FOUND");
    }
    await expectError(await call(request, "viewer", "GET", `/pick-lists/${seg("WH/PICK/1999/99999")}`), 404, "NOT_FOUND");
    await expectError(await call(request, "clerk", "POST", `/pick-lists/${seg("WH/PICK/1999/99999")}/lines/1/pick`, { location: S.l1, sku: S.skuA, quantity: 1 }), 404, "NOT_FOUND");
  });
});

test.describe("pack and ship", () => {
  test("pack needs packages (422 without); a viewer cannot pack", async ({ request }) => {
    const missing = await expectError(await call(request, "clerk", "POST", `/sales-orders/${S.order}/transitions`, { action: "pack" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(missing)).toEqual(["packages"]);
    const e = await expectError(await call(request, "viewer", "POST", `/sales-orders/${S.order}/transitions`, { action: "pack", packages: 2 }), 403, "FORBIDDEN");
    expect(e.details).toMatchObject({ action: "sales.ship" });
    const packed = await transition(request, "clerk", S.order, { action: "pack", packages: 2, weightKg: "12.5" });
    expect(packed).toMatchObject({ status: "packed", packages: 2, weightKg: "12.5", transitions: [] });
    // A clerk may not cancel (sales.write); a manager sees cancel.
    expect(await expectError(await call(request, "clerk", "POST", `/sales-orders/${S.order}/transitions`, { action: "cancel" }), 403, "FORBIDDEN")).toMatchObject({ details: { action: "sales.write" } });
    expect((await order(request, S.order, "manager")).transitions).toEqual(["cancel"]);
  });

  test("ship → 201: one out movement from the shipping location, the stock goes down, the rest goes to a backorder", async ({ request }) => {
    await expectError(await call(request, "viewer", "POST", `/sales-orders/${S.order}/shipments`, {}), 403, "FORBIDDEN");
    const res = await expectStatus(await call(request, "clerk", "POST", `/sales-orders/${S.order}/shipments`, { carrier: "SF Express", trackingNo: "SF1234567" }), 201);
    const { shipment, backorder } = res;
    expect(shipment.number).toMatch(/^WH\/DN\/\d{4}\/\d+$/);
    expect(shipment).toMatchObject({ order: S.order, packages: 2, weightKg: "12.5", carrier: "SF Express", trackingNo: "SF1234567" });
    expect(shipment.lines.map((l: Json) => [l.sku, l.quantity, l.lots, l.serials]).sort()).toEqual(
      [[S.skuA, 6, [], []], [S.skuB, 2, [], []], [S.skuC, 4, [], []]].sort(),
    );
    expect(typeof backorder).toBe("string");
    S.shipment = shipment;
    S.backorder = backorder;

    // The order is shipped; what it shipped per line.
    const shipped = await order(request, S.order);
    expect(shipped).toMatchObject({ status: "shipped", backorderQuantity: 0, backorders: [backorder], shipments: [{ number: shipment.number, movement: shipment.movement }] });
    expect(shipped.lines.map((l: Json) => [l.sku, l.shippedQuantity, l.reservedQuantity, l.pickedQuantity, l.backorderQuantity])).toEqual([
      [S.skuA, 6, 0, 0, 0],
      [S.skuB, 2, 0, 0, 0],
      [S.skuC, 4, 0, 0, 0],
    ]);
    expect(shipped.events.at(-1)).toMatchObject({ action: "ship", fromStatus: "packed", toStatus: "shipped", data: { shipment: shipment.number, movement: shipment.movement, backorder } });

    // The out movement exists, from the shipping location, referencing the order.
    const outs = await expectPage<Json>(await call(request, "viewer", "GET", `/movements?sku=${S.skuA}&type=out`));
    const out = outs.items.find((m) => m.number === shipment.movement);
    expect(out).toMatchObject({ type: "out", reference: S.order, channel: "api" });
    expect(out!.lines).toEqual(expect.arrayContaining([{ sku: S.skuA, location: S.ship, quantity: 6 }, { sku: S.skuC, location: S.ship, quantity: 4 }]));

    // The stock went down: A 10 → 4, all of it back at L1; nothing left at the shipping location.
    expect(await level(request, S.skuA, S.l1)).toMatchObject({ quantity: 4, reserved: 0 });
    expect(await level(request, S.skuA, S.ship)).toMatchObject({ quantity: 0, reserved: 0 });
    expect(await level(request, S.skuC, S.ship)).toMatchObject({ quantity: 0, reserved: 0 });

    // The shipment by number (percent-encoded) and by id, and in the order's list.
    expect(await expectStatus(await call(request, "viewer", "GET", `/shipments/${seg(shipment.number)}`), 200)).toEqual(shipment);
    expect(await expectStatus(await call(request, "viewer", "GET", `/shipments/${shipment.id}`), 200)).toEqual(shipment);
    expect(await expectPage<Json>(await call(request, "viewer", "GET", `/sales-orders/${S.order}/shipments`))).toEqual({ items: [shipment], nextCursor: null });
    await expectError(await call(request, "viewer", "GET", `/shipments/${seg("WH/DN/1999/99999")}`), 404, "NOT_FOUND");

    // Shipping again: the order is shipped.
    const again = await expectError(await call(request, "clerk", "POST", `/sales-orders/${S.order}/shipments`, {}), 409, "INVALID_TRANSITION");
    expect(again.details).toEqual({ from: "shipped", to: "shipped", allowed: ["close"] });
  });

  test("the backorder order carries the rest, confirmed and reserved as far as stock allows", async ({ request }) => {
    const bo = await order(request, S.backorder);
    expect(bo).toMatchObject({ status: "confirmed", backorderOf: S.order, customer: { code: S.customer }, requestedDate: S.requested, shipTo: "Gate 4" });
    // B: 5 ordered, 2 shipped → 3; the unit left at L1 is reserved, 2 stay on backorder.
    expect(bo.lines.map((l: Json) => [l.sku, l.quantity, l.reservedQuantity, l.backorderQuantity])).toEqual([[S.skuB, 3, 1, 2]]);
    expect(bo.events.map((e: Json) => e.action)).toEqual(["backorder"]);
  });

  test("close a shipped order (manager); from shipped nothing else → 409", async ({ request }) => {
    await expectError(await call(request, "clerk", "POST", `/sales-orders/${S.order}/transitions`, { action: "close" }), 403, "FORBIDDEN");
    const cancel = await expectError(await call(request, "manager", "POST", `/sales-orders/${S.order}/transitions`, { action: "cancel" }), 409, "INVALID_TRANSITION");
    expect(cancel.details).toEqual({ from: "shipped", to: "cancelled", allowed: ["close"] });
    expect(await transition(request, "manager", S.order, { action: "close" })).toMatchObject({ status: "closed", transitions: [] });
  });

  test("a customer return → 201: one in movement referencing the shipment; never more than shipped; idempotent", async ({ request }) => {
    const path = `/shipments/${seg(S.shipment.number)}/returns`;
    const body = { location: S.l2, reason: "Damaged in transit", lines: [{ sku: S.skuA, quantity: 2 }] };
    await expectError(await call(request, "viewer", "POST", path, body), 403, "FORBIDDEN");
    const key = { "Idempotency-Key": unique("ret") };
    const first = await expectStatus(await call(request, "clerk", "POST", path, body, key), 201);
    expect(first.number).toMatch(/^WH\/RET\/\d{4}\/\d+$/);
    expect(first).toMatchObject({ shipment: S.shipment.number, order: S.order, location: S.l2, reason: "Damaged in transit", lines: [{ sku: S.skuA, quantity: 2, lot: null, serials: [] }] });
    const replay = await call(request, "clerk", "POST", path, body, key);
    expect(replay.headers()["idempotent-replayed"]).toBe("true");
    expect(await expectStatus(replay, 201)).toEqual(first);
    expect(await level(request, S.skuA, S.l2)).toMatchObject({ quantity: 2 });
    const ins = await expectPage<Json>(await call(request, "viewer", "GET", `/movements?sku=${S.skuA}&type=in`));
    expect(ins.items.find((m) => m.number === first.movement)).toMatchObject({ type: "in", reference: S.shipment.number });

    // 6 shipped, 2 back: 5 more → 422 naming what may still come back; a product not shipped → 422 on its line.
    const tooMany = await expectError(await call(request, "clerk", "POST", path, { ...body, lines: [{ sku: S.skuA, quantity: 5 }] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(tooMany)).toEqual(["lines.0.quantity"]);
    expect(tooMany.message).toContain("Only 4 of");
    expect(issuePaths(await expectError(await call(request, "clerk", "POST", path, { ...body, lines: [{ sku: S.skuE, quantity: 1 }] }), 422, "VALIDATION_FAILED"))).toEqual(["lines.0.sku"]);
    expect(issuePaths(await expectError(await call(request, "clerk", "POST", path, { lines: [{ sku: S.skuA, quantity: 1 }] }), 422, "VALIDATION_FAILED")).sort()).toEqual(["location", "reason"]);
    await expectError(await call(request, "clerk", "POST", `/shipments/${seg("WH/DN/1999/99999")}/returns`, body), 404, "NOT_FOUND");

    const listed = await expectStatus(await call(request, "viewer", "GET", path), 200);
    expect(listed).toMatchObject({ shipment: S.shipment.number, order: S.order, items: [first] });
    expect(listed.returnable.find((r: Json) => r.sku === S.skuA)).toMatchObject({ shipped: 6, returned: 2, returnable: 4 });
    expect((await order(request, S.order)).events.at(-1)).toMatchObject({ action: "return", reason: "Damaged in transit", data: { return: first.number, units: 2 } });
  });

  test("ship with backorder: cancel drops the rest instead", async ({ request }) => {
    const number = await confirmedOrder(request, [{ sku: S.skuD, quantity: 3 }]);
    S.orderD = number;
    expect(line(await order(request, number), S.skuD)).toMatchObject({ reservedQuantity: 2, backorderQuantity: 1 });
    const list = await expectStatus(await call(request, "clerk", "POST", "/pick-lists", { orders: [number], toLocation: S.ship }), 201);
    await expectStatus(await call(request, "clerk", "POST", `/pick-lists/${list.id}/lines/1/pick`, { location: S.l2, sku: S.skuD, quantity: 2 }), 200);
    await transition(request, "clerk", number, { action: "pack", packages: 1 });
    const res = await expectStatus(await call(request, "clerk", "POST", `/sales-orders/${number}/shipments`, { backorder: "cancel" }), 201);
    expect(res.backorder).toBeNull();
    const shipped = await order(request, number);
    expect(shipped).toMatchObject({ status: "shipped", backorders: [], backorderQuantity: 0 });
    expect(shipped.events.at(-1).data).toMatchObject({ droppedUnits: 1 });
    expect(await level(request, S.skuD, S.l2)).toMatchObject({ quantity: 0, reserved: 0 });
    const bad = await expectError(await call(request, "clerk", "POST", `/sales-orders/${number}/shipments`, { backorder: "later" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(bad)).toEqual(["backorder"]);
  });

  test("cancel while picking releases the reservations and settles the open pick lines", async ({ request }) => {
    const number = await confirmedOrder(request, [{ sku: S.skuE, quantity: 2 }]);
    const list = await expectStatus(await call(request, "clerk", "POST", "/pick-lists", { orders: [number], toLocation: S.ship }), 201);
    expect(await level(request, S.skuE, S.l1)).toMatchObject({ quantity: 5, reserved: 2 });
    const cancelled = await transition(request, "manager", number, { action: "cancel", reason: "Customer called it off" });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Customer called it off", backorderQuantity: 0 });
    expect(cancelled.events.at(-1)).toMatchObject({ action: "cancel", reason: "Customer called it off", data: { released: 2, pickLinesClosed: 1 } });
    expect(await level(request, S.skuE, S.l1)).toMatchObject({ quantity: 5, reserved: 0 });
    expect((await expectPage<Json>(await call(request, "viewer", "GET", `/products/${S.skuE}/reservations`))).items).toEqual([]);
    const settled = await expectStatus(await call(request, "viewer", "GET", `/pick-lists/${seg(list.number)}`), 200);
    expect(settled).toMatchObject({ status: "done", lines: [{ seq: 1, pickedQuantity: 0, shortReason: "Order cancelled" }] });
  });

  test("the customer can be deleted once nothing is open", async ({ request }) => {
    await expectError(await call(request, "manager", "DELETE", `/customers/${S.customer}`), 409, "IN_USE");
    await transition(request, "manager", S.backorder, { action: "cancel" });
    expect((await expectPage<Json>(await call(request, "viewer", "GET", `/products/${S.skuB}/reservations`))).items).toEqual([]);
    expect(await expectStatus(await call(request, "manager", "DELETE", `/customers/${S.customer}`), 200)).toMatchObject({ code: S.customer, deleted: true });
    // Its orders stay readable.
    expect((await order(request, S.order)).customer).toEqual({ code: S.customer, name: "Acme Retail Ltd" });
  });
});

test.describe("read-only roles and routing", () => {
  test("a viewer reads everything outbound and writes nothing", async ({ request }) => {
    for (const path of [
      "/customers",
      `/sales-orders/${S.order}`,
      `/sales-orders/${S.order}/shipments`,
      "/sales-orders?status=closed",
      "/pick-lists",
      `/pick-lists/${seg(S.pickList.number)}`,
      `/shipments/${seg(S.shipment.number)}`,
      `/products/${S.skuA}/reservations`,
    ]) {
      await expectStatus(await call(request, "viewer", "GET", path), 200);
    }
    const writes: [string, string, Json][] = [
      ["POST", "/customers", { code: unique("CUS"), name: "x", currency: "CNY" }],
      ["POST", "/sales-orders", { customer: S.customer, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }],
      // A shipped order: the state allows close, the role does not.
      ["POST", `/sales-orders/${S.orderD}/transitions`, { action: "close" }],
      ["POST", "/pick-lists", { orders: [S.backorder] }],
      ["POST", `/pick-lists/${seg(S.pickList.number)}/lines/1/pick`, { location: S.l1, sku: S.skuA, quantity: 1 }],
      ["POST", `/sales-orders/${S.order}/shipments`, {}],
    ];
    for (const [method, path, body] of writes) await expectError(await call(request, "viewer", method, path, body), 403, "FORBIDDEN");
    expect((await request.get(`/api/v1/sales-orders/${S.order}`)).status()).toBe(401);
  });

  test("unknown records → 404; unsupported methods → 405 with Allow", async ({ request }) => {
    await expectError(await call(request, "viewer", "GET", `/sales-orders/${unique("SO")}`), 404, "NOT_FOUND");
    await expectError(await call(request, "viewer", "GET", `/sales-orders/${S.order}/nope`), 404, "NOT_FOUND");
    const cases: [string, string, string][] = [
      ["PUT", "/customers", "GET, POST, HEAD, OPTIONS"],
      ["POST", `/customers/${S.customer}`, "GET, PATCH, DELETE, HEAD, OPTIONS"],
      ["DELETE", `/sales-orders/${S.order}`, "GET, PUT, HEAD, OPTIONS"],
      ["GET", `/sales-orders/${S.order}/transitions`, "POST, OPTIONS"],
      ["DELETE", `/sales-orders/${S.order}/shipments`, "GET, POST, HEAD, OPTIONS"],
      ["DELETE", "/pick-lists", "GET, POST, HEAD, OPTIONS"],
      ["POST", `/pick-lists/${seg(S.pickList.number)}`, "GET, HEAD, OPTIONS"],
      ["GET", `/pick-lists/${seg(S.pickList.number)}/lines/1/pick`, "POST, OPTIONS"],
      ["DELETE", `/shipments/${seg(S.shipment.number)}`, "GET, HEAD, OPTIONS"],
      ["POST", `/products/${S.skuA}/reservations`, "GET, HEAD, OPTIONS"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await call(request, "admin", method, path, method === "GET" || method === "DELETE" ? undefined : {});
      await expectError(res, 405, "METHOD_NOT_ALLOWED");
      expect(res.headers()["allow"], `${method} ${path}`).toBe(allow);
    }
  });

  test("the answers have exactly the fields the OpenAPI document names", async ({ request }) => {
    type Schema = { required?: string[]; properties?: Record<string, unknown> };
    const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { components: { schemas: Record<string, Schema> } };
    const fields = (name: string) => [...(doc.components.schemas[name].required ?? [])].sort();
    const shipment = await expectStatus(await call(request, "viewer", "GET", `/shipments/${seg(S.shipment.number)}`), 200);
    const pickList = await expectStatus(await call(request, "viewer", "GET", `/pick-lists/${seg(S.pickList.number)}`), 200);
    const answers: [string, Json][] = [
      ["Customer", S.customerDto],
      ["SalesOrder", await order(request, S.order)],
      ["SalesOrderSummary", (await expectPage<Json>(await call(request, "viewer", "GET", `/sales-orders?q=${S.order}`))).items[0]],
      ["PickList", pickList],
      ["Shipment", shipment],
    ];
    for (const [name, answer] of answers) {
      expect(Object.keys(answer).sort(), name).toEqual(fields(name));
      expect(Object.keys(doc.components.schemas[name].properties!).sort(), name).toEqual(fields(name));
    }
  });
});
