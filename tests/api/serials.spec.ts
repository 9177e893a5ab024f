// Serial items through HTTP against the production build: the contract of docs/api.md "Serial
// items" — purchase sources, items (create, read by id / identifier / IMEI, list, edit, delete),
// arrival checks, the state table with its movements, history, and serials on POST /movements.
// Everything is created here with codes unique to the run. The steps share one item that goes
// planned → in transit → arrived → abnormal → arrived → out of stock, so the file is serial.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { call, expectError, expectPage, expectStatus, issuePaths, unique, type Json } from "./support";

test.describe.configure({ mode: "serial" });

/** A valid IMEI: 14 random digits and their Luhn check digit. */
function imei(): string {
  const first14 = `35${String(Math.floor(Math.random() * 1e12)).padStart(12, "0")}`;
  return `${first14}${imeiCheckDigit(first14)}`;
}
/** The same 14 digits with a wrong check digit. */
const badLuhn = (valid: string) => `${valid.slice(0, 14)}${(Number(valid[14]) + 1) % 10}`;

const IDENTIFIER = /^[0-9a-f]{4}(-[0-9a-f]{4}){11}$/;

const S = {
  sku: unique("SER"),
  location: unique("SERL"),
  source: "", // a temporary channel the items come from
  imei1: imei(),
  imei2: imei(),
  item1: {} as Json, // the main item, through the state table
  item2: {} as Json, // received with POST /movements
};

async function onHand(request: APIRequestContext): Promise<number> {
  const page = await expectPage<Json>(await call(request, "viewer", "GET", `/inventory?sku=${encodeURIComponent(S.sku)}&location=${encodeURIComponent(S.location)}`));
  return page.items.reduce((n, r) => n + (r.quantity as number), 0);
}

test.beforeAll(async ({ request }) => {
  await expectStatus(await call(request, "manager", "POST", "/products", { sku: S.sku, name: `Phone ${S.sku}`, tracking: "serial" }), 201);
  await expectStatus(await call(request, "manager", "POST", "/locations", { code: S.location, warehouse: "WH" }), 201);
});

test("purchase sources: create, read, list per kind; purchase orders live elsewhere", async ({ request }) => {
  const channel = await expectStatus(await call(request, "clerk", "POST", "/purchase-sources/temporary_channel", { name: `Market stall ${S.sku}`, contact: "  " }), 201);
  expect(channel).toMatchObject({ kind: "temporary_channel", label: `Market stall ${S.sku}`, fields: { name: `Market stall ${S.sku}`, contact: null, note: null } });
  S.source = channel.id;

  const order = await expectStatus(
    await call(request, "clerk", "POST", "/purchase-sources/online_order", { platform: "Tmall", orderNumber: "88231", orderedAt: "2026-12-01T10:00:00Z" }),
    201,
  );
  expect(order).toMatchObject({ kind: "online_order", label: "Tmall #88231", fields: { platform: "Tmall", orderNumber: "88231", orderedAt: "2026-12-01T10:00:00.000Z" } });
  const corp = await expectStatus(await call(request, "clerk", "POST", "/purchase-sources/corporate_purchase", { companyName: "Acme Ltd", invoiceNumber: "INV-7" }), 201);
  expect(corp.label).toBe("Acme Ltd (INV-7)");

  expect(await expectStatus(await call(request, "viewer", "GET", `/purchase-sources/temporary_channel/${S.source}`), 200)).toEqual(channel);
  const page = await expectPage<Json>(await call(request, "viewer", "GET", "/purchase-sources/online_order?limit=500"));
  expect(page.items.map((s) => s.id)).toContain(order.id);

  const bad = await expectError(await call(request, "clerk", "POST", "/purchase-sources/online_order", { platform: "" }), 422, "VALIDATION_FAILED");
  expect(issuePaths(bad).sort()).toEqual(["orderNumber", "platform"]);
  await expectError(await call(request, "clerk", "POST", "/purchase-sources/purchase_order", { name: "x" }), 404, "NOT_FOUND");
  for (const kind of ["nope", "constructor", "__proto__", "toString"]) {
    await expectError(await call(request, "viewer", "GET", `/purchase-sources/${kind}`), 404, "NOT_FOUND");
    await expectError(await call(request, "clerk", "POST", `/purchase-sources/${kind}`, { name: "x" }), 404, "NOT_FOUND");
    await expectError(await call(request, "viewer", "GET", `/purchase-sources/${kind}/${S.source}`), 404, "NOT_FOUND");
  }
  await expectError(await call(request, "viewer", "GET", `/purchase-sources/online_order/${S.source}`), 404, "NOT_FOUND");
  await expectError(await call(request, "viewer", "POST", "/purchase-sources/temporary_channel", { name: "Viewer" }), 403, "FORBIDDEN");

  // An unused source can be deleted.
  expect((await call(request, "clerk", "DELETE", `/purchase-sources/corporate_purchase/${corp.id}`)).status()).toBe(204);
  await expectError(await call(request, "viewer", "GET", `/purchase-sources/corporate_purchase/${corp.id}`), 404, "NOT_FOUND");
});

