// Stock by category (migration 20261213120000_reads_category_stock): per category the products and
// locations with stock, the units on hand and reserved — the stock report grouped by category —
// without reading every stock row on each view.
//
// category_stock_totals holds the figures as of one snapshot (category_stock_state.snapshot), per
// category in each warehouse and in all of them, folded by the worker's summary job
// (foldCategoryStock, after movements, debounced; nothing of it runs in the movement's
// transaction). A reader adds, in the same statement, what changed since: the stock rows of every
// product with ledger rows that snapshot did not see, now minus then (category_stock_deltas), so
// every figure equals one computed from stock_levels — reading a few dozen rows plus that tail. When
// something the figures are keyed by changed after the snapshot (a product's category or deletion,
// a location's warehouse, levels rebuilt by the reconciliation: category_stock_state.changed_xid),
// or the snapshot comes from another cluster (a restored dump), the reader computes from the stock
// rows instead, until the next fold starts again from them (category_stock_snapshot()).
// Reserved units are the sums of the open reservations (docs/outbound.md), read from those.
import { db, Prisma } from "../db";
import { sqlStateOf } from "../errors";

export type CategoryStockFold = "full" | "changes" | "busy";

/**
 * Brings the folded figures to now: the changed products' stock rows, or every stock row when the
 * last fold no longer applies. Returns what it did ("busy": another fold was running); null when the
 * state row changed after its snapshot (a catalogue change, another fold) — nothing was written,
 * and readers stay exact; the next run folds.
 */
export async function foldCategoryStock(): Promise<CategoryStockFold | null> {
  try {
    const [{ mode }] = await db.$transaction((tx) => tx.$queryRaw<{ mode: CategoryStockFold }[]>`SELECT category_stock_fold() AS mode`, {
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
      timeout: 120_000,
    });
    return mode;
  } catch (e) {
    if (sqlStateOf(e) === "40001" || (e as { code?: unknown }).code === "P2034") return null;
    throw e;
  }
}

/**
 * Per category (NULL: uncategorised) with stock: `category_id, products, locations, on_hand,
 * reserved` — in one warehouse (its code) or all of them. One subquery: the folded totals plus the
 * changes since, or (fold not usable) the stock rows themselves; either way as of the statement's
 * snapshot. Run it through readDb() inside a report's replica scope like any report query.
 */
export function categoryStock(warehouse: string | undefined): Prisma.Sql {
  const warehouseId = Prisma.sql`(SELECT w.id FROM warehouses w WHERE w.code = ${warehouse ?? null})`;
  // Folded rows of the warehouse, or of all of them (warehouse_id NULL); an unknown code matches nothing.
  const scope = (column: Prisma.Sql) => (warehouse ? Prisma.sql`${column} = ${warehouseId}` : Prisma.sql`${column} IS NULL`);
  const inWarehouse = (location: Prisma.Sql) =>
    warehouse ? Prisma.sql`JOIN locations l ON l.id = ${location} AND l.warehouse_id = ${warehouseId}` : Prisma.empty;
  return Prisma.sql`(
    WITH st AS MATERIALIZED (SELECT x.snapshot FROM category_stock_snapshot() AS x(snapshot) WHERE x.snapshot IS NOT NULL),
    folded AS (
      SELECT t.category_id, sum(t.products) AS products, sum(t.locations) AS locations, sum(t.quantity) AS on_hand
      FROM (
        SELECT f.category_id, f.products, f.locations, f.quantity FROM st CROSS JOIN category_stock_totals f WHERE ${scope(Prisma.sql`f.warehouse_id`)}
        UNION ALL
        SELECT d.category_id, d.products, d.locations, d.quantity FROM st CROSS JOIN LATERAL category_stock_deltas(st.snapshot) d WHERE ${scope(Prisma.sql`d.warehouse_id`)}
      ) t
      GROUP BY t.category_id
      HAVING sum(t.locations) > 0),
    reserved AS (
      SELECT p.category_id, sum(r.quantity) AS reserved
      FROM st CROSS JOIN stock_reservations r
      JOIN products p ON p.id = r.product_id AND p.deleted_at IS NULL
      ${inWarehouse(Prisma.sql`r.location_id`)}
      GROUP BY p.category_id),
    -- Not folded (or not usable): one pass over the stock rows with stock, then per (category,
    -- location) and per (category, product) — hash aggregations, not count(DISTINCT …) sorts.
    x AS MATERIALIZED (
      SELECT p.category_id, s.product_id, s.location_id, s.quantity, s.reserved
      FROM stock_levels s
      JOIN products p ON p.id = s.product_id
      ${inWarehouse(Prisma.sql`s.location_id`)}
      WHERE NOT EXISTS (SELECT 1 FROM st) AND p.deleted_at IS NULL AND s.quantity > 0),
    live_location AS (
      SELECT y.category_id, count(*) AS locations, sum(y.quantity) AS on_hand, sum(y.reserved) AS reserved
      FROM (SELECT x.category_id, x.location_id, sum(x.quantity) AS quantity, sum(x.reserved) AS reserved FROM x GROUP BY 1, 2) y
      GROUP BY 1),
    live_product AS (
      SELECT z.category_id, count(*) AS products FROM (SELECT DISTINCT x.category_id, x.product_id FROM x) z GROUP BY 1)
    SELECT f.category_id, f.products::bigint AS products, f.locations::bigint AS locations, f.on_hand::bigint AS on_hand,
           COALESCE(rs.reserved, 0)::bigint AS reserved
    FROM folded f
    LEFT JOIN reserved rs ON rs.category_id IS NOT DISTINCT FROM f.category_id
    UNION ALL
    SELECT ll.category_id, lp.products::bigint, ll.locations::bigint, ll.on_hand::bigint, ll.reserved::bigint
    FROM live_location ll
    JOIN live_product lp ON lp.category_id IS NOT DISTINCT FROM ll.category_id)`;
}
