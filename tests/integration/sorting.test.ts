// Sorted list pages against the real database: for every sortable column and direction, paging
// with small pages walks exactly the rows of one big page, in an order that follows the column
// (ties broken by the unique key), so cursors stay valid per sort.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { listProducts, productSort } from "@/lib/catalog/list-products";
import { createProduct } from "@/lib/catalog/create-product";
import { db } from "@/lib/db";
import { listLocations, locationSort } from "@/lib/locations/locations";
import type { Page } from "@/lib/pagination";
import type { Sort, SortDir } from "@/lib/sorting";
import { listStockLevels, stockSort } from "@/lib/stock/list-stock-levels";
import { postMovement } from "@/lib/stock/post-movement";
import { listMovements, movementSort } from "@/lib/stock/queries";
import { actorFor, uniq } from "../support/fixtures";
import { ordered, walk } from "../support/sorting";

const dirs: SortDir[] = ["asc", "desc"];

async function setup() {
  const manager = await actorFor("manager");
  const tag = uniq("SORT");
  const w = await db.warehouse.create({ data: { code: uniq("W"), name: "Sort test" } });
  const locNames = ["b", "a", "a", "c"];
  const locs = locNames.map((name, i) => ({ code: `${tag}-L${i}`, barcode: `BC-${tag}-L${i}`, name, warehouseId: w.id }));
  await db.location.createMany({ data: locs });
  // Duplicate names and quantities make the tie-breakers matter.
  const names = ["Zed", "alpha", "Alpha", "Alpha", "beta"];
  const skus: string[] = [];
  for (const [i, name] of names.entries()) {
    const sku = `${tag}-P${i}`;
    await createProduct(manager, { sku, name: `${name} ${tag}` });
    skus.push(sku);
  }
  for (const [i, sku] of skus.entries()) {
    await postMovement(manager, { type: "in", lines: [{ sku, location: locs[i % 4].code, quantity: 5 + (i % 2) }, { sku, location: locs[(i + 1) % 4].code, quantity: 5 }] });
  }
  await postMovement(manager, { type: "out", lines: [{ sku: skus[0], location: locs[0].code, quantity: 1 }] });
  await postMovement(manager, { type: "transfer", lines: [{ sku: skus[0], from: locs[1].code, to: locs[2].code, quantity: 2 }] });
  await postMovement(manager, { type: "adjust", lines: [{ sku: skus[0], location: locs[0].code, counted: 9 }] });
  return { manager, tag, skus };
}

describe("sorted lists", () => {
  it("page products, stock levels, movements and locations consistently in every sort", async () => {
    const { manager, tag, skus } = await setup();
    const check = async <C extends string, T>(
      columns: readonly C[],
      list: (actor: Actor, limit: number, cursor: string | undefined, sort: Sort<C>) => Promise<Page<T>>,
      key: (row: T, col: C) => (string | number)[],
      expected: number,
      /** Key positions in the natural collation (names, location codes). */
      natural: (col: C) => number[] = () => [],
    ) => {
      for (const col of columns) {
        for (const dir of dirs) {
          const sort = { sort: col, dir };
          const whole = (await list(manager, 500, undefined, sort)).items;
          expect(whole, `${col} ${dir}`).toHaveLength(expected);
          expect(ordered(whole.map((r) => key(r, col)), dir, natural(col)), `${col} ${dir}`).toBe(true);
          expect(await walk((limit, cursor) => list(manager, limit, cursor, sort), 2), `${col} ${dir}`).toEqual(whole);
        }
      }
    };

    await check(
      productSort.columns,
      (a, limit, cursor, sort) => listProducts(a, { q: tag, limit: String(limit), cursor }, { sort }),
      (p, col) => [col === "name" ? p.name : p.sku, p.id],
      5,
      (col) => (col === "name" ? [0] : []),
    );
    await check(
      stockSort.columns,
      (a, limit, cursor, sort) => listStockLevels(a, { q: tag, limit: String(limit), cursor }, { sort }),
      (r, col) =>
        col === "sku" ? [r.sku, r.location]
        : col === "name" ? [r.name, r.sku, r.location]
        : col === "location" ? [r.location, r.sku]
        : col === "quantity" ? [r.quantity, r.sku, r.location]
        : [r.available, r.sku, r.location],
      11,
      (col) => (col === "name" ? [0, 2] : col === "location" ? [0] : col === "sku" ? [1] : [2]),
    );
    await check(
      movementSort.columns,
      (a, limit, cursor, sort) => listMovements(a, { sku: skus[0], limit: String(limit), cursor }, { sort }),
      (m, col) => (col === "date" ? [m.createdAt, m.id] : col === "number" ? [m.number, m.id] : [m.type, m.createdAt, m.id]),
      4,
    );
    await check(
      locationSort.columns,
      (a, limit, cursor, sort) => listLocations(a, { q: tag, limit: String(limit), cursor }, { sort }),
      (l, col) => [col === "name" ? l.name : l.code, l.id],
      4,
      () => [0],
    );
  });

  it("keeps the API's default order and cursors unchanged", async () => {
    const { manager, skus } = await setup();
    const api = await listMovements(manager, { sku: skus[0], limit: "2" });
    const web = await listMovements(manager, { sku: skus[0], limit: "2" }, { sort: movementSort.default });
    expect(web).toEqual(api);
    const next = await listMovements(manager, { sku: skus[0], limit: "2", cursor: api.nextCursor! });
    expect(next.items.map((m) => m.id)).not.toContain(api.items[0].id);
    // A default-order cursor under another sort is refused, not misread.
    await expect(listMovements(manager, { sku: skus[0], limit: "2", cursor: api.nextCursor! }, { sort: { sort: "number", dir: "asc" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