test("create: 201 with a generated identifier; duplicate IMEI 409, bad Luhn 422, viewer 403", async ({ request }) => {
  const source = { kind: "temporary_channel", ref: S.source };
  // IMEIs are accepted as printed on boxes (spaces, hyphens).
  const printed = `${S.imei1.slice(0, 2)} ${S.imei1.slice(2, 8)}-${S.imei1.slice(8)}`;
  const item = await expectStatus(await call(request, "clerk", "POST", "/serial-items", { sku: S.sku.toLowerCase(), source, imei: printed, flag: "blue 128GB" }), 201);
  expect(item.identifier).toMatch(IDENTIFIER);
  expect(item.identifier).toHaveLength(59);
  expect(item).toMatchObject({
    imei: S.imei1,
    flag: "blue 128GB",
    product: { sku: S.sku, name: `Phone ${S.sku}` },
    source: { kind: "temporary_channel", id: S.source, label: `Market stall ${S.sku}` },
    status: "planned",
    abnormalFrom: null,
    location: null,
    checkedArrivalAt1: null,
    checkedArrivalAt2: null,
    actualArrivalAt: null,
    deleted: false,
  });
  S.item1 = item;

  const dup = await expectError(await call(request, "clerk", "POST", "/serial-items", { sku: S.sku, source, imei: S.imei1 }), 409, "DUPLICATE");
  expect(issuePaths(dup)).toEqual(["imei"]);
  const luhn = await expectError(await call(request, "clerk", "POST", "/serial-items", { sku: S.sku, source, imei: badLuhn(S.imei2) }), 422, "VALIDATION_FAILED");
  expect(issuePaths(luhn)).toEqual(["imei"]);
  const notSerial = await expectError(await call(request, "clerk", "POST", "/serial-items", { sku: "SKU-00001", source }), 422, "VALIDATION_FAILED");
  expect(issuePaths(notSerial)).toEqual(["sku"]);
  const noSource = await expectError(await call(request, "clerk", "POST", "/serial-items", { sku: S.sku, source: { kind: "online_order", ref: S.source } }), 422, "VALIDATION_FAILED");
  expect(issuePaths(noSource)).toEqual(["source.ref"]);
  await expectError(await call(request, "viewer", "POST", "/serial-items", { sku: S.sku, source, imei: S.imei2 }), 403, "FORBIDDEN");

  S.item2 = await expectStatus(await call(request, "clerk", "POST", "/serial-items", { sku: S.sku, source, imei: S.imei2 }), 201);
});

