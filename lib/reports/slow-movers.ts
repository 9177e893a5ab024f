// Slow movers: products with stock on hand and no outbound movement (type `out`) in the last N days.
import { z } from "zod";
import { db, Prisma } from "../db";
import { decodeCursor, toPage } from "../pagination";
import { blank, searchText, type ReportDef } from "./report";

export const slowMoverFiltersSchema = z.object({
  days: z.preprocess(blank, z.coerce.number().int().min(1).max(3650).default(90)),
  q: searchText,
});
export type SlowMoverFilters = z.output<typeof slowMoverFiltersSchema>;

export type SlowMoverRow = { sku: string; name: string; onHand: number; lastOutboundAt: Date | null; lastMovementAt: Date | null };

export const slowMoversReport: ReportDef<SlowMoverFilters, SlowMoverRow> = {
  name: "slow-movers",
  filters: slowMoverFiltersSchema,
  async fetch(f, cursor, limit) {
    const after = decodeCursor(cursor, z.string());
    const since = new Date(Date.now() - f.days * 86_400_000);
    const rows = await db.$queryRaw<{ sku: string; name: string; on_hand: bigint; last_out: Date | null; last_move: Date | null }[]>`
      SELECT p.sku, p.name, st.on_hand, lo.at AS last_out, lm.at AS last_move
      FROM products p
      JOIN LATERAL (SELECT sum(s.quantity)::bigint AS on_hand FROM stock_levels s WHERE s.product_id = p.id) st ON true
      LEFT JOIN LATERAL (
        SELECT max(m.created_at) AS at FROM movement_lines ml JOIN movements m ON m.id = ml.movement_id
        WHERE ml.product_id = p.id AND m.type = 'out'
      ) lo ON true
      LEFT JOIN LATERAL (SELECT max(e.created_at) AS at FROM ledger_entries e WHERE e.product_id = p.id) lm ON true
      WHERE p.deleted_at IS NULL AND st.on_hand > 0 AND (lo.at IS NULL OR lo.at < ${since})
        ${f.q ? Prisma.sql`AND (p.sku ILIKE ${`%${f.q}%`} OR p.name ILIKE ${`%${f.q}%`})` : Prisma.empty}
        ${after ? Prisma.sql`AND p.sku > ${after}` : Prisma.empty}
      ORDER BY p.sku
      LIMIT ${limit + 1}`;
    return toPage(rows, limit, (r) => r.sku, (r) => ({ sku: r.sku, name: r.name, onHand: Number(r.on_hand), lastOutboundAt: r.last_out, lastMovementAt: r.last_move }));
  },
  columns: [
    { header: "sku", value: (r) => r.sku },
    { header: "name", value: (r) => r.name },
    { header: "on_hand", value: (r) => r.onHand },
    { header: "last_outbound_at", value: (r) => r.lastOutboundAt?.toISOString() ?? "" },
    { header: "last_movement_at", value: (r) => r.lastMovementAt?.toISOString() ?? "" },
  ],
};
