// Stock levels for the desktop stock page: filter by location (a code, or a zone/aisle prefix such
// as "A-01"), product text (SKU, name or barcode), category subtree; keyset-paginated by
// (SKU, location code). Empty levels are hidden unless asked for.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { categoryWithDescendants } from "../catalog/resolve-category";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { decodeCursor, pageQuerySchema, toPage, type Page } from "../pagination";
import { decodeSortCursor, defineSort, sortCursor, isDefaultSort, rowKey, sqlKeyset, type KeyPart, type Sort } from "../sorting";
import { parse } from "../validation";

export const stockLevelQuerySchema = pageQuerySchema.extend({
  location: z.string().trim().max(64).optional(),
  q: z.string().trim().max(200).optional(),
  category: z.uuid().optional(),
  empty: z.enum(["true", "false"]).optional(),
});

export type StockLevelRow = {
  sku: string;
  name: string;
  unit: string;
  location: string;
  locationName: string;
  quantity: number;
  reserved: number;
  available: number;
  lastCountedAt: string | null;
};

/** `%` and `_` are wildcards in LIKE; a user's text is matched literally. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Columns the stock page can sort by; every key ends with (SKU, location code), which is unique. */
export const stockSort = defineSort(["sku", "name", "location", "quantity", "available"], { sort: "sku", dir: "asc" });
export type StockSortColumn = (typeof stockSort.columns)[number];
const STOCK_KEYS: Record<StockSortColumn, KeyPart[]> = {
  sku: [{ sql: "p.sku" }, { sql: "l.code" }],
  name: [{ sql: "p.name" }, { sql: "p.sku" }, { sql: "l.code" }],
  location: [{ sql: "l.code" }, { sql: "p.sku" }],
  quantity: [{ sql: "s.quantity", cast: "int" }, { sql: "p.sku" }, { sql: "l.code" }],
  available: [{ sql: "(s.quantity - s.reserved)", cast: "int" }, { sql: "p.sku" }, { sql: "l.code" }],
};

/** The sorts led by a number (the first part of their key), with no index to walk. */
const NUMERIC_LEAD: Partial<Record<StockSortColumn, string>> = { quantity: "s.quantity", available: "(s.quantity - s.reserved)" };

export async function listStockLevels(actor: Actor, query: unknown, opts: { sort?: Sort<StockSortColumn> } = {}): Promise<Page<StockLevelRow>> {
  assertCan(actor, "stock.read");
  const q = parse(stockLevelQuerySchema, query);
  const sort = opts.sort ?? stockSort.default;
  const plain = isDefaultSort(stockSort, sort);
  const parts = STOCK_KEYS[sort.sort];
  const after = plain ? decodeCursor(q.cursor, z.tuple([z.string(), z.string()])) : decodeSortCursor(q.cursor, sort, parts.length);
  const key = sqlKeyset(parts, sort.dir, after);
  const categories = q.category ? await categoryWithDescendants(readDb(), q.category) : null;
  const loc = q.location?.toUpperCase();
  const text = q.q ? `%${likeEscape(q.q)}%` : null;
  const nonEmpty = q.empty === "true" ? Prisma.empty : Prisma.sql`AND (s.quantity > 0 OR s.reserved > 0)`;
  const page = (bound: Prisma.Sql) => readDb().$queryRaw<
    { sku: string; name: string; unit: string; location: string; location_name: string; quantity: number; reserved: number; last_counted_at: Date | null; [k: `k${number}`]: unknown }[]
  >`
    SELECT p.sku, p.name, p.unit, l.code AS location, l.name AS location_name, s.quantity, s.reserved, s.last_counted_at, ${key.select}
    FROM stock_levels s
    JOIN products p ON p.id = s.product_id
    JOIN locations l ON l.id = s.location_id
    WHERE p.deleted_at IS NULL
      ${nonEmpty}
      ${loc ? Prisma.sql`AND (l.code = ${loc} OR l.code LIKE ${`${likeEscape(loc)}-%`})` : Prisma.empty}
      ${text ? Prisma.sql`AND (p.sku ILIKE ${text} OR p.name ILIKE ${text} OR p.barcode = ${q.q})` : Prisma.empty}
      ${categories ? Prisma.sql`AND p.category_id = ANY(${categories}::uuid[])` : Prisma.empty}
      ${key.where} ${bound}
    ORDER BY ${key.order}
    LIMIT ${q.limit + 1}`;

  // Unfiltered by quantity or available there is no index to walk (one on stock_levels would cost
  // every movement), and sorting the join of every stock row took 0.4 s. The k-th value in the
  // sort's order is found on stock_levels alone (a bounded sort of narrow rows, a superset of the
  // page's rows); the page is then read among the rows up to it. A row beyond it sorts after every
  // row read, so a full page there is the page; a short one widens k. (A location, text or category
  // filter narrows the rows enough for the plain query.)
  const lead = loc || text || categories ? undefined : NUMERIC_LEAD[sort.sort];
  let rows = lead ? null : await page(Prisma.empty);
  for (let k = 4 * (q.limit + 1); !rows; k *= 8) {
    const [edge] = await readDb().$queryRaw<{ v: number }[]>`
      SELECT ${Prisma.raw(lead!)} AS v FROM stock_levels s
      WHERE true ${nonEmpty} ${after ? Prisma.sql`AND ${Prisma.raw(lead!)} ${Prisma.raw(sort.dir === "asc" ? ">=" : "<=")} ${after[0]}::int` : Prisma.empty}
      ORDER BY 1 ${Prisma.raw(sort.dir === "asc" ? "ASC" : "DESC")} OFFSET ${k - 1} LIMIT 1`;
    const found = await page(edge ? Prisma.sql`AND ${Prisma.raw(lead!)} ${Prisma.raw(sort.dir === "asc" ? "<=" : ">=")} ${edge.v}::int` : Prisma.empty);
    if (!edge || found.length > q.limit) rows = found;
  }
  const cursorOf = (r: (typeof rows)[number]) => (plain ? [r.sku, r.location] : sortCursor(sort, rowKey(r, parts.length)));
  return toPage(rows, q.limit, cursorOf, (r) => ({
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    location: r.location,
    locationName: r.location_name,
    quantity: r.quantity,
    reserved: r.reserved,
    available: r.quantity - r.reserved,
    lastCountedAt: r.last_counted_at?.toISOString() ?? null,
  }));
}
