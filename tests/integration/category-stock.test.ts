// The stock report grouped by category (lib/stock/category-stock.ts, migration
// 20261213120000_reads_category_stock) against a GROUP BY over stock_levels computed from scratch:
// after a fold, with movements the fold has not seen (one still in flight while it folds), with
// reservations, after changes to what the folded figures are keyed by (a product's category or
// deletion, a location's warehouse, levels rebuilt by the reconciliation, another cluster), and with
// movements and folds side by side — under every filter of the report (warehouse, q) and across its
// keyset pages.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { createCategory } from "@/lib/catalog/categories";
import { deleteProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { db, Prisma } from "@/lib/db";
import { updateLocation } from "@/lib/locations/locations";
import { runReport } from "@/lib/reports/report";
import { stockReport, type StockRow } from "@/lib/reports/stock-on-hand";
import { createCustomer } from "@/lib/sales/customers";
import { createSalesOrder, transitionSalesOrder } from "@/lib/sales/orders";
import { foldCategoryStock } from "@/lib/stock/category-stock";
import { postMovement } from "@/lib/stock/post-movement";
import { checkStock, rebuildStock } from "@/lib/stock/reconcile";
import { actorFor, uniq } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

type Filters = { warehouse?: string; q?: string };

let admin: Actor, manager: Actor;
/** A tree of our own: a parent and two leaves whose names share `tag` (the q filter finds both). */
let tag: string;
let catA: string, catB: string;
/** Warehouse X with locations x1, x2; warehouse Y with y1. */
let whX: string, whY: string;
let x1: string, x2: string, y1: string;
let a1: string, a2: string, b1: string, u1: string, d1: string;

/** The report's rows from scratch: one GROUP BY over the stock rows with stock, as the report defines them. */
async function fromScratch(f: Filters): Promise<StockRow[]> {
  const rows = await db.$queryRaw<{ id: string; label: string; detail: string | null; products: number; locations: number; on_hand: number; reserved: number }[]>`
    SELECT COALESCE(c.id::text, '') AS id, COALESCE(c.name, '') AS label, pc.name AS detail,
           count(DISTINCT s.product_id)::int AS products, count(DISTINCT s.location_id)::int AS locations,
           sum(s.quantity)::int AS on_hand, sum(s.reserved)::int AS reserved
    FROM stock_levels s
    JOIN products p ON p.id = s.product_id
    JOIN locations l ON l.id = s.location_id
    JOIN warehouses w ON w.id = l.warehouse_id
    LEFT JOIN categories c ON c.id = p.category_id
    LEFT JOIN categories pc ON pc.id = c.parent_id
    WHERE p.deleted_at IS NULL AND s.quantity > 0
      ${f.warehouse ? Prisma.sql`AND w.code = ${f.warehouse}` : Prisma.empty}
      ${f.q ? Prisma.sql`AND c.name ILIKE ${`%${f.q}%`}` : Prisma.empty}
    GROUP BY 1, 2, 3
    ORDER BY 2, 1`;
  return rows.map((r) => ({
    id: r.id, label: r.label, detail: r.detail, products: r.products, locations: r.locations,
    onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved,
  }));
}

/** Every page of the report, `limit` rows at a time, following the cursors. */
async function report(f: Filters, limit: number): Promise<StockRow[]> {
  const rows: StockRow[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const { page } = await runReport(manager, stockReport, { group: "category", ...f, limit: String(limit), ...(cursor ? { cursor } : {}) });
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error("the report's pages never end");
}

/** The report equals the computation from scratch under each filter, in one page and across small pages. */
async function expectExact(): Promise<void> {
  const filters: Filters[] = [{}, { warehouse: whX }, { warehouse: whY }, { warehouse: whX.toLowerCase() }, { q: tag }, { q: tag, warehouse: whY }, { warehouse: "NO-SUCH-WH" }];
  for (const f of filters) {
    const expected = await fromScratch({ ...f, warehouse: f.warehouse?.toUpperCase() });
    expect(await report(f, 500), JSON.stringify(f)).toEqual(expected);
  }
  for (const f of [{ q: tag }, { q: tag, warehouse: whX }]) {
    expect(await report(f, 1), `${JSON.stringify(f)}, one row a page`).toEqual(await fromScratch(f));
  }
  expect(await report({}, 7), "seven rows a page").toEqual(await fromScratch({}));
}

/** Whether readers use the folded figures (else they compute from the stock rows). */
async function foldUsable(): Promise<boolean> {
  const [r] = await db.$queryRaw<{ usable: boolean }[]>`SELECT category_stock_snapshot() IS NOT NULL AS usable`;
  return r.usable;
}

const receive = (sku: string, location: string, quantity: number) => postMovement(admin, { type: "in", lines: [{ sku, location, quantity }] });
const issue = (sku: string, location: string, quantity: number) => postMovement(admin, { type: "out", lines: [{ sku, location, quantity }] });

beforeAll(async () => {
  [admin, manager] = await Promise.all([actorFor("admin"), actorFor("manager")]);
  tag = uniq("Cat").toLowerCase();
  const parent = await createCategory(manager, { name: `${tag} parent` });
  catA = (await createCategory(manager, { name: `${tag} alpha`, parentId: parent.id })).id;
  catB = (await createCategory(manager, { name: `${tag} beta`, parentId: parent.id })).id;
  [x1, x2] = await makeLocations(2);
  [y1] = await makeLocations(1);
  const warehouseOf = async (code: string) => (await db.location.findUniqueOrThrow({ where: { code }, include: { warehouse: true } })).warehouse.code;
  [whX, whY] = [await warehouseOf(x1), await warehouseOf(y1)];
  [a1, a2, d1] = [await makeProduct(manager, { category: catA }), await makeProduct(manager, { category: catA }), await makeProduct(manager, { category: catA })];
  b1 = await makeProduct(manager, { category: catB });
  u1 = await makeProduct(manager);
});

describe("stock by category", () => {
  it("equals the stock rows after a fold and with movements the fold has not seen", async () => {
    await receive(a1, x1, 5);
    await receive(a1, y1, 3);
    await receive(a2, x1, 4);
    await receive(b1, x2, 6);
    await receive(u1, x2, 2);
    await receive(d1, y1, 7);
    expect(await foldCategoryStock()).toMatch(/^(full|changes)$/);
    expect(await foldUsable()).toBe(true);
    await expectExact();

    // Not folded yet: a location keeps the category through another product (x1), a category leaves
    // a warehouse (B from X to Y), a new product × location, the uncategorised stock runs out.
    await issue(a1, x1, 5);
    await postMovement(admin, { type: "transfer", lines: [{ sku: b1, from: x2, to: y1, quantity: 6 }] });
    await receive(a2, y1, 1);
    await issue(u1, x2, 2);
    await postMovement(manager, { type: "adjust", lines: [{ sku: a2, location: x1, counted: 9 }] });
    expect(await foldUsable()).toBe(true);
    await expectExact();

    expect(await foldCategoryStock()).toBe("changes");
    await expectExact();
    // Back and forth since the fold: the same products, nothing left over.
    await receive(u1, x2, 1);
    await issue(u1, x2, 1);
    await receive(a1, x1, 2);
    await expectExact();
    expect(await foldCategoryStock()).toBe("changes");
    await expectExact();
  });

  it("folds beside a movement still in flight and counts it once it commits", async () => {
    await foldCategoryStock();
    await db.$transaction(async (tx) => {
      await postMovement(admin, { type: "in", lines: [{ sku: b1, location: x2, quantity: 5 }, { sku: u1, location: y1, quantity: 2 }] }, { tx });
      await postMovement(admin, { type: "out", lines: [{ sku: a2, location: y1, quantity: 1 }] }, { tx });
      // Another connection: the fold's snapshot does not see this transaction, nor do the readers yet.
      expect(await foldCategoryStock()).toBe("changes");
      await expectExact();
    });
    await expectExact();
    expect(await foldCategoryStock()).toBe("changes");
    await expectExact();
  });

  it("counts reserved units as the open reservations", async () => {
    const customer = uniq("CUST");
    await createCustomer(manager, { code: customer, name: "Category stock", currency: "CNY", shippingAddress: "1 Main St" });
    const order = await createSalesOrder(manager, { customer, requestedDate: "2026-12-06", lines: [{ sku: a2, quantity: 3, unitPrice: "1.00" }] });
    await transitionSalesOrder(manager, order.number, { action: "confirm" });
    const row = (await report({ q: tag }, 500)).find((r) => r.id === catA);
    expect(row?.reserved).toBe(3);
    await expectExact();
    await foldCategoryStock();
    await expectExact();
    await transitionSalesOrder(manager, order.number, { action: "cancel" });
    await expectExact();
  });

  it("computes from the stock rows after a change it is keyed by, until the next fold starts again", async () => {
    // A product changes category.
    await foldCategoryStock();
    await updateProduct(manager, b1, { category: catA });
    expect(await foldUsable()).toBe(false);
    await expectExact();
    expect(await foldCategoryStock()).toBe("full");
    expect(await foldUsable()).toBe(true);
    await expectExact();

    // A product with stock is deleted.
    await deleteProduct(manager, d1);
    expect(await foldUsable()).toBe(false);
    await expectExact();
    expect(await foldCategoryStock()).toBe("full");
    await expectExact();

    // A level broken outside the movement engine (no ledger row says so) is what the next full
    // fold reads — here the one after a location moves to another warehouse (and back).
    await db.$executeRaw`
      UPDATE stock_levels s SET quantity = s.quantity + 4 FROM products p, locations l
      WHERE p.id = s.product_id AND l.id = s.location_id AND p.sku = ${a1} AND l.code = ${x1}`;
    await updateLocation(admin, y1, { warehouse: whX });
    expect(await foldUsable()).toBe(false);
    await expectExact();
    expect(await foldCategoryStock()).toBe("full");
    await expectExact();
    await updateLocation(admin, y1, { warehouse: whY });
    expect(await foldCategoryStock()).toBe("full");
    await expectExact();

    // A dump restored into another cluster brings a snapshot of transaction ids that mean nothing there.
    await db.$executeRaw`UPDATE category_stock_state SET system_identifier = system_identifier + 1 WHERE id = 1`;
    expect(await foldUsable()).toBe(false);
    await receive(a1, x2, 1);
    await expectExact();
    expect(await foldCategoryStock()).toBe("full");
    expect(await foldUsable()).toBe(true);
    await expectExact();

    // Changes that move nothing the figures are keyed by leave the fold in use.
    await updateProduct(manager, a1, { name: `Renamed ${a1}` });
    expect(await foldUsable()).toBe(true);

    // The reconciliation rebuilds that level from the ledger, again without a ledger row.
    const { fixed } = await rebuildStock(admin);
    expect(fixed.map((f) => f.sku)).toContain(a1);
    expect(await foldUsable()).toBe(false);
    await expectExact();
    expect(await foldCategoryStock()).toBe("full");
    await expectExact();
    expect((await checkStock(admin)).discrepancies.filter((d) => d.sku === a1)).toEqual([]);
  });

  it("stays exact with movements and folds side by side", async () => {
    await foldCategoryStock();
    const skus = [a1, a2, b1, u1];
    const locations = [x1, x2, y1];
    const moves = Array.from({ length: 24 }, (_, i) => {
      const sku = skus[i % skus.length];
      const location = locations[i % locations.length];
      return i % 3 === 2 ? receive(sku, location, 1 + (i % 4)) : receive(sku, location, 2).then(() => issue(sku, location, 2));
    });
    const folds = Array.from({ length: 4 }, (_, i) => new Promise((r) => setTimeout(r, 15 * i)).then(() => foldCategoryStock()));
    const results = await Promise.all([...folds, ...moves]);
    for (const mode of results.slice(0, folds.length)) expect([null, "busy", "changes", "full"]).toContain(mode);
    await expectExact();
    await foldCategoryStock();
    expect(await foldUsable()).toBe(true);
    await expectExact();
  });
});
