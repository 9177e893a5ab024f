// Demo serialized items (development and tests only), made through the domain functions: three
// phone/tablet products tracked by serial, sources of all four kinds, and a few hundred items in
// every status — received against a purchase order, arrived and shipped through movements, some
// frozen as abnormal. IMEIs are valid (Luhn) and deterministic. Skipped when any serial item exists.
import type { Actor, Role } from "../../lib/auth/permissions";
import { createProduct } from "../../lib/catalog/create-product";
import type { db as Db } from "../../lib/db";
import { createPurchaseOrder, transitionPurchaseOrder } from "../../lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "../../lib/purchasing/receive";
import { imeiCheckDigit } from "../../lib/serials/imei";
import { checkArrival, createSerialItem, transitionSerialItem } from "../../lib/serials/items";
import { createSource } from "../../lib/serials/sources";
import { postMovement } from "../../lib/stock/post-movement";

type Client = typeof Db;

export const DEMO_SERIAL_PRODUCTS = [
  { sku: "PHONE-15-128-BLK", name: "Phone 15 128 GB black", barcode: "4549995429001", priceAmount: "5999.00" },
  { sku: "PHONE-15P-256-TI", name: "Phone 15 Pro 256 GB titanium", barcode: "4549995429018", priceAmount: "8999.00" },
  { sku: "TABLET-11-128-SLV", name: "Tablet 11 128 GB silver", barcode: "4549995429025", priceAmount: "4799.00" },
];

/** The n-th demo IMEI: a fixed type allocation code, a serial, the Luhn digit. */
export function demoImei(n: number): string {
  const body = `35391805${String(n).padStart(6, "0")}`;
  return body + imeiCheckDigit(body);
}

export async function seedSerials(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  if ((await db.serialItem.count()) > 0) {
    log("serial items: already seeded");
    return;
  }
  const actor = async (role: Role): Promise<Actor> => ({ id: (await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } })).id, role, channel: "web" });
  const [admin, manager, clerk, purchaser, approver] = await Promise.all((["admin", "manager", "clerk", "purchaser", "approver"] as const).map(actor));
  const handheld: Actor = { ...clerk, channel: "handheld" };

  for (const p of DEMO_SERIAL_PRODUCTS) {
    if (!(await db.product.findUnique({ where: { sku: p.sku } }))) {
      await createProduct(admin, { ...p, tracking: "serial", unit: "pcs", minStock: 5, safetyStock: 2, priceCurrency: "CNY" });
    }
  }
  const [phone, pro, tablet] = DEMO_SERIAL_PRODUCTS.map((p) => p.sku);

  const tmall = await createSource(manager, "online_order", { platform: "Tmall", orderNumber: "TM-88231", orderedAt: "2026-11-20T09:30:00Z", buyerAccount: "wms-demo" });
  const jd = await createSource(manager, "online_order", { platform: "JD.com", orderNumber: "JD-550017", orderedAt: "2026-11-25T14:05:00Z" });
  const corp = await createSource(manager, "corporate_purchase", { companyName: "Shanghai Trading Ltd.", invoiceNumber: "INV-2026-1187", purchasedAt: "2026-11-28T10:00:00Z" });
  const temp = await createSource(manager, "temporary_channel", { name: "Trade-in desk", contact: "Front counter" });

  let n = 1;
  const make = async (sku: string, source: { kind: "online_order" | "corporate_purchase" | "temporary_channel" | "purchase_order"; ref: string }, flag: string | null, scheduledInDays: number) => {
    const imei = demoImei(n++);
    return createSerialItem(manager, {
      sku,
      source,
      imei,
      flag,
      transactionConfirmedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      scheduledArrivalAt: new Date(Date.now() + scheduledInDays * 86_400_000).toISOString(),
    });
  };

  // A purchase order for phones, approved, 40 of 60 received at the dock by IMEI (new items whose source is the order).
  const po = await createPurchaseOrder(purchaser, { supplier: "SUP-SZ", lines: [{ sku: phone, quantity: 60, unitPrice: "5200.00" }], notes: "Phones for the season" });
  await transitionPurchaseOrder(purchaser, po.number, { action: "submit" });
  await transitionPurchaseOrder(approver, po.number, { action: "approve" });
  const dockImeis = Array.from({ length: 40 }, () => demoImei(n++));
  await receivePurchaseOrder(clerk, po.number, { location: "A-01-01", lines: [{ sku: phone, quantity: 40, serials: dockImeis }] });

  // Planned (some with arrival checks), in transit, arrived, shipped, abnormal — across the sources.
  const planned = [];
  for (let i = 0; i < 60; i++) planned.push(await make([phone, pro, tablet][i % 3], [{ kind: "online_order", ref: tmall.id }, { kind: "online_order", ref: jd.id }, { kind: "corporate_purchase", ref: corp.id }][i % 3] as { kind: "online_order"; ref: string }, i % 5 === 0 ? `Gift box ${i}` : null, 3 + (i % 10)));
  const transit = [];
  for (let i = 0; i < 80; i++) transit.push(await make([pro, tablet, phone][i % 3], { kind: "corporate_purchase", ref: corp.id }, null, 1 + (i % 4)));
  for (const item of transit) await transitionSerialItem(manager, item.id, { to: "in_transit" });
  for (const item of transit.slice(0, 30)) await checkArrival(handheld, item.id);
  for (const item of transit.slice(0, 12)) await checkArrival(handheld, item.id);
  const arriving = [];
  for (let i = 0; i < 120; i++) arriving.push(await make([phone, pro, tablet][i % 3], i % 4 === 0 ? { kind: "temporary_channel", ref: temp.id } : { kind: "online_order", ref: tmall.id }, null, -2));
  // Arrived at storage locations through `in` movements (one per product), then some shipped.
  for (const sku of [phone, pro, tablet]) {
    const mine = arriving.filter((x) => x.product.sku === sku);
    await postMovement(handheld, { type: "in", reference: "Serial arrivals (demo)", lines: [{ sku, location: "B-01-01", quantity: mine.length, serials: mine.map((x) => x.identifier) }] });
    const ship = mine.slice(0, 12);
    await postMovement(clerk, { type: "out", reference: "SO-DEMO-1", lines: [{ sku, location: "B-01-01", quantity: ship.length, serials: ship.map((x) => x.imei!) }] });
  }
  // Abnormal: two frozen in transit, two frozen on hand.
  await transitionSerialItem(manager, transit[70].id, { to: "abnormal", reason: "Box damaged in transit" });
  await transitionSerialItem(manager, transit[71].id, { to: "abnormal", reason: "IMEI on the box does not match the device" });
  await transitionSerialItem(manager, arriving[100].id, { to: "abnormal", reason: "Screen scratched" });
  await transitionSerialItem(manager, arriving[101].id, { to: "abnormal", reason: "Activation lock on" });
  log(`serial items: ${n - 1} across 4 source kinds and every status (3 serial-tracked products)`);
}
