// Serial items against the real database (the part built so far, docs/serials.md): items from each
// of the four purchase source kinds, IMEI uniqueness, sources that cannot be deleted while items
// name them, arrival checks, the stock-free transitions, history with channel and before/after, and
// the database's own constraints (one source, on hand ⇔ one location).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { createSupplier } from "@/lib/purchasing/suppliers";
import { IDENTIFIER_PATTERN } from "@/lib/serials/identifier";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { checkArrival, createSerialItem, deleteSerialItem, getSerialItem, listSerialItems, serialItemHistory, transitionSerialItem, updateSerialItem } from "@/lib/serials/items";
import { createSource, deleteSource } from "@/lib/serials/sources";
import { actorFor, uniq } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

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