test("read by id, identifier (any form) and IMEI; list by status + product and by q", async ({ request }) => {
  const { id, identifier } = S.item1;
  for (const ref of [id, identifier, identifier.toUpperCase(), identifier.replaceAll("-", ""), S.imei1]) {
    expect(await expectStatus(await call(request, "viewer", "GET", `/serial-items/${encodeURIComponent(ref)}`), 200)).toEqual(S.item1);
  }
  await expectError(await call(request, "viewer", "GET", `/serial-items/${badLuhn(S.imei1)}`), 404, "NOT_FOUND");
  await expectError(await call(request, "viewer", "GET", "/serial-items/nope"), 404, "NOT_FOUND");

  const planned = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?status=planned&product=${S.sku}`));
  expect(planned.items.map((i) => i.id).sort()).toEqual([S.item1.id, S.item2.id].sort());
  const none = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?status=arrived&product=${S.sku}`));
  expect(none.items).toEqual([]);
  const byImei = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?q=${S.imei1}`));
  expect(byImei.items.map((i) => i.id)).toEqual([S.item1.id]);
  const byFlag = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?product=${S.sku}&q=BLUE`));
  expect(byFlag.items.map((i) => i.id)).toEqual([S.item1.id]);
  const paged = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?product=${S.sku}&limit=1`));
  expect(paged.items).toHaveLength(1);
  const rest = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?product=${S.sku}&limit=1&cursor=${paged.nextCursor}`));
  expect([...paged.items, ...rest.items].map((i) => i.id).sort()).toEqual([S.item1.id, S.item2.id].sort());
  await expectError(await call(request, "viewer", "GET", "/serial-items?status=lost"), 422, "VALIDATION_FAILED");
});

test("PATCH the flag; arrival checks 1 then 2", async ({ request }) => {
  const patched = await expectStatus(await call(request, "clerk", "PATCH", `/serial-items/${S.imei1}`, { flag: "black 256GB" }), 200);
  expect(patched).toMatchObject({ id: S.item1.id, flag: "black 256GB", imei: S.imei1 });
  await expectError(await call(request, "viewer", "PATCH", `/serial-items/${S.imei1}`, { flag: "x" }), 403, "FORBIDDEN");
  const clash = await expectError(await call(request, "clerk", "PATCH", `/serial-items/${S.item1.id}`, { imei: S.imei2 }), 409, "DUPLICATE");
  expect(issuePaths(clash)).toEqual(["imei"]);

  const c1 = await expectStatus(await call(request, "clerk", "POST", `/serial-items/${S.item1.identifier}/arrival-checks`), 200);
  expect(c1.checkedArrivalAt1).not.toBeNull();
  expect(c1.checkedArrivalAt2).toBeNull();
  const c2 = await expectStatus(await call(request, "clerk", "POST", `/serial-items/${S.item1.identifier}/arrival-checks`), 200);
  expect(c2.checkedArrivalAt1).toBe(c1.checkedArrivalAt1);
  expect(c2.checkedArrivalAt2).not.toBeNull();
  const third = await expectError(await call(request, "clerk", "POST", `/serial-items/${S.item1.identifier}/arrival-checks`), 409, "INVALID_TRANSITION");
  expect(third.details).toMatchObject({ allowed: [] });
});

test("transitions: in transit, arrived at a location (+1 on hand), abnormal, refused, resolved, shipped", async ({ request }) => {
  const path = `/serial-items/${S.item1.id}/transitions`;
  const before = await onHand(request);

  expect(await expectStatus(await call(request, "clerk", "POST", path, { to: "in_transit" }), 200)).toMatchObject({ status: "in_transit" });
  const noLocation = await expectError(await call(request, "clerk", "POST", path, { to: "arrived" }), 422, "VALIDATION_FAILED");
  expect(issuePaths(noLocation)).toEqual(["location"]);
  const skip = await expectError(await call(request, "clerk", "POST", path, { to: "out_of_stock" }), 409, "INVALID_TRANSITION");
  expect(skip.details).toEqual({ from: "in_transit", to: "out_of_stock", allowed: ["arrived", "abnormal"] });

  const arrived = await expectStatus(await call(request, "clerk", "POST", path, { to: "arrived", location: S.location.toLowerCase() }), 200);
  expect(arrived).toMatchObject({ status: "arrived", location: S.location });
  expect(arrived.actualArrivalAt).not.toBeNull();
  expect(await onHand(request)).toBe(before + 1);
  // On hand: it cannot be deleted.
  await expectError(await call(request, "clerk", "DELETE", `/serial-items/${S.item1.id}`), 409, "IN_USE");

  const abnormal = await expectStatus(await call(request, "clerk", "POST", path, { to: "abnormal", reason: "cracked screen" }), 200);
  expect(abnormal).toMatchObject({ status: "abnormal", abnormalFrom: "arrived", abnormalReason: "cracked screen", location: S.location });
  const frozen = await expectError(await call(request, "clerk", "POST", path, { to: "out_of_stock" }), 409, "INVALID_TRANSITION");
  expect(frozen.details).toEqual({ from: "abnormal", to: "out_of_stock", allowed: ["arrived"] });
  expect(await onHand(request)).toBe(before + 1);

  const resolved = await expectStatus(await call(request, "clerk", "POST", path, { to: "arrived" }), 200);
  expect(resolved).toMatchObject({ status: "arrived", abnormalFrom: null, abnormalReason: null, location: S.location });
  expect(await onHand(request)).toBe(before + 1);

  await expectError(await call(request, "viewer", "POST", path, { to: "out_of_stock" }), 403, "FORBIDDEN");
  const shipped = await expectStatus(await call(request, "clerk", "POST", path, { to: "out_of_stock" }), 200);
  expect(shipped).toMatchObject({ status: "out_of_stock", location: null });
  expect(await onHand(request)).toBe(before);
});

