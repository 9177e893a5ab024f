// Reorder suggestions: products whose available stock is below their minimum stock, with how
// much to order to cover `coverDays` days of the last 30 days' consumption (outbound `out` units):
//   suggested = round(max(0, consumption₃₀ / 30 × coverDays − onHand))
// The 30 days are UTC days, today included — the dashboard chart's — and the consumption comes
// from the ledger summary's outbound window plus what is not folded into it yet
// (lib/stock/ledger-summary.ts): a primary-key probe per product, not a join of all its lines.
import { z } from "zod";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { decodeCursor, toPage } from "../pagination";
import { outboundUnits, summaryPoint } from "../stock/ledger-summary";
import { blank, searchText, type ReportDef } from "./report";

export const CONSUMPTION_DAYS = 30;

export const reorderFiltersSchema = z.object({
  coverDays: z.preprocess(blank, z.coerce.number().int().min(1).max(365).default(30)),
  q: searchText,
});
export type ReorderFilters = z.output<typeof reorderFiltersSchema>;

/** The first of the last CONSUMPTION_DAYS UTC days (today included), as YYYY-MM-DD. */
export function consumptionSince(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (CONSUMPTION_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

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
    const consumed = outboundUnits(await summaryPoint(), consumptionSince());
    const rows = await readDb().$queryRaw<{ sku: string; name: string; unit: string; min_stock: number; on_hand: bigint; available: bigint; consumption: bigint }[]>`
      WITH ${consumed.cte}
      SELECT p.sku, p.name, p.unit, p.min_stock, st.on_hand, st.available, ${consumed.units}::bigint AS consumption
      FROM products p
      JOIN LATERAL (
        SELECT COALESCE(sum(s.quantity), 0)::bigint AS on_hand, COALESCE(sum(s.quantity - s.reserved), 0)::bigint AS available
        FROM stock_levels s WHERE s.product_id = p.id
      ) st ON true
      ${consumed.join}
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
