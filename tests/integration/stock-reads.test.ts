// Read paths rewritten for 100,000 products: inventory and ERP pages walk products in SKU order
// from the cursor (no row comparison over the join), and the movements list filters by SKU or
// location through the ledger. Each is compared, page by page, with its definition in plain SQL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { encodeCursor } from "@/lib/pagination";
import { postMovement } from "@/lib/stock/post-movement";
import { listStockLevels } from "@/lib/stock/list-stock-levels";
import { listErpInventory, listInventory, listMovements } from "@/lib/stock/queries";
import { actorFor, uniq } from "../support/fixtures";
import { walk } from "../support/sorting";

async function setup() {
  const manager = await actorFor("manager");
  const tag = uniq("RD");
  const w = await db.warehouse.create({ data: { code: uniq("W"), name: "Reads" } });
  const locs = [0, 1, 2].map((i) => `${tag}-L${i}`);
  await db.location.createMany({ data: locs.map((code) => ({ code, barcode: `BC-${code}`, name: code, warehouseId: w.id })) });
  const skus = [0, 1, 2, 3].map((i) => `${tag}-P${i}`);
  await db.product.createMany({ data: skus.map((sku) => ({ sku, name: sku })) });
  for (const [i, sku] of skus.entries()) {
    await postMovement(manager, { type: "in", lines: locs.slice(0, 1 + (i % 3)).map((location) => ({ sku, location, quantity: 3 })) });
  }
  await postMovement(manager, { type: "transfer", lines: [{ sku: skus[0], from: locs[0], to: locs[2], quantity: 1 }] });
  await postMovement(manager, { type: "out", lines: [{ sku: skus[1], location: locs[1], quantity: 1 }] });
  await postMovement(manager, { type: "adjust", lines: [{ sku: skus[2], location: locs[2], counted: 3 }] }); // delta 0: still a ledger row
  return { manager, locs, skus };
}

describe("stock reads", () => {
  it("inventory and ERP pages equal (sku, location) order from any cursor, with and without filters", async () => {
    const { manager, locs, skus } = await setup();
    const expected = (where: string, after: [string, string] = ["", ""]) =>
      db.$queryRawUnsafe<{ sku: string; location: string; quantity: number; reserved: number }[]>(
        `SELECT p.sku, l.code AS location, s.quantity, s.reserved FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
         WHERE p.deleted_at IS NULL AND ${where} AND (p.sku, l.code) > ($1, $2) ORDER BY p.sku, l.code`,
        after[0],
        after[1],
      );
    const inv = (query: Record<string, string>) => walk((limit, cursor) => listInventory(manager, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) }), 2);
    const erp = (query: Record<string, string>) => walk((limit, cursor) => listErpInventory(manager, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) }), 2);
    const strip = (rows: { sku: string; location: string; quantity: number }[]) => rows.map(({ sku, location, quantity }) => ({ sku, location, quantity }));
    const levels = (rows: { sku: string; location: string; quantity: number; reserved: number; available: number }[]) => {
      for (const r of rows) expect(r.available).toBe(r.quantity - r.reserved);
      return rows.map(({ sku, location, quantity, reserved }) => ({ sku, location, quantity, reserved }));
    };

    for (const sku of skus) {
      const want = await expected(`p.sku = '${sku}'`);
      expect(levels(await inv({ sku }))).toEqual(want);
      expect(await erp({ sku })).toEqual(strip(want));
    }
    for (const location of locs) {
      const want = await expected(`l.code = '${location}'`);
      expect(levels(await inv({ location: location.toLowerCase() }))).toEqual(want);
      expect(await erp({ location })).toEqual(strip(want));
    }
    expect(await inv({ sku: skus[0], location: locs[2] })).toMatchObject([{ sku: skus[0], location: locs[2], quantity: 1 }]);

    // Unfiltered, from a cursor inside the tag's rows: the next rows in (sku, location) order.
    const after: [string, string] = [skus[1], locs[0]];
    const page = await listInventory(manager, { limit: "5", cursor: encodeCursor(after) });
    expect(levels(page.items)).toEqual((await expected("true", after)).slice(0, 5));
    const erpPage = await listErpInventory(manager, { limit: "5", cursor: encodeCursor(after) });
    expect(erpPage.items).toEqual(strip((await expected("true", after)).slice(0, 5)));
  });

  it("stock levels by quantity or available, unfiltered, page through every stock row in order", async () => {
    const { manager, locs } = await setup();
    // More rows than the first guess at a page's reach (4 × (limit + 1)), with ties.
    const many = Array.from({ length: 40 }, (_, i) => `${locs[0]}-M${String(i).padStart(2, "0")}`);
    await db.product.createMany({ data: many.map((sku) => ({ sku, name: sku })) });
    await postMovement(manager, { type: "in", lines: many.map((sku, i) => ({ sku, location: locs[i % 3], quantity: 1 + (i % 7) })) });
    for (const sort of ["quantity", "available"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const lead = sort === "quantity" ? "s.quantity" : "(s.quantity - s.reserved)";
        const d = dir === "asc" ? "ASC" : "DESC";
        const want = await db.$queryRawUnsafe<{ sku: string; location: string }[]>(
          `SELECT p.sku, l.code AS location FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
           WHERE p.deleted_at IS NULL AND (s.quantity > 0 OR s.reserved > 0) ORDER BY ${lead} ${d}, p.sku ${d}, l.code ${d} LIMIT 30`,
        );
        const got: { sku: string; location: string }[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 10 && got.length < 30; i++) {
          const page = await listStockLevels(manager, { limit: "3", ...(cursor ? { cursor } : {}) }, { sort: { sort, dir } });
          got.push(...page.items.map((r) => ({ sku: r.sku, location: r.location })));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(got).toEqual(want);
      }
    }
  });

  it("the movements list filters by SKU and location as its lines do", async () => {
    const { manager, locs, skus } = await setup();
    const byLines = async (sku: string | null, loc: string | null) =>
      (
        await db.$queryRaw<{ id: string }[]>`
          SELECT m.id::text AS id FROM movements m
          WHERE EXISTS (
            SELECT 1 FROM movement_lines ml JOIN products p ON p.id = ml.product_id
            LEFT JOIN locations lf ON lf.id = ml.from_location_id LEFT JOIN locations lt ON lt.id = ml.to_location_id
            WHERE ml.movement_id = m.id AND (${sku}::text IS NULL OR p.sku = ${sku}) AND (${loc}::text IS NULL OR lf.code = ${loc} OR lt.code = ${loc}))
          ORDER BY m.created_at DESC, m.id DESC`
      ).map((r) => r.id);
    const list = (query: Record<string, string>) =>
      walk((limit, cursor) => listMovements(manager, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) }), 2).then((rows) => rows.map((m) => m.id));
    for (const sku of skus) expect(await list({ sku })).toEqual(await byLines(sku, null));
    for (const loc of locs) expect(await list({ location: loc })).toEqual(await byLines(null, loc));
    expect(await list({ sku: skus[0], location: locs[2] })).toEqual(await byLines(skus[0], locs[2]));
    expect(await list({ sku: skus[1], location: locs[1], type: "out" })).toHaveLength(1);
  });
});
