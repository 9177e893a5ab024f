// Serial items against the real database (the part built so far, docs/serials.md): items from each
// of the four purchase source kinds, IMEI uniqueness, sources that cannot be deleted while items
// name them, arrival checks, the stock-free transitions, history with channel and before/after, and
// the database's own constraints (one source, on hand ⇔ one location).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createPurchaseOrder, transitionPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { createSupplier } from "@/lib/purchasing/suppliers";
import { IDENTIFIER_PATTERN } from "@/lib/serials/identifier";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { postMovement } from "@/lib/stock/post-movement";
import { checkStock } from "@/lib/stock/reconcile";
import { runImport } from "@/lib/imports/run-import";
import { checkArrival, createSerialItem, deleteSerialItem, getSerialItem, listSerialItems, serialItemHistory, transitionSerialItem, updateSerialItem } from "@/lib/serials/items";
import { createSource, deleteSource } from "@/lib/serials/sources";
import { actorFor, uniq } from "../support/fixtures";
import { levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

let admin: Actor, clerk: Actor, viewer: Actor, purchaser: Actor;
let phone: string;
let imeiSeq = Math.floor(Math.random() * 1e9);
const newImei = () => {
  const body = `35${String(imeiSeq++).padStart(12, "0")}`;
  return body + imeiCheckDigit(body);
};

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  [admin, clerk, viewer, purchaser] = await Promise.all((["admin", "clerk", "viewer", "purchaser"] as const).map((r) => actorFor(r)));
  phone = await makeProduct(admin, { tracking: "serial", name: "Phone 15 128GB" });
});

