// Stock valuation in the base currency (the company's). Lot-tracked stock is valued FIFO: the lots
// left after FIFO consumption ARE the FIFO layers, so Σ lot.quantity × lot.unitCost is the FIFO
// value. Everything not covered by a costed lot (products without lots, stock received before
// lot tracking, lots without a cost) is valued at the last cost: the unit cost of the product's
// most recent `in` movement line that had one. Lots costed in another currency are not converted:
// they are reported apart, per currency, and left out of the base-currency value.
// All arithmetic is numeric in PostgreSQL; amounts leave it as exact decimal strings.
// The last cost comes from the ledger summary plus the movements not folded into it yet, and the
// totals over every product from the summary's per-product figures (lib/stock/ledger-summary.ts):
// at 100,000 products a total computed row by row took seconds.
import { z } from "zod";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { formatAmount } from "../money";
import { decodeCursor, toPage } from "../pagination";
import { productFacts, stockTotals, summaryPoint, type StockTotals, type SummaryPoint } from "../stock/ledger-summary";
import { searchText, type ReportDef } from "./report";

export const valuationFiltersSchema = z.object({ q: searchText });
export type ValuationFilters = z.output<typeof valuationFiltersSchema>;

export type ForeignValue = { currency: string; quantity: number; value: string };
export type ValuationRow = {
  sku: string;
  name: string;
  onHand: number;
  /** Units and value in costed base-currency lots (FIFO). */
  lotQuantity: number;
  lotValue: string;
  /** Units valued at the last cost. */
  otherQuantity: number;
  lastCost: string | null;
  otherValue: string;
  /** lotValue + otherValue, base currency. */
  value: string;
  /** Units with no cost at all (no costed lot, no costed receipt): valued 0, flagged. */
  uncosted: number;
  /** Lots in other currencies, never added to `value`. */
  foreign: ForeignValue[];
  currency: string;
};

/** The base currency: the main company's, else the first company's (SQL ledger_summary_currency, CNY without one). */
export async function baseCurrency(): Promise<string> {
  const [row] = await readDb().$queryRaw<{ currency: string }[]>`SELECT ledger_summary_currency() AS currency`;
  return row.currency;
}

// Per product: on hand, costed base-currency lots, foreign lots, last cost.
function valuationSql(point: SummaryPoint, where: Prisma.Sql, tail: Prisma.Sql): Prisma.Sql {
  const currency = point.currency;
  const facts = productFacts(point);
  return Prisma.sql`
    WITH v AS (
      SELECT p.sku, p.name, st.on_hand,
             COALESCE(lb.quantity, 0) AS lot_quantity, COALESCE(lb.value, 0) AS lot_value,
             COALESCE(lf.quantity, 0) AS foreign_quantity, lf.foreign_lots,
             ${facts.lastCost} AS last_cost
      FROM products p
      JOIN LATERAL (SELECT sum(s.quantity)::bigint AS on_hand FROM stock_levels s WHERE s.product_id = p.id) st ON true
      LEFT JOIN LATERAL (
        SELECT sum(lt.quantity)::bigint AS quantity, sum(lt.quantity * lt.unit_cost) AS value FROM lots lt
        WHERE lt.product_id = p.id AND lt.quantity > 0 AND lt.unit_cost IS NOT NULL AND (lt.currency IS NULL OR lt.currency = ${currency})
      ) lb ON true
      LEFT JOIN LATERAL (
        SELECT sum(x.quantity)::bigint AS quantity,
               json_agg(json_build_object('currency', x.currency, 'quantity', x.quantity, 'value', x.value::text) ORDER BY x.currency) AS foreign_lots
        FROM (SELECT lt.currency, sum(lt.quantity)::bigint AS quantity, sum(lt.quantity * lt.unit_cost) AS value FROM lots lt
              WHERE lt.product_id = p.id AND lt.quantity > 0 AND lt.unit_cost IS NOT NULL AND lt.currency <> ${currency}
              GROUP BY lt.currency) x
      ) lf ON true
      ${facts.join}
      WHERE p.deleted_at IS NULL AND st.on_hand > 0 ${where}
    ), w AS (
      SELECT v.*, GREATEST(v.on_hand - v.lot_quantity - v.foreign_quantity, 0) AS other_quantity FROM v
    )
    SELECT w.sku, w.name, w.on_hand, w.lot_quantity, w.lot_value::text AS lot_value, w.other_quantity, w.last_cost::text AS last_cost,
           (w.other_quantity * COALESCE(w.last_cost, 0))::text AS other_value,
           (w.lot_value + w.other_quantity * COALESCE(w.last_cost, 0))::text AS value,
           CASE WHEN w.last_cost IS NULL THEN w.other_quantity ELSE 0 END AS uncosted,
           w.foreign_lots
    FROM w ${tail}`;
}

type Raw = {
  sku: string; name: string; on_hand: bigint; lot_quantity: bigint; lot_value: string; other_quantity: bigint; last_cost: string | null;
  other_value: string; value: string; uncosted: bigint; foreign_lots: { currency: string; quantity: number; value: string }[] | null;
};

const search = (q?: string) => (q ? Prisma.sql`AND (p.sku ILIKE ${`%${q}%`} OR p.name ILIKE ${`%${q}%`})` : Prisma.empty);

