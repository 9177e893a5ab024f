// Stock on hand, grouped by product, location or category: live from stock_levels, by category
// through the figures the worker folds plus the changes since (lib/stock/category-stock.ts).
import { z } from "zod";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { categoryStock } from "../stock/category-stock";
import { decodeCursor, toPage } from "../pagination";
import { optional, searchText, type ReportDef } from "./report";

export const STOCK_GROUPS = ["product", "location", "category"] as const;
export type StockGroup = (typeof STOCK_GROUPS)[number];

export const stockFiltersSchema = z.object({
  group: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STOCK_GROUPS).default("product")),
  warehouse: optional(z.string().trim().toUpperCase().max(64)),
  q: searchText,
});
export type StockFilters = z.output<typeof stockFiltersSchema>;

export type StockRow = {
  id: string;
  /** SKU, location code or category name ("" = uncategorised). */
  label: string;
  /** Product name, location name or parent category. */
  detail: string | null;
  products: number;
  locations: number;
  onHand: number;
  reserved: number;
  available: number;
};

const GROUP_SQL: Record<StockGroup, { id: Prisma.Sql; label: Prisma.Sql; detail: Prisma.Sql; search: (q: string) => Prisma.Sql }> = {
  product: {
    id: Prisma.sql`p.id::text`,
    label: Prisma.sql`p.sku`,
    detail: Prisma.sql`p.name`,
    search: (q) => Prisma.sql`(p.sku ILIKE ${`%${q}%`} OR p.name ILIKE ${`%${q}%`})`,
  },
  location: {
    id: Prisma.sql`l.id::text`,
    label: Prisma.sql`l.code`,
    detail: Prisma.sql`l.name`,
    search: (q) => Prisma.sql`(l.code ILIKE ${`%${q}%`} OR l.name ILIKE ${`%${q}%`})`,
  },
  category: {
    id: Prisma.sql`COALESCE(c.id::text, '')`,
    label: Prisma.sql`COALESCE(c.name, '')`,
    detail: Prisma.sql`pc.name`,
    search: (q) => Prisma.sql`c.name ILIKE ${`%${q}%`}`,
  },
};

export const stockReport: ReportDef<StockFilters, StockRow> = {
  name: "stock",
  filters: stockFiltersSchema,
  async fetch(f, cursor, limit) {
    const g = GROUP_SQL[f.group];
    const after = decodeCursor(cursor, z.tuple([z.string(), z.string()]));
    const rows = f.group === "category" ? await byCategory(f, after, limit) : await readDb().$queryRaw<Raw[]>`
      SELECT ${g.id} AS id, ${g.label} AS label, max(${g.detail}) AS detail,
             count(DISTINCT p.id) AS products, count(DISTINCT l.id) AS locations,
             sum(s.quantity)::bigint AS on_hand, sum(s.reserved)::bigint AS reserved
      FROM stock_levels s
      JOIN products p ON p.id = s.product_id
      JOIN locations l ON l.id = s.location_id
      JOIN warehouses w ON w.id = l.warehouse_id
      LEFT JOIN categories c ON c.id = p.category_id
      LEFT JOIN categories pc ON pc.id = c.parent_id
      WHERE p.deleted_at IS NULL AND s.quantity > 0
        ${f.warehouse ? Prisma.sql`AND w.code = ${f.warehouse}` : Prisma.empty}
        ${f.q ? Prisma.sql`AND ${g.search(f.q)}` : Prisma.empty}
        ${after ? Prisma.sql`AND (${g.label}, ${g.id}) > (${after[0]}, ${after[1]})` : Prisma.empty}
      GROUP BY 1, 2
      ORDER BY 2, 1
      LIMIT ${limit + 1}`;
    return toPage(rows, limit, (r) => [r.label, r.id], (r) => ({
      id: r.id,
      label: r.label,
      detail: r.detail,
      products: Number(r.products),
      locations: Number(r.locations),
      onHand: Number(r.on_hand),
      reserved: Number(r.reserved),
      available: Number(r.on_hand - r.reserved),
    }));
  },
  columns: [
    { header: "group", value: (r) => r.label },
    { header: "name", value: (r) => r.detail },
    { header: "products", value: (r) => r.products },
    { header: "locations", value: (r) => r.locations },
    { header: "on_hand", value: (r) => r.onHand },
    { header: "reserved", value: (r) => r.reserved },
    { header: "available", value: (r) => r.available },
  ],
};

type Raw = { id: string; label: string; detail: string | null; products: bigint; locations: bigint; on_hand: bigint; reserved: bigint };

/**
 * By category: the figures folded by the worker plus the changes since (lib/stock/category-stock.ts,
 * exact as of this statement), then the page. The filters apply to the categories — the name (q)
 * and the cursor — and, through the figures, to the warehouse.
 */
function byCategory(f: StockFilters, after: [string, string] | undefined, limit: number): Promise<Raw[]> {
  return readDb().$queryRaw<Raw[]>`
    SELECT * FROM (
      SELECT COALESCE(c.id::text, '') AS id, COALESCE(c.name, '') AS label, pc.name AS detail,
             r.products, r.locations, r.on_hand, r.reserved
      FROM ${categoryStock(f.warehouse)} r
      LEFT JOIN categories c ON c.id = r.category_id
      LEFT JOIN categories pc ON pc.id = c.parent_id
      ${f.q ? Prisma.sql`WHERE c.name ILIKE ${`%${f.q}%`}` : Prisma.empty}
    ) r
    ${after ? Prisma.sql`WHERE (r.label, r.id) > (${after[0]}, ${after[1]})` : Prisma.empty}
    ORDER BY r.label, r.id
    LIMIT ${limit + 1}`;
}