describe("serial items", () => {
  it("come from each of the four source kinds, with a CSPRNG identifier", async () => {
    const shop = await createSource(clerk, "online_order", { platform: "Tmall", orderNumber: uniq("T") });
    const corp = await createSource(clerk, "corporate_purchase", { companyName: "Acme Ltd", invoiceNumber: uniq("INV") });
    const temp = await createSource(clerk, "temporary_channel", { name: uniq("Trade-in desk") });
    const sup = uniq("SUP");
    await createSupplier(purchaser, { code: sup, name: "Apple reseller", currency: "CNY" });
    const po = await createPurchaseOrder(purchaser, { supplier: sup, lines: [{ sku: phone, quantity: 2, unitPrice: "5999" }] });

    const refs = [
      { kind: "online_order", ref: shop.id },
      { kind: "corporate_purchase", ref: corp.id },
      { kind: "temporary_channel", ref: temp.id },
      { kind: "purchase_order", ref: po.number },
    ] as const;
    for (const source of refs) {
      const item = await createSerialItem(clerk, { sku: phone, source, imei: newImei(), flag: `box ${source.kind}` });
      expect(item.identifier).toMatch(IDENTIFIER_PATTERN);
      expect(item).toMatchObject({ status: "planned", location: null, source: { kind: source.kind }, product: { sku: phone } });
    }
    expect((await createSerialItem(clerk, { sku: phone, source: refs[3] })).source.label).toBe(po.number);
    // A product that is not serial-tracked, an unknown source, a viewer.
    const plain = await makeProduct(admin);
    expect((await refusal(createSerialItem(clerk, { sku: plain, source: refs[0] }))).message).toMatch(/not serial-tracked/);
    expect((await refusal(createSerialItem(clerk, { sku: phone, source: { kind: "online_order", ref: crypto.randomUUID() } }))).message).toBe("Unknown purchase source.");
    expect((await refusal(createSerialItem(viewer, { sku: phone, source: refs[0] }))).code).toBe("FORBIDDEN");
  });

  it("refuses a duplicate IMEI and a bad check digit", async () => {
    const src = await createSource(clerk, "temporary_channel", { name: uniq("ch") });
    const imei = newImei();
    await createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei });
    const dup = await refusal(createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei }));
    expect(dup.code).toBe("DUPLICATE");
    expect(dup.message).toBe("IMEI already exists.");
    const bad = `${imei.slice(0, 14)}${(Number(imei[14]) + 1) % 10}`;
    expect((await refusal(createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei: bad }))).code).toBe("VALIDATION_FAILED");
  });

  it("keeps a source while an item names it (IN_USE), deletes it otherwise", async () => {
    const used = await createSource(clerk, "corporate_purchase", { companyName: "Beta GmbH" });
    const unused = await createSource(clerk, "corporate_purchase", { companyName: "Gamma AG" });
    const item = await createSerialItem(clerk, { sku: phone, source: { kind: "corporate_purchase", ref: used.id } });
    expect((await refusal(deleteSource(clerk, "corporate_purchase", used.id))).code).toBe("IN_USE");
    // Soft-deleting the item keeps the reference (its history still names the source).
    await deleteSerialItem(clerk, item.id);
    expect((await refusal(deleteSource(clerk, "corporate_purchase", used.id))).code).toBe("IN_USE");
    await deleteSource(clerk, "corporate_purchase", unused.id);
    expect(await db.corporatePurchase.count({ where: { id: unused.id } })).toBe(0);
  });

  it("takes arrival checks 1 and 2 in order, moves through the table, and records every change", async () => {
    const src = await createSource(clerk, "temporary_channel", { name: uniq("ch") });
    const imei = newImei();
    const item = await createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei });
    const handheld = { ...clerk, channel: "handheld" as const };
    await transitionSerialItem(clerk, item.identifier.toUpperCase(), { to: "in_transit" });
    expect((await checkArrival(handheld, imei)).checkedArrivalAt1).not.toBeNull();
    expect((await checkArrival(handheld, item.id)).checkedArrivalAt2).not.toBeNull();
    expect((await refusal(checkArrival(handheld, item.id))).code).toBe("INVALID_TRANSITION");

    const invalid = await refusal(transitionSerialItem(clerk, item.id, { to: "out_of_stock" }));
    expect(invalid.code).toBe("INVALID_TRANSITION");
    expect(invalid.details).toEqual({ from: "in_transit", to: "out_of_stock", allowed: ["arrived", "abnormal"] });
    const frozen = await transitionSerialItem(admin, item.id, { to: "abnormal", reason: "Screen cracked" });
    expect(frozen).toMatchObject({ status: "abnormal", abnormalFrom: "in_transit", abnormalReason: "Screen cracked" });
    expect((await refusal(transitionSerialItem(clerk, item.id, { to: "planned" }))).details).toMatchObject({ allowed: ["in_transit"] });
    expect((await transitionSerialItem(clerk, item.id, { to: "in_transit" })).status).toBe("in_transit");
    await updateSerialItem(clerk, item.id, { flag: "Blue, 2 scratches" });

    const history = await serialItemHistory(viewer, item.id);
    expect(history.map((h) => [h.action, h.channel])).toEqual([
      ["create", "web"],
      ["to_in_transit", "web"],
      ["arrival_check_1", "handheld"],
      ["arrival_check_2", "handheld"],
      ["to_abnormal", "web"],
      ["resolve", "web"],
      ["update", "web"],
    ]);
    expect(history[1].changes).toEqual({ status: { before: "planned", after: "in_transit" } });
    expect(history[4].changes).toMatchObject({ status: { before: "in_transit", after: "abnormal" }, abnormalReason: { before: null, after: "Screen cracked" } });
    expect(history[6].changes).toEqual({ flag: { before: null, after: "Blue, 2 scratches" } });
    expect(history[6].actor?.id).toBe(clerk.id);
    expect(await db.auditLog.count({ where: { entity: "serial_item", entityId: item.id } })).toBe(7);
  });

  it("finds items by IMEI, identifier and flag, filtered by status and product", async () => {
    const src = await createSource(clerk, "temporary_channel", { name: uniq("ch") });
    const flag = uniq("FLAG");
    const imei = newImei();
    const a = await createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei, flag });
    expect((await listSerialItems(viewer, { q: imei })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listSerialItems(viewer, { q: a.identifier.replaceAll("-", "") })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listSerialItems(viewer, { q: flag.toLowerCase(), status: "planned", product: phone })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listSerialItems(viewer, { q: flag, status: "arrived" })).items).toEqual([]);
    // The product filter ignores case; an unknown product is an empty page, not an error.
    expect((await listSerialItems(viewer, { product: phone.toLowerCase(), q: flag })).items.map((i) => i.id)).toEqual([a.id]);
    expect((await listSerialItems(viewer, { product: "NO-SUCH-PRODUCT" })).items).toEqual([]);
    expect((await getSerialItem(viewer, imei)).id).toBe(a.id);
  });

  it("the database keeps one source and on hand ⇔ exactly one location", async () => {
    const src = await createSource(clerk, "temporary_channel", { name: uniq("ch") });
    const item = await createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id } });
    const [loc] = await makeLocations(1);
    const locId = (await db.location.findUniqueOrThrow({ where: { code: loc } })).id;
    const sqlState = async (p: Promise<unknown>) => {
      try {
        await p;
        return "ok";
      } catch (e) {
        return String((e as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }).meta?.driverAdapterError?.cause?.originalCode ?? e);
      }
    };
    // A planned item at a location, an arrived one nowhere, a second source: all refused (23514).
    expect(await sqlState(db.$executeRaw`UPDATE serial_items SET location_id = ${locId}::uuid WHERE id = ${item.id}::uuid`)).toBe("23514");
    expect(await sqlState(db.$executeRaw`UPDATE serial_items SET status = 'arrived' WHERE id = ${item.id}::uuid`)).toBe("23514");
    const other = await createSource(clerk, "online_order", { platform: "JD", orderNumber: uniq("J") });
    expect(await sqlState(db.$executeRaw`UPDATE serial_items SET online_order_id = ${other.id}::uuid WHERE id = ${item.id}::uuid`)).toBe("23514");
    expect(await sqlState(db.$executeRaw`UPDATE serial_items SET status = 'arrived', location_id = ${locId}::uuid WHERE id = ${item.id}::uuid`)).toBe("ok");
    expect(await sqlState(db.$executeRaw`UPDATE serial_items SET status = 'abnormal', abnormal_from = 'arrived' WHERE id = ${item.id}::uuid`)).toBe("ok");
    expect(await sqlState(db.$executeRaw`UPDATE serial_items SET location_id = NULL WHERE id = ${item.id}::uuid`)).toBe("23514");
    // Put it back as it was (planned, nowhere) so nothing else sees a unit without a ledger.
    await db.$executeRaw`UPDATE serial_items SET status = 'planned', abnormal_from = NULL, location_id = NULL WHERE id = ${item.id}::uuid`;
  });
});