export const valuationReport: ReportDef<ValuationFilters, ValuationRow> = {
  name: "valuation",
  filters: valuationFiltersSchema,
  async fetch(f, cursor, limit) {
    const after = decodeCursor(cursor, z.string());
    const point = await summaryPoint();
    const currency = point.currency;
    const rows = await readDb().$queryRaw<Raw[]>(
      valuationSql(point, Prisma.sql`${search(f.q)} ${after ? Prisma.sql`AND p.sku > ${after}` : Prisma.empty}`, Prisma.sql`ORDER BY w.sku LIMIT ${limit + 1}`),
    );
    return toPage(rows, limit, (r) => r.sku, (r) => ({
      sku: r.sku,
      name: r.name,
      onHand: Number(r.on_hand),
      lotQuantity: Number(r.lot_quantity),
      lotValue: formatAmount(r.lot_value),
      otherQuantity: Number(r.other_quantity),
      lastCost: r.last_cost === null ? null : formatAmount(r.last_cost),
      otherValue: formatAmount(r.other_value),
      value: formatAmount(r.value),
      uncosted: Number(r.uncosted),
      foreign: (r.foreign_lots ?? []).map((x) => ({ currency: x.currency, quantity: Number(x.quantity), value: formatAmount(x.value) })),
      currency,
    }));
  },
  columns: [
    { header: "sku", value: (r) => r.sku },
    { header: "name", value: (r) => r.name },
    { header: "on_hand", value: (r) => r.onHand },
    { header: "fifo_lot_quantity", value: (r) => r.lotQuantity },
    { header: "fifo_lot_value", value: (r) => r.lotValue },
    { header: "last_cost_quantity", value: (r) => r.otherQuantity },
    { header: "last_cost", value: (r) => r.lastCost },
    { header: "last_cost_value", value: (r) => r.otherValue },
    { header: "value", value: (r) => r.value },
    { header: "currency", value: (r) => r.currency },
    { header: "uncosted_quantity", value: (r) => r.uncosted },
    { header: "other_currency_lots", value: (r) => r.foreign.map((x) => `${x.quantity} @ ${x.value} ${x.currency}`).join("; ") },
  ],
};

export type ValuationTotals = { currency: string; value: string; products: number; uncosted: number; uncostedProducts: number; foreign: { currency: string; value: string }[] };

/**
 * Totals over the whole (filtered) report: base-currency value, uncosted units, foreign lots per
 * currency. Unfiltered, from the totals the ledger summary keeps (lib/stock/ledger-summary.ts
 * stockTotals: a few rows whatever the catalogue size); with a search, the same per-product figures
 * summed over the matching products. Both use the formula of the rows (SQL ledger_summary_value).
 */
export async function valuationTotals(f: ValuationFilters): Promise<ValuationTotals> {
  const point = await summaryPoint();
  const currency = point.currency;
  const [totals, foreign] = await Promise.all([
    f.q ? searchedTotals(point, f.q) : stockTotals(point),
    readDb().$queryRaw<{ currency: string; value: string }[]>`
      SELECT lt.currency, sum(lt.quantity * lt.unit_cost)::text AS value FROM lots lt JOIN products p ON p.id = lt.product_id
      WHERE p.deleted_at IS NULL AND lt.quantity > 0 AND lt.unit_cost IS NOT NULL AND lt.currency <> ${currency} ${search(f.q)}
      GROUP BY lt.currency ORDER BY lt.currency`,
  ]);
  return {
    currency,
    value: formatAmount(totals.value),
    products: totals.stockedProducts,
    uncosted: Number(totals.uncosted),
    uncostedProducts: totals.uncostedProducts,
    foreign: foreign.map((x) => ({ currency: x.currency, value: formatAmount(x.value) })),
  };
}

/** stockTotals' figures for the live products matching a search. */
async function searchedTotals(point: SummaryPoint, q: string): Promise<StockTotals> {
  const facts = productFacts(point);
  const [r] = await readDb().$queryRaw<{ on_hand: bigint | null; value: string | null; uncosted: bigint | null; uncosted_products: bigint; stocked_products: bigint }[]>`
    SELECT sum(x.on_hand)::bigint AS on_hand,
           sum(ledger_summary_value(x.on_hand, x.lot_quantity, x.lot_value, x.foreign_quantity, x.last_cost))::text AS value,
           sum(ledger_summary_uncosted(x.on_hand, x.lot_quantity, x.foreign_quantity, x.last_cost))::bigint AS uncosted,
           count(*) FILTER (WHERE ledger_summary_uncosted(x.on_hand, x.lot_quantity, x.foreign_quantity, x.last_cost) > 0) AS uncosted_products,
           count(*) FILTER (WHERE x.on_hand > 0) AS stocked_products
    FROM (
      SELECT ${facts.onHand} AS on_hand, ${facts.lotQuantity} AS lot_quantity, ${facts.lotValue} AS lot_value,
             ${facts.foreignQuantity} AS foreign_quantity, ${facts.lastCost} AS last_cost
      FROM products p ${facts.join}
      WHERE p.deleted_at IS NULL ${search(q)}
    ) x`;
  return {
    onHand: r.on_hand ?? 0n,
    value: r.value ?? "0",
    uncosted: r.uncosted ?? 0n,
    uncostedProducts: Number(r.uncosted_products),
    stockedProducts: Number(r.stocked_products),
  };
}
