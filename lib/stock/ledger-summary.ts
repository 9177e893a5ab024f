// The ledger summary (migration 20261205110000_reads_ledger_summary): per product (units on hand,
// costed lots, last movement, last outbound, latest receipt cost), per day and type (movements,
// lines, units) and per product and day (outbound units) — what slow movers, valuation, reorder
// suggestions and the dashboard used to aggregate from the whole history on every view.
//
// It holds the movements FOLDED in: those whose first ledger row has an id up to
// ledger_summary_state.ledger_id. The worker folds (refreshInventorySummary, after movements,
// debounced); readers take `summaryPoint()` and add the movements after it — the tail — through the
// same SQL functions (ledger_product_facts / ledger_day_facts / ledger_outbound_facts over
// (through, LEDGER_END]), so every figure equals one computed from the whole ledger. Nothing of this
// runs in the movement's transaction.
import { db, Prisma } from "../db";
import { readDb } from "../read-replica";

/** The largest ledger id: (through, LEDGER_END] is "every movement not folded in". */
export const LEDGER_END = 9223372036854775807n;

/** How long a fold waits for transactions that may still hold smaller ledger ids (movements take milliseconds). */
const SETTLE_WAIT_MS = 10_000;

export type SummaryPoint = {
  /** Movements whose first ledger row is at or before this id are in the stored summary. */
  through: bigint;
  /** The base currency: lots in it (or without one) are valued, others are reported apart. */
  currency: string;
  /** False when nothing is folded for this currency yet: readers take everything from the ledger. */
  stored: boolean;
};

/**
 * Where the stored summary stands. Read through readDb(): inside a report's replica scope
 * (lib/read-replica.ts) from the replica, so the point and the figures read after it agree.
 */
export async function summaryPoint(): Promise<SummaryPoint> {
  const [row] = await readDb().$queryRaw<{ ledger_id: bigint | null; currency: string | null; base: string }[]>`
    SELECT s.ledger_id, s.currency::text AS currency, ledger_summary_currency() AS base
    FROM (SELECT 1) one LEFT JOIN ledger_summary_state s ON s.id = 1`;
  // Folded by another base currency, the stored lot figures do not apply until the next fold redoes them.
  const stored = row.ledger_id !== null && row.currency === row.base;
  return { through: stored ? row.ledger_id! : 0n, currency: row.base, stored };
}

/**
 * Folds every movement whose first ledger row has an id up to the last one handed out, once no
 * transaction that may still commit such a row is running. Ledger ids come from a sequence while
 * the movement's transaction runs, so a smaller id can commit after a larger one: the bound is read
 * first, then a snapshot is taken, and the fold waits until none of the transactions that snapshot
 * saw running in this database is still running — every transaction holding an id up to the bound
 * (it had its transaction id before drawing one: stock_post writes the movement row first) has then
 * committed or rolled back. (Transaction ids are cluster-wide; other databases' are not waited for.)
 * Returns null when that took longer than `waitMs` (the next run catches up).
 */