describe("serial items in the movement engine", () => {
  async function plannedItems(n: number) {
    const src = await createSource(clerk, "temporary_channel", { name: uniq("ch") });
    const items = [];
    for (let i = 0; i < n; i++) items.push(await createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei: newImei() }));
    return items;
  }

  it("arrival posts one ledger row and on-hand +1; shipping takes it out; history names the movements", async () => {
    const [loc] = await makeLocations(1);
    const [item] = await plannedItems(1);
    const before = await levelOf(phone, loc);
    expect((await refusal(transitionSerialItem(clerk, item.id, { to: "arrived" }))).message).toMatch(/location/);
    const arrived = await transitionSerialItem({ ...clerk, channel: "handheld" }, item.imei!, { to: "arrived", location: loc });
    expect(arrived).toMatchObject({ status: "arrived", location: loc });
    expect(arrived.actualArrivalAt).not.toBeNull();
    expect(await levelOf(phone, loc)).toBe(before + 1);
    const line = await db.movementLineSerial.findFirstOrThrow({ where: { serialItemId: item.id }, include: { line: { include: { movement: true } } } });
    expect(line.line.movement).toMatchObject({ type: "in", reference: item.identifier });
    expect(await db.ledgerEntry.count({ where: { movementId: line.line.movementId } })).toBe(1);

    const shipped = await transitionSerialItem(clerk, item.id, { to: "out_of_stock" });
    expect(shipped).toMatchObject({ status: "out_of_stock", location: null });
    expect(await levelOf(phone, loc)).toBe(before);
    const history = await serialItemHistory(viewer, item.id);
    expect(history.slice(1).map((h) => [h.action, h.channel])).toEqual([
      ["movement.in", "handheld"],
      ["movement.out", "web"],
    ]);
    expect(history[1].changes).toMatchObject({ status: { before: "planned", after: "arrived" }, location: { before: null, after: loc }, movement: { before: null } });
  });

  it("a frozen item neither ships nor moves; unknown, foreign and repeated serials are named", async () => {
    const [a, b] = await makeLocations(2);
    const [x, y] = await plannedItems(2);
    await postMovement(clerk, { type: "in", lines: [{ sku: phone, location: a, quantity: 2, serials: [x.identifier, y.imei!] }] });
    await transitionSerialItem(clerk, x.id, { to: "abnormal", reason: "Water damage" });
    expect((await refusal(transitionSerialItem(clerk, x.id, { to: "out_of_stock" }))).code).toBe("INVALID_TRANSITION");
    const frozen = await refusal(postMovement(clerk, { type: "transfer", lines: [{ sku: phone, from: a, to: b, quantity: 1, serials: [x.identifier] }] }));
    expect(frozen).toMatchObject({ code: "VALIDATION_FAILED", details: { reason: "SERIAL_STATE" } });
    expect(frozen.message).toMatch(/frozen/);
    // Still counted where it is: frozen items stay on hand.
    expect(await levelOf(phone, a)).toBe(2);
    expect((await refusal(postMovement(clerk, { type: "out", lines: [{ sku: phone, location: a, quantity: 1 }] }))).details).toMatchObject({ issues: [{ path: "lines.0.serials" }] });
    const unknown = await refusal(postMovement(clerk, { type: "out", lines: [{ sku: phone, location: a, quantity: 1, serials: ["000000000000000"] }] }));
    expect(unknown.message).toBe(`Unknown serial "000000000000000" for ${phone}.`);
    const twice = await refusal(postMovement(clerk, { type: "out", lines: [{ sku: phone, location: a, quantity: 2, serials: [y.imei!, y.identifier.toUpperCase()] }] }));
    expect(twice.message).toMatch(/named twice/);
    const wrongPlace = await refusal(postMovement(clerk, { type: "out", lines: [{ sku: phone, location: b, quantity: 1, serials: [y.imei!] }] }));
    expect(wrongPlace).toMatchObject({ code: "VALIDATION_FAILED", details: { reason: "SERIAL_STATE" } });
    expect(wrongPlace.message).toBe(`Serial ${y.imei} is not on hand at ${b} (it is arrived at ${a}).`);
    expect((await refusal(postMovement(admin, { type: "adjust", lines: [{ sku: phone, location: a, counted: 5 }] }))).message).toMatch(/item by item/);
    // Resolved, it moves again.
    await transitionSerialItem(clerk, x.id, { to: "arrived" });
    await postMovement(clerk, { type: "transfer", lines: [{ sku: phone, from: a, to: b, quantity: 1, serials: [x.identifier] }] });
    expect((await getSerialItem(viewer, x.id)).location).toBe(b);
  });

  it("two clerks arriving one item at once: one succeeds, the other gets INVALID_TRANSITION", async () => {
    const [loc] = await makeLocations(1);
    for (let round = 0; round < 3; round++) {
      const [item] = await plannedItems(1);
      const results = await Promise.allSettled([clerk, admin].map((who) => transitionSerialItem(who, item.id, { to: "arrived", location: loc })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
      expect(failed.reason).toMatchObject({ code: "INVALID_TRANSITION", details: { from: "arrived", to: "arrived" } });
    }
    expect(await levelOf(phone, loc)).toBe(3);
  });

  it("the same serial is never on hand in two places, whatever parallel transfers try", async () => {
    const [a, b, c, d] = await makeLocations(4);
    const items = await plannedItems(3);
    await postMovement(clerk, { type: "in", lines: [{ sku: phone, location: a, quantity: 3, serials: items.map((i) => i.identifier) }] });
    const targets = [b, c, d, b, c, d, b, c];
    const results = await Promise.allSettled(
      targets.map((to, k) => postMovement(k % 2 ? clerk : admin, { type: "transfer", lines: [{ sku: phone, from: a, to, quantity: 1, serials: [items[0].identifier] }] })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const where = (await getSerialItem(viewer, items[0].id)).location!;
    expect([b, c, d]).toContain(where);
    const levels = await Promise.all([a, b, c, d].map((l) => levelOf(phone, l)));
    expect(levels.reduce((x, y) => x + y, 0)).toBe(3);
    expect(await levelOf(phone, where)).toBe(1);
    expect(await levelOf(phone, a)).toBe(2);
    // Every location's serial-tracked level equals the items on hand there, and reconciliation agrees.
    for (const l of [a, b, c, d]) {
      expect(await db.serialItem.count({ where: { product: { sku: phone }, location: { code: l } } })).toBe(await levelOf(phone, l));
    }
    expect((await checkStock(admin)).discrepancies.filter((x) => x.sku === phone)).toEqual([]);
    // A planted mismatch (an item put elsewhere behind the engine's back) is reported.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE serial_items SET location_id = (SELECT id FROM locations WHERE code = ${d}) WHERE id = ${items[1].id}::uuid`;
      const found = (await checkStock(admin, { tx })).discrepancies.filter((x) => x.kind === "serials" && x.sku === phone);
      expect(found).toEqual([
        { kind: "serials", sku: phone, location: a, stored: 2, ledger: 1 },
        ...(where === d ? [{ kind: "serials", sku: phone, location: d, stored: 1, ledger: 2 }] : [{ kind: "serials", sku: phone, location: d, stored: 0, ledger: 1 }]),
        // Reconciliation lists locations in the `natural` collation ("L-8…" before "L-72…").
      ].sort((x, y) => new Intl.Collator("en", { numeric: true }).compare(x.location, y.location)));
      throw new Error("rollback");
    }).catch((e) => {
      if ((e as Error).message !== "rollback") throw e;
    });
  });
});

