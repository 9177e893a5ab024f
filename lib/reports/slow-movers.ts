// Slow movers: products with stock on hand and no outbound movement (type `out`) in the last N days.
// On hand, the last outbound and the last movement come from the ledger summary plus the movements
// not folded into it yet (lib/stock/ledger-summary.ts): one primary-key probe per product walked in
// SKU order, where the per-product subqueries over movement lines and the whole ledger used to be
// planned from statistics (seconds when they were stale: a scan of every outbound movement per line).
import { z } from "zod";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { decodeCursor, toPage } from "../pagination";
import { productFacts, summaryPoint } from "../stock/ledger-summary";
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
    const facts = productFacts(await summaryPoint());
    const rows = await readDb().$queryRaw<{ sku: string; name: string; on_hand: bigint; last_out: Date | null; last_move: Date | null }[]>`
      SELECT x.sku, x.name, x.on_hand, x.last_out, x.last_move
      FROM (
        SELECT p.sku, p.name, ${facts.onHand} AS on_hand, ${facts.lastOutAt} AS last_out, ${facts.lastMovementAt} AS last_move
        FROM products p ${facts.join}
        WHERE p.deleted_at IS NULL
          ${f.q ? Prisma.sql`AND (p.sku ILIKE ${`%${f.q}%`} OR p.name ILIKE ${`%${f.q}%`})` : Prisma.empty}
          ${after ? Prisma.sql`AND p.sku > ${after}` : Prisma.empty}
      ) x
      WHERE x.on_hand > 0 AND (x.last_out IS NULL OR x.last_out < ${since})
      ORDER BY x.sku
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