export async function foldLedgerSummary(opts: { waitMs?: number } = {}): Promise<{ through: bigint; products: number } | null> {
  const [{ handed }] = await db.$queryRaw<{ handed: bigint }[]>`
    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS handed FROM ledger_entries_id_seq`;
  const [{ snapshot }] = await db.$queryRaw<{ snapshot: string }[]>`SELECT pg_current_snapshot()::text AS snapshot`;
  const deadline = Date.now() + (opts.waitMs ?? SETTLE_WAIT_MS);
  for (;;) {
    const [{ settled }] = await db.$queryRaw<{ settled: boolean }[]>`
      SELECT NOT EXISTS (
        SELECT 1 FROM pg_snapshot_xip(${snapshot}::pg_snapshot) x
        JOIN pg_stat_activity a ON a.backend_xid = x::text::xid
        WHERE a.datname = current_database()) AS settled`;
    if (settled) break;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
  const [{ products }] = await db.$queryRaw<{ products: number }[]>`SELECT ledger_summary_fold(${handed}) AS products`;
  return { through: handed, products };
}

/**
 * Per-product figures now, for a query over products aliased `p`: `join` adds the stored summary
 * (`lsum`) and the tail's figures (`ltail`); the expressions combine them.
 */
export function productFacts(point: SummaryPoint) {
  return {
    join: Prisma.sql`
      LEFT JOIN product_ledger_summary lsum ON lsum.product_id = p.id AND ${point.stored}
      LEFT JOIN ledger_product_facts(${point.through}, ${LEDGER_END}, ${point.currency}) ltail ON ltail.product_id = p.id`,
    onHand: Prisma.sql`(COALESCE(lsum.on_hand, 0) + COALESCE(ltail.on_hand, 0))`,
    lotQuantity: Prisma.sql`(COALESCE(lsum.lot_quantity, 0) + COALESCE(ltail.lot_quantity, 0))`,
    lotValue: Prisma.sql`(COALESCE(lsum.lot_value, 0) + COALESCE(ltail.lot_value, 0))`,
    foreignQuantity: Prisma.sql`(COALESCE(lsum.foreign_quantity, 0) + COALESCE(ltail.foreign_quantity, 0))`,
    lastMovementAt: Prisma.sql`GREATEST(lsum.last_movement_at, ltail.last_movement_at)`,
    lastOutAt: Prisma.sql`GREATEST(lsum.last_out_at, ltail.last_out_at)`,
    lastCost: Prisma.sql`CASE WHEN ledger_summary_newer_receipt(lsum.last_receipt_at, lsum.last_receipt_line, ltail.last_receipt_at, ltail.last_receipt_line)
                              THEN ltail.last_receipt_cost ELSE lsum.last_receipt_cost END`,
  };
}

/** Rows (day, type, movements, lines, units) from `since` (a UTC date) on: stored days plus the tail. */
export function dayFacts(point: SummaryPoint, since: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT d.day, d.type, d.movements, d.lines, d.units FROM daily_movement_summary d WHERE ${point.stored} AND d.day >= ${since}::date
    UNION ALL
    SELECT t.day, t.type, t.movements, t.lines, t.units FROM ledger_day_facts(${point.through}, ${LEDGER_END}) t WHERE t.day >= ${since}::date)`;
}

/**
 * Per product, how its outbound units over the UTC days from `since` on differ from the stored
 * window (product_outbound_window, the fold's last window_days days): days the stored window has
 * and this one does not (or the reverse) from daily_product_outbound, plus the tail's outbound units
 * from `since` on. Rows (product_id, units); a few thousand at most on a day boundary.
 */
function outboundChanges(point: SummaryPoint, since: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT c.product_id, sum(c.units)::bigint AS units FROM (
      SELECT o.product_id, CASE WHEN o.day < ${since}::date THEN -o.units ELSE o.units END AS units
      FROM ledger_summary_state st
      JOIN daily_product_outbound o ON o.day >= least(st.window_start, ${since}::date) AND o.day < greatest(st.window_start, ${since}::date)
      WHERE st.id = 1 AND ${point.stored}
      UNION ALL
      SELECT t.product_id, t.units FROM ledger_outbound_facts(${point.through}, ${LEDGER_END}) t WHERE t.day >= ${since}::date
    ) c
    GROUP BY c.product_id)`;
}

/**
 * The `n` products with the most outbound units over the UTC days from `since` on (ties at the
 * n-th place all kept): the stored window's leaders by index, less the products whose figure
 * changes, plus those products' current figures.
 */
export function topOutbound(point: SummaryPoint, since: string, n: number): Prisma.Sql {
  return Prisma.sql`(
    WITH ch AS MATERIALIZED ${outboundChanges(point, since)},
    kept AS (
      SELECT w.product_id, w.units FROM product_outbound_window w
      WHERE ${point.stored} AND w.product_id NOT IN (SELECT ch.product_id FROM ch)
      ORDER BY w.units DESC FETCH FIRST ${n} ROWS WITH TIES),
    changed AS (
      SELECT ch.product_id, COALESCE(w.units, 0) + ch.units AS units
      FROM ch LEFT JOIN product_outbound_window w ON w.product_id = ch.product_id AND ${point.stored})
    SELECT x.product_id, x.units FROM (SELECT * FROM kept UNION ALL SELECT * FROM changed) x
    WHERE x.units > 0
    ORDER BY x.units DESC FETCH FIRST ${n} ROWS WITH TIES)`;
}

/**
 * Outbound units per product over the UTC days from `since` on, for a query over products aliased
 * `p`: `cte` goes into its WITH list, `join` into its FROM, `units` is the figure.
 */