describe("receiving serial-tracked products against a purchase order", () => {
  it("creates the items with the order as their source and puts them on hand", async () => {
    const approver = await actorFor("approver");
    const [loc] = await makeLocations(1);
    const sup = uniq("SUP");
    await createSupplier(purchaser, { code: sup, name: "Device distributor", currency: "CNY" });
    const po = await createPurchaseOrder(purchaser, { supplier: sup, lines: [{ sku: phone, quantity: 3, unitPrice: "4999" }] });
    await transitionPurchaseOrder(purchaser, po.number, { action: "submit" });
    await transitionPurchaseOrder(approver, po.number, { action: "approve" });
    // One pre-registered against the order (planned), two new IMEIs scanned at the dock.
    const pre = await createSerialItem(clerk, { sku: phone, source: { kind: "purchase_order", ref: po.number }, imei: newImei() });
    const fresh = [newImei(), newImei()];

    const missing = await refusal(receivePurchaseOrder(clerk, po.number, { location: loc, lines: [{ sku: phone, quantity: 2, serials: [fresh[0]] }] }));
    expect(missing.message).toMatch(/one serial \(IMEI\) per unit/);
    const bad = await refusal(receivePurchaseOrder(clerk, po.number, { location: loc, lines: [{ sku: phone, quantity: 1, serials: ["12345"] }] }));
    expect(bad.message).toMatch(/neither a known serial .* nor a valid IMEI/);
    expect(await db.serialItem.count({ where: { imei: { in: fresh } } })).toBe(0);

    const r = await receivePurchaseOrder(clerk, po.number, { location: loc, lines: [{ sku: phone, quantity: 3, serials: [pre.imei!, ...fresh] }] });
    expect(r.result.status).toBe("received");
    const items = await db.serialItem.findMany({ where: { imei: { in: [pre.imei!, ...fresh] } }, include: { location: true, purchaseOrder: true } });
    expect(items).toHaveLength(3);
    for (const it of items) {
      expect(it.status).toBe("arrived");
      expect(it.location?.code).toBe(loc);
      expect(it.sourceKind).toBe("purchase_order");
      expect(it.purchaseOrder?.number).toBe(po.number);
    }
    expect(await levelOf(phone, loc)).toBe(3);
    const mv = await db.movement.findUniqueOrThrow({ where: { number: r.result.movement }, include: { lines: { include: { serials: true } } } });
    expect(mv.lines[0].serials).toHaveLength(3);
  });
});

