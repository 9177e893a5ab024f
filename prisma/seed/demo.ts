// Demo data for development and tests (never production): six users, warehouse WH with 50
// locations, a three-level category tree and 1,000 products with stock. Idempotent.
import { hashPassword } from "../../lib/auth/password";
import type { db as Db } from "../../lib/db";
import type { Role } from "../../lib/auth/permissions";
import { postMovement } from "../../lib/stock/post-movement";
import { ean13, locationCodes } from "./demo-codes";

type Client = typeof Db;

export const DEMO_PASSWORD = "demo-password";
export const DEMO_ROLES: Role[] = ["admin", "manager", "clerk", "purchaser", "approver", "viewer"];
const PRODUCT_COUNT = 1000;

const TREE: Record<string, Record<string, string[]>> = {
  Electronics: { Phones: ["Smartphones", "Feature phones"], Computers: ["Laptops", "Tablets"], Accessories: ["Chargers", "Cables"] },
  Tools: { "Power tools": ["Drills", "Saws"], "Hand tools": ["Wrenches", "Screwdrivers"] },
  Office: { Paper: ["Printer paper", "Notebooks"], Furniture: ["Chairs", "Desks"] },
};

export const DEMO_COLOURS = ["black", "white", "red", "blue", "green", "grey"];
export const DEMO_SIZES = ["S", "M", "L", "XL"];
export const DEMO_VOLTAGES = ["110V", "220V", "12V", "5V"];

/** The six demo users (`<role>@example.com`, password DEMO_PASSWORD); existing ones are left alone. */
export async function seedDemoUsers(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const role of DEMO_ROLES) {
    const email = `${role}@example.com`;
    await db.user.upsert({
      where: { email },
      update: {},
      create: { email, role, passwordHash, name: `${role[0].toUpperCase()}${role.slice(1)} Demo` },
    });
  }
  log(`users: ${DEMO_ROLES.length}`);
}

/** The three-level demo category tree; returns the ids of its leaves. */
export async function seedDemoCategories(db: Client, log: (s: string) => void = () => {}): Promise<string[]> {
  const leaves: string[] = [];
  for (const [top, subs] of Object.entries(TREE)) {
    const t = await upsertCategory(db, top, null);
    for (const [sub, leafNames] of Object.entries(subs)) {
      const s = await upsertCategory(db, sub, t);
      for (const leaf of leafNames) leaves.push(await upsertCategory(db, leaf, s));
    }
  }
  log(`categories: ${leaves.length} leaves in 3 levels`);
  return leaves;
}

export async function seedDemo(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  await seedDemoUsers(db, log);

  const wh = await db.warehouse.upsert({ where: { code: "WH" }, update: {}, create: { code: "WH", name: "Main warehouse" } });
  const codes = locationCodes();
  await db.location.createMany({
    data: codes.map((code, i) => ({
      code,
      barcode: code,
      name: `Zone ${code[0]} aisle ${code.slice(2, 4)} bin ${code.slice(5)}`,
      kind: i === 0 ? ("receiving" as const) : i === codes.length - 1 ? ("shipping" as const) : ("storage" as const),
      capacity: 10_000, // the opening stock puts 2,000 units in each (capacity is enforced, product.md §1)
      warehouseId: wh.id,
    })),
    skipDuplicates: true,
  });
  log(`locations: ${codes.length}`);

  const leaves = await seedDemoCategories(db, log);

  if ((await db.product.count()) >= PRODUCT_COUNT) {
    log("products: already seeded");
    return;
  }
  const products = Array.from({ length: PRODUCT_COUNT }, (_, k) => {
    const i = k + 1;
    const minStock = [10, 20, 50, 0][i % 4];
    return {
      sku: `SKU-${String(i).padStart(5, "0")}`,
      barcode: ean13(i),
      name: `Demo product ${i}`,
      categoryId: leaves[i % leaves.length],
      spec: { colour: DEMO_COLOURS[i % DEMO_COLOURS.length], size: DEMO_SIZES[i % DEMO_SIZES.length], voltage: DEMO_VOLTAGES[i % DEMO_VOLTAGES.length] },
      unit: i % 10 === 0 ? "box" : "pcs",
      minStock,
      safetyStock: Math.floor(minStock / 2),
      priceAmount: demoPrice(i).toFixed(2),
      priceCurrency: "CNY",
      inStock: true,
    };
  });
  await db.product.createMany({ data: products, skipDuplicates: true });
  log(`products: ${PRODUCT_COUNT}`);
}

/**
 * Opening stock goes in through the ledger like any other stock: one `in` movement per location,
 * 100 units of product i at location number (i mod 50), at a unit cost of 60 % of its price (so
 * the valuation report and the dashboard's stock value have figures). Skipped when any movement exists.
 */
export async function seedOpeningStock(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  if ((await db.movement.count()) > 0) {
    log("opening stock: already posted");
    return;
  }
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  const codes = locationCodes();
  const byLocation = new Map<string, { sku: string; location: string; quantity: number; unitCost: string }[]>();
  for (let i = 1; i <= PRODUCT_COUNT; i++) {
    const location = codes[i % codes.length];
    byLocation.set(location, [...(byLocation.get(location) ?? []), { sku: `SKU-${String(i).padStart(5, "0")}`, location, quantity: 100, unitCost: (demoPrice(i) * 0.6).toFixed(2) }]);
  }
  // Dated before the 90 days of demo history (prisma/seed/history.ts), so the dashboard's chart and
  // the reports show the history, not one day of opening receipts; today without the history.
  const at = process.env.DEMO_HISTORY === "0" ? undefined : openingDay();
  for (const lines of byLocation.values()) {
    await postMovement({ id: admin.id, role: "admin", channel: "import" }, { type: "in", reference: "OPENING", note: "Opening stock (demo data)", lines }, { at });
  }
  log(`opening stock: ${byLocation.size} receipts, 100 units of each product${at ? `, dated ${at.toISOString().slice(0, 10)}` : ""}`);
}

/** 08:00 UTC, 91 days ago: the day before the demo history starts. */
export function openingDay(): Date {
  const d = new Date(Date.now() - 91 * 24 * 3600_000);
  d.setUTCHours(8, 0, 0, 0);
  return d;
}

function demoPrice(i: number): number {
  return (i % 200) + 1 + (i % 100) / 100;
}

async function upsertCategory(db: Client, name: string, parentId: string | null): Promise<string> {
  const found = await db.category.findFirst({ where: { name, parentId } });
  if (found) return found.id;
  return (await db.category.create({ data: { name, parentId } })).id;
}