test("history: every change, oldest first, through the api channel", async ({ request }) => {
  const history = await expectStatus(await call(request, "viewer", "GET", `/serial-items/${S.imei1}/history`), 200);
  expect(Object.keys(history)).toEqual(["items"]);
  const items = history.items as Json[];
  expect(items.map((h) => h.action)).toEqual([
    "create",
    "update",
    "arrival_check_1",
    "arrival_check_2",
    "to_in_transit",
    "movement.in",
    "to_abnormal",
    "resolve",
    "movement.out",
  ]);
  for (const h of items) {
    expect(h.channel, h.action).toBe("api");
    expect(h.actor).toMatchObject({ id: expect.any(String), name: expect.any(String) });
  }
  expect(items[1].changes).toEqual({ flag: { before: "blue 128GB", after: "black 256GB" } });
  expect(items[5].changes).toMatchObject({ status: { before: "in_transit", after: "arrived" }, location: { before: null, after: S.location } });
  expect(items[6].changes).toMatchObject({ status: { before: "arrived", after: "abnormal" } });
  expect(items[8].changes).toMatchObject({ status: { before: "arrived", after: "out_of_stock" } });
});

test("POST /movements with serials receives an item; delete refuses an item on hand and a named source", async ({ request }) => {
  const before = await onHand(request);
  const movement = await expectStatus(
    await call(request, "clerk", "POST", "/movements", { type: "in", reference: unique("SERMV"), lines: [{ sku: S.sku, location: S.location, quantity: 1, serials: [S.imei2] }] }),
    201,
  );
  expect(movement.lines[0]).toMatchObject({ sku: S.sku, quantity: 1, serials: [S.item2.identifier] });
  expect(await expectStatus(await call(request, "viewer", "GET", `/serial-items/${S.imei2}`), 200)).toMatchObject({ status: "arrived", location: S.location });
  expect(await onHand(request)).toBe(before + 1);
  // The count must match the serials.
  const count = await expectError(
    await call(request, "clerk", "POST", "/movements", { type: "out", lines: [{ sku: S.sku, location: S.location, quantity: 2, serials: [S.imei2] }] }),
    422,
    "VALIDATION_FAILED",
  );
  expect(issuePaths(count)).toEqual(["lines.0.serials"]);

  // A planned item can be soft-deleted: 200 with `deleted: true`, still readable, out of lists.
  const extra = await expectStatus(await call(request, "clerk", "POST", "/serial-items", { sku: S.sku, source: { kind: "temporary_channel", ref: S.source } }), 201);
  const deleted = await expectStatus(await call(request, "clerk", "DELETE", `/serial-items/${extra.identifier}`), 200);
  expect(deleted).toMatchObject({ id: extra.id, deleted: true });
  expect(await expectStatus(await call(request, "viewer", "GET", `/serial-items/${extra.id}`), 200)).toMatchObject({ deleted: true });
  const listed = await expectPage<Json>(await call(request, "viewer", "GET", `/serial-items?product=${S.sku}&limit=500`));
  expect(listed.items.map((i) => i.id)).not.toContain(extra.id);

  // Items name the source (the deleted one too): it cannot be deleted.
  await expectError(await call(request, "clerk", "DELETE", `/purchase-sources/temporary_channel/${S.source}`), 409, "IN_USE");
  await expectStatus(await call(request, "viewer", "GET", `/purchase-sources/temporary_channel/${S.source}`), 200);
});