describe("CSV import of serial items", () => {
  const csv = (rows: string[][]) => Buffer.from(["sku,imei,flag,source_kind,source,scheduled_arrival", ...rows.map((r) => r.join(","))].join("\n"));

  it("validates every row first: one bad IMEI, a duplicate in the file or in the database → nothing imported, each named by row", async () => {
    const manager = await actorFor("manager");
    const channel = uniq("ch");
    const src = await createSource(clerk, "temporary_channel", { name: channel });
    const existing = newImei();
    await createSerialItem(clerk, { sku: phone, source: { kind: "temporary_channel", ref: src.id }, imei: existing });
    const [a, b] = [newImei(), newImei()];
    const bad = `${a.slice(0, 14)}${(Number(a[14]) + 1) % 10}`;
    const out = await runImport(manager, {
      kind: "serial_items",
      fileName: "devices.csv",
      content: csv([
        [phone, a, "ok", "temporary_channel", channel, "2027-01-15"],
        [phone, bad, "", "temporary_channel", channel, ""],
        [phone, a, "", "temporary_channel", channel, ""],
        [phone, existing, "", "temporary_channel", channel, ""],
        [phone, b, "", "purchase_order", "PO0000-0000", ""],
      ]),
    });
    expect(out.status).toBe("invalid");
    if (out.status !== "invalid") return;
    expect(out.errors.map((e) => [e.row, e.key])).toEqual([
      [3, "imeiCheckDigit"],
      [4, "imeiTwice"],
      [5, "imeiTaken"],
      [6, "unknownSource"],
    ]);
    expect(await db.serialItem.count({ where: { imei: { in: [a, b] } } })).toBe(0);
  });

  it("imports 10,000 rows in one file, once", async () => {
    const manager = await actorFor("manager");
    const channel = uniq("bulk");
    await createSource(clerk, "temporary_channel", { name: channel });
    const rows = Array.from({ length: 10_000 }, (_, i) => [phone, newImei(), `bulk ${i}`, "temporary_channel", channel, "2027-02-01"]);
    const started = Date.now();
    const out = await runImport(manager, { kind: "serial_items", fileName: "bulk.csv", content: csv(rows) });
    const ms = Date.now() - started;
    expect(out).toMatchObject({ status: "done", rows: 10_000, created: 10_000 });
    console.log(`serial import: 10,000 rows in ${ms} ms`);
    const src = await db.temporaryChannel.findUniqueOrThrow({ where: { name: channel } });
    expect(await db.serialItem.count({ where: { temporaryChannelId: src.id, status: "planned" } })).toBe(10_000);
    expect(await db.serialItemHistory.count({ where: { item: { temporaryChannelId: src.id }, channel: "import", action: "create" } })).toBe(10_000);
    // The same file again imports nothing.
    const again = await runImport(manager, { kind: "serial_items", fileName: "bulk-again.csv", content: csv(rows) });
    expect(again.status).toBe("already");
    expect(await db.serialItem.count({ where: { temporaryChannelId: src.id } })).toBe(10_000);
  });
});
