// Stock valuation in the base currency (the company's). Lot-tracked stock is valued FIFO: the lots
// left after FIFO consumption ARE the FIFO layers, so Σ lot.quantity × lot.unitCost is the FIFO
// value. Everything not covered by a costed lot (products without lots, stock received before
// lot tracking, lots without a cost) is valued at the last cost: the unit cost of the product's
// most recent `in` movement line that had one. Lots costed in another currency are not converted:
// they are reported apart, per currency, and left out of the base-currency value.
// All arithmetic is numeric in PostgreSQL; amounts leave it as exact decimal strings.
import { z } from "zod";
import { db, Prisma } from "../db";
import { formatAmount } from "../money";
import { decodeCursor, toPage } from "../pagination";
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

/** The base currency: the main company's, else the first company's. */
export async function baseCurrency(): Promise<string> {
  const rows = await db.$queryRaw<{ base_currency: string }[]>`
    SELECT base_currency FROM companies ORDER BY (code = 'MAIN') DESC, created_at LIMIT 1`;
  return rows[0]?.base_currency ?? "CNY";
}

// Per product: on hand, costed base-currency lots, foreign lots, last cost.
function valuationSql(currency: string, where: Prisma.Sql, tail: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH v AS (
      SELECT p.sku, p.name, st.on_hand,
             COALESCE(lb.quantity, 0) AS lot_quantity, COALESCE(lb.value, 0) AS lot_value,
             COALESCE(lf.quantity, 0) AS foreign_quantity, lf.foreign_lots,
             lc.unit_cost AS last_cost
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
      LEFT JOIN LATERAL (
        SELECT ml.unit_cost FROM movement_lines ml JOIN movements m ON m.id = ml.movement_id
        WHERE ml.product_id = p.id AND m.type = 'in' AND ml.unit_cost IS NOT NULL
        ORDER BY m.created_at DESC, ml.line_no DESC LIMIT 1
      ) lc ON true
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
    const currency = await baseCurrency();
    const rows = await db.$queryRaw<Raw[]>(
      valuationSql(currency, Prisma.sql`${search(f.q)} ${after ? Prisma.sql`AND p.sku > ${after}` : Prisma.empty}`, Prisma.sql`ORDER BY w.sku LIMIT ${limit + 1}`),
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

/** Totals over the whole (filtered) report: base-currency value, uncosted units, foreign lots per currency. */
export async function valuationTotals(f: ValuationFilters): Promise<ValuationTotals> {
  const currency = await baseCurrency();
  const [t] = await db.$queryRaw<{ value: string | null; products: bigint; uncosted: bigint | null; uncosted_products: bigint }[]>`
    SELECT sum(t.value::numeric)::text AS value, count(*) AS products, sum(t.uncosted)::bigint AS uncosted, count(*) FILTER (WHERE t.uncosted > 0) AS uncosted_products
    FROM (${valuationSql(currency, search(f.q), Prisma.empty)}) t`;
  const foreign = await db.$queryRaw<{ currency: string; value: string }[]>`
    SELECT lt.currency, sum(lt.quantity * lt.unit_cost)::text AS value FROM lots lt JOIN products p ON p.id = lt.product_id
    WHERE p.deleted_at IS NULL AND lt.quantity > 0 AND lt.unit_cost IS NOT NULL AND lt.currency <> ${currency} ${search(f.q)}
    GROUP BY lt.currency ORDER BY lt.currency`;
  return {
    currency,
    value: formatAmount(t?.value ?? "0"),
    products: Number(t?.products ?? 0),
    uncosted: Number(t?.uncosted ?? 0),
    uncostedProducts: Number(t?.uncosted_products ?? 0),
    foreign: foreign.map((x) => ({ currency: x.currency, value: formatAmount(x.value) })),
  };
}
