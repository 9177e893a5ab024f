// Reorder suggestions: products whose available stock is below their minimum stock, with how
// much to order to cover `coverDays` days of the last 30 days' consumption (outbound `out` units):
//   suggested = round(max(0, consumption₃₀ / 30 × coverDays − onHand))
import { z } from "zod";
import { db, Prisma } from "../db";
import { decodeCursor, toPage } from "../pagination";
import { blank, searchText, type ReportDef } from "./report";

export const CONSUMPTION_DAYS = 30;

export const reorderFiltersSchema = z.object({
  coverDays: z.preprocess(blank, z.coerce.number().int().min(1).max(365).default(30)),
  q: searchText,
});
export type ReorderFilters = z.output<typeof reorderFiltersSchema>;

/** The formula, on its own so it is tested and documented in one place. */
export function suggestedQuantity({ consumption, coverDays, onHand }: { consumption: number; coverDays: number; onHand: number }): number {
  return Math.round(Math.max(0, (consumption / CONSUMPTION_DAYS) * coverDays - onHand));
}

export type ReorderRow = { sku: string; name: string; unit: string; onHand: number; available: number; minStock: number; consumption: number; suggested: number };

export const reorderReport: ReportDef<ReorderFilters, ReorderRow> = {
  name: "reorder",
  filters: reorderFiltersSchema,
  async fetch(f, cursor, limit) {
    const after = decodeCursor(cursor, z.string());
    const since = new Date(Date.now() - CONSUMPTION_DAYS * 86_400_000);
    const rows = await db.$queryRaw<{ sku: string; name: string; unit: string; min_stock: number; on_hand: bigint; available: bigint; consumption: bigint }[]>`
      SELECT p.sku, p.name, p.unit, p.min_stock, st.on_hand, st.available, COALESCE(c.units, 0)::bigint AS consumption
      FROM products p
      JOIN LATERAL (
        SELECT COALESCE(sum(s.quantity), 0)::bigint AS on_hand, COALESCE(sum(s.quantity - s.reserved), 0)::bigint AS available
        FROM stock_levels s WHERE s.product_id = p.id
      ) st ON true
      LEFT JOIN LATERAL (
        SELECT sum(ml.quantity) AS units FROM movement_lines ml JOIN movements m ON m.id = ml.movement_id
        WHERE ml.product_id = p.id AND m.type = 'out' AND m.created_at >= ${since}
      ) c ON true
      WHERE p.deleted_at IS NULL AND p.min_stock > 0 AND st.available < p.min_stock
        ${f.q ? Prisma.sql`AND (p.sku ILIKE ${`%${f.q}%`} OR p.name ILIKE ${`%${f.q}%`})` : Prisma.empty}
        ${after ? Prisma.sql`AND p.sku > ${after}` : Prisma.empty}
      ORDER BY p.sku
      LIMIT ${limit + 1}`;
    return toPage(rows, limit, (r) => r.sku, (r) => {
      const onHand = Number(r.on_hand);
      const consumption = Number(r.consumption);
      return {
        sku: r.sku, name: r.name, unit: r.unit, onHand, available: Number(r.available), minStock: r.min_stock, consumption,
        suggested: suggestedQuantity({ consumption, coverDays: f.coverDays, onHand }),
      };
    });
  },
  columns: [
    { header: "sku", value: (r) => r.sku },
    { header: "name", value: (r) => r.name },
    { header: "unit", value: (r) => r.unit },
    { header: "on_hand", value: (r) => r.onHand },
    { header: "available", value: (r) => r.available },
    { header: "min_stock", value: (r) => r.minStock },
    { header: "consumption_30d", value: (r) => r.consumption },
    { header: "suggested_quantity", value: (r) => r.suggested },
  ],
};
