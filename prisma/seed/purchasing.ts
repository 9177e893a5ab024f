// Demo purchasing data (development and tests only), made through the domain functions so every
// row is what the app itself would have written (numbers, frozen rates, timeline, audit,
// notifications): 5 suppliers, USD and EUR rates, products with preferred suppliers, and one order
// in every status. Skipped when any supplier exists.
import type { Actor, Role } from "../../lib/auth/permissions";
import type { db as Db } from "../../lib/db";
import { setExchangeRate } from "../../lib/purchasing/exchange-rates";
import { createPurchaseOrder, transitionPurchaseOrder } from "../../lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "../../lib/purchasing/receive";
import { createSupplier, setSupplierProduct, setSupplierTolerance } from "../../lib/purchasing/suppliers";

type Client = typeof Db;

export const DEMO_SUPPLIERS = [
  { code: "SUP-ACME", name: "Acme Industrial Supply", contact: "Li Wei", email: "orders@acme.example.com", phone: "+86 21 5555 0101", currency: "CNY", paymentTerms: "30 days net", leadTimeDays: 5 },
  { code: "SUP-SZ", name: "Shenzhen Electronics Co.", contact: "Chen Jing", email: "sales@sz-electronics.example.com", phone: "+86 755 5555 0202", currency: "CNY", paymentTerms: "Prepayment", leadTimeDays: 3 },
  { code: "SUP-OFFICE", name: "Office Depot Shanghai", contact: "Wang Fang", email: "b2b@office.example.com", phone: "+86 21 5555 0303", currency: "CNY", paymentTerms: "15 days net", leadTimeDays: 2 },
  { code: "SUP-GLOBAL", name: "Global Tools Inc.", contact: "Sarah Miller", email: "export@globaltools.example.com", phone: "+1 415 555 0404", currency: "USD", paymentTerms: "60 days net", leadTimeDays: 21 },
  { code: "SUP-EURO", name: "EuroParts GmbH", contact: "Jonas Weber", email: "vertrieb@europarts.example.com", phone: "+49 30 5555 0505", currency: "EUR", paymentTerms: "30 days net", leadTimeDays: 28 },
] as const;

export const DEMO_RATES = [
  { currency: "USD", date: "2026-01-01", rate: "7.0850" },
  { currency: "EUR", date: "2026-01-01", rate: "7.7420" },
];

const sku = (i: number) => `SKU-${String(i).padStart(5, "0")}`;

export async function seedPurchasing(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  if ((await db.supplier.count()) > 0) {
    log("purchasing: already seeded");
    return;
  }
  const actor = async (role: Role): Promise<Actor> => ({ id: (await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } })).id, role, channel: "web" });
  const [purchaser, approver, manager, clerk] = [await actor("purchaser"), await actor("approver"), await actor("manager"), await actor("clerk")];

  for (const r of DEMO_RATES) await setExchangeRate(manager, r);
  // Today's rates too, so an order placed today freezes a rate of its own day.
  const today = new Date().toISOString().slice(0, 10);
  if (today !== "2026-01-01") {
    await setExchangeRate(manager, { currency: "USD", date: today, rate: "7.1240" });
    await setExchangeRate(manager, { currency: "EUR", date: today, rate: "7.8015" });
  }
  for (const s of DEMO_SUPPLIERS) await createSupplier(purchaser, s);
  await setSupplierTolerance(manager, "SUP-ACME", { receiptTolerancePct: "5" });

  // Preferred suppliers for the products the reorder suggestions are about (min stock > 0), and a
  // second source for some of them.
  const codes = ["SUP-ACME", "SUP-SZ", "SUP-OFFICE", "SUP-GLOBAL", "SUP-EURO"];
  for (let i = 1; i <= 60; i++) {
    const supplier = codes[i % codes.length];
    const foreign = supplier === "SUP-GLOBAL" || supplier === "SUP-EURO";
    await setSupplierProduct(purchaser, supplier, {
      sku: sku(i),
      supplierSku: `${supplier.slice(4)}-${1000 + i}`,
      lastPrice: (foreign ? 1 + (i % 9) * 0.75 : 5 + (i % 13) * 3.5).toFixed(2),
      minOrderQty: [1, 10, 25, 50][i % 4],
      preferred: i % 7 !== 0, // every 7th product has no preferred supplier
    });
  }

  const order = (supplier: string, lines: [number, number, string][], expectedInDays: number | null, notes?: string) =>
    createPurchaseOrder(purchaser, {
      supplier,
      expectedDate: expectedInDays === null ? null : new Date(Date.now() + expectedInDays * 86_400_000).toISOString().slice(0, 10),
      notes,
      lines: lines.map(([i, quantity, unitPrice]) => ({ sku: sku(i), quantity, unitPrice })),
    });
  const move = (number: string, who: Actor, action: "submit" | "approve" | "reject" | "cancel" | "close", reason?: string) => transitionPurchaseOrder(who, number, { action, reason });

  await order("SUP-ACME", [[1, 50, "12.50"], [2, 20, "8.00"]], 7, "Monthly top-up");
  const submitted = await order("SUP-SZ", [[6, 100, "3.20"], [11, 40, "15.90"]], 5);
  await move(submitted.number, purchaser, "submit");
  const rejected = await order("SUP-OFFICE", [[3, 500, "0.80"]], 3);
  await move(rejected.number, purchaser, "submit");
  await move(rejected.number, approver, "reject", "Too many; 200 is enough for the quarter.");
  const approved = await order("SUP-GLOBAL", [[4, 30, "2.75"], [9, 12, "7.50"]], 0, "Expected today");
  await move(approved.number, purchaser, "submit");
  await move(approved.number, approver, "approve");
  const partial = await order("SUP-ACME", [[5, 40, "22.00"], [10, 10, "9.90"]], -2);
  await move(partial.number, purchaser, "submit");
  await move(partial.number, approver, "approve");
  await receivePurchaseOrder(clerk, partial.number, { location: "A-01-01", lines: [{ sku: sku(5), quantity: 25 }] });
  const received = await order("SUP-EURO", [[8, 6, "4.20"]], -5);
  await move(received.number, purchaser, "submit");
  await move(received.number, approver, "approve");
  await receivePurchaseOrder(clerk, received.number, { location: "A-01-01", lines: [{ sku: sku(8), quantity: 6 }] });
  const closed = await order("SUP-SZ", [[12, 24, "6.60"]], -10);
  await move(closed.number, purchaser, "submit");
  await move(closed.number, approver, "approve");
  await receivePurchaseOrder(clerk, closed.number, { location: "A-01-01", lines: [{ sku: sku(12), quantity: 20 }] });
  await move(closed.number, manager, "close");
  const cancelled = await order("SUP-OFFICE", [[7, 10, "1.10"]], 10);
  await move(cancelled.number, approver, "cancel");
  log("purchasing: 5 suppliers, USD and EUR rates, 8 orders (one in every status)");
}