export function outboundUnits(point: SummaryPoint, since: string) {
  return {
    cte: Prisma.sql`obch AS MATERIALIZED ${outboundChanges(point, since)}`,
    join: Prisma.sql`
      LEFT JOIN product_outbound_window obw ON obw.product_id = p.id AND ${point.stored}
      LEFT JOIN obch ON obch.product_id = p.id`,
    units: Prisma.sql`(COALESCE(obw.units, 0) + COALESCE(obch.units, 0))`,
  };
}

export type StockTotals = { onHand: bigint; value: string; uncosted: bigint; uncostedProducts: number; stockedProducts: number };

/**
 * Units on hand, stock value (base currency), uncosted units, products uncosted and products with
 * stock, over every live (not deleted) product: the totals the fold keeps in the state row, minus the
 * stored rows that do not count as they are (deleted products, products the tail touches), plus the
 * current figures of the tail's live products. A few rows read, however large the catalogue.
 */
export async function stockTotals(point: SummaryPoint): Promise<StockTotals> {
  const [r] = await readDb().$queryRaw<{ on_hand: bigint; value: string; uncosted: bigint; uncosted_products: number; stocked_products: number }[]>`
    WITH t AS MATERIALIZED (SELECT * FROM ledger_product_facts(${point.through}, ${LEDGER_END}, ${point.currency})),
    stale AS (
      SELECT a.on_hand, a.value, a.uncosted FROM product_ledger_summary a
      WHERE ${point.stored} AND a.product_id IN (SELECT t.product_id FROM t UNION SELECT d.id FROM products d WHERE d.deleted_at IS NOT NULL)),
    live AS (
      SELECT x.on_hand, ledger_summary_value(x.on_hand, x.lot_quantity, x.lot_value, x.foreign_quantity, x.last_cost) AS value,
             ledger_summary_uncosted(x.on_hand, x.lot_quantity, x.foreign_quantity, x.last_cost) AS uncosted
      FROM (
        SELECT COALESCE(s.on_hand, 0) + t.on_hand AS on_hand, COALESCE(s.lot_quantity, 0) + t.lot_quantity AS lot_quantity,
               COALESCE(s.lot_value, 0) + t.lot_value AS lot_value, COALESCE(s.foreign_quantity, 0) + t.foreign_quantity AS foreign_quantity,
               CASE WHEN ledger_summary_newer_receipt(s.last_receipt_at, s.last_receipt_line, t.last_receipt_at, t.last_receipt_line)
                    THEN t.last_receipt_cost ELSE s.last_receipt_cost END AS last_cost
        FROM t JOIN products p ON p.id = t.product_id AND p.deleted_at IS NULL
        LEFT JOIN product_ledger_summary s ON s.product_id = t.product_id AND ${point.stored}) x),
    kept AS (
      SELECT s.on_hand, s.value, s.uncosted, s.uncosted_products, s.stocked_products FROM ledger_summary_state s WHERE s.id = 1 AND ${point.stored})
    SELECT (COALESCE((SELECT sum(on_hand) FROM kept), 0) - COALESCE((SELECT sum(on_hand) FROM stale), 0) + COALESCE((SELECT sum(on_hand) FROM live), 0))::bigint AS on_hand,
           (COALESCE((SELECT sum(value) FROM kept), 0) - COALESCE((SELECT sum(value) FROM stale), 0) + COALESCE((SELECT sum(value) FROM live), 0))::text AS value,
           (COALESCE((SELECT sum(uncosted) FROM kept), 0) - COALESCE((SELECT sum(uncosted) FROM stale), 0) + COALESCE((SELECT sum(uncosted) FROM live), 0))::bigint AS uncosted,
           (COALESCE((SELECT sum(uncosted_products) FROM kept), 0) - (SELECT count(*) FROM stale WHERE uncosted > 0) + (SELECT count(*) FROM live WHERE uncosted > 0))::int AS uncosted_products,
           (COALESCE((SELECT sum(stocked_products) FROM kept), 0) - (SELECT count(*) FROM stale WHERE on_hand > 0) + (SELECT count(*) FROM live WHERE on_hand > 0))::int AS stocked_products`;
  return { onHand: r.on_hand, value: r.value, uncosted: r.uncosted, uncostedProducts: r.uncosted_products, stockedProducts: r.stocked_products };
}
