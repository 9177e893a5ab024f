// Reconciliation (seed 000): the invariant level.quantity = Σ ledger deltas for every
// product × location, and lot.quantity = Σ ledger deltas of that lot. `rebuild` recomputes the
// stored figures from the ledger (the ledger is the truth), under the same row locks movements use.
// It also checks the ledger's running balances: a row's balance is the level of its product ×
// location after it (per level, not per lot: a lot-tracked movement writes one row per lot portion,
// each stepping the level's balance), so it must equal the previous row's balance there (by id — the
// rows of one product × location are written under its row lock, in id order) plus its delta, the
// first row's its delta. A broken balance is reported, not rebuilt: the ledger is append-only. For
// serial-tracked products, the items on hand at a location must number its level. And the reserved
// figures of levels and lots must be the sums of the open reservations on them (docs/outbound.md).
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { foldCategoryStock } from "./category-stock";
import { foldLedgerSummary } from "./ledger-summary";

export type Discrepancy =
  | { kind: "level"; sku: string; location: string; stored: number; ledger: number }
  | { kind: "lot"; sku: string; location: string; lot: string; stored: number; ledger: number }
  /** A ledger row whose balance (stored) is not the previous row's balance plus its delta (ledger). */
  | { kind: "balance"; sku: string; location: string; entry: string; movement: string; stored: number; ledger: number }
  /** Serial-tracked: the level (stored) is not the number of items on hand there (ledger). */
  | { kind: "serials"; sku: string; location: string; stored: number; ledger: number }
  /** The reserved figure of a level (stored) is not the sum of the open reservations there (ledger). */
  | { kind: "reserved"; sku: string; location: string; stored: number; ledger: number }
  /** The same for a lot. */
  | { kind: "lot_reserved"; sku: string; location: string; lot: string; stored: number; ledger: number };

/** At most this many broken balance rows are listed (one bad row usually breaks the next one's check too). */
const MAX_BALANCE_ROWS = 1000;

async function findDiscrepancies(tx: DbClient): Promise<Discrepancy[]> {
  const levels = await tx.$queryRaw<{ sku: string; location: string; stored: number; ledger: bigint }[]>`
    WITH sums AS (SELECT product_id, location_id, sum(delta) AS total FROM ledger_entries GROUP BY product_id, location_id)
    SELECT p.sku, l.code AS location, COALESCE(s.quantity, 0) AS stored, COALESCE(x.total, 0)::bigint AS ledger
    FROM stock_levels s
    FULL JOIN sums x ON x.product_id = s.product_id AND x.location_id = s.location_id
    JOIN products p ON p.id = COALESCE(s.product_id, x.product_id)
    JOIN locations l ON l.id = COALESCE(s.location_id, x.location_id)
    WHERE COALESCE(s.quantity, 0) <> COALESCE(x.total, 0)
    ORDER BY p.sku, l.code`;
  const lots = await tx.$queryRaw<{ sku: string; location: string; lot: string; stored: number; ledger: bigint }[]>`
    SELECT p.sku, l.code AS location, lt.code AS lot, lt.quantity AS stored, COALESCE(sum(e.delta), 0)::bigint AS ledger
    FROM lots lt
    JOIN products p ON p.id = lt.product_id
    JOIN locations l ON l.id = lt.location_id
    LEFT JOIN ledger_entries e ON e.lot_id = lt.id
    GROUP BY lt.id, p.sku, l.code, lt.code, lt.quantity
    HAVING lt.quantity <> COALESCE(sum(e.delta), 0)
    ORDER BY p.sku, l.code, lt.code`;
  const balances = await tx.$queryRaw<{ sku: string; location: string; entry: bigint; movement: string; stored: number; ledger: bigint }[]>`
    SELECT p.sku, l.code AS location, x.id AS entry, m.number AS movement, x.balance AS stored, x.expected AS ledger
    FROM (
      SELECT e.id, e.product_id, e.location_id, e.movement_id, e.balance,
             COALESCE(lag(e.balance) OVER (PARTITION BY e.product_id, e.location_id ORDER BY e.id), 0)::bigint + e.delta AS expected
      FROM ledger_entries e
    ) x
    JOIN products p ON p.id = x.product_id
    JOIN locations l ON l.id = x.location_id
    JOIN movements m ON m.id = x.movement_id
    WHERE x.balance <> x.expected
    ORDER BY p.sku, l.code, x.id
    LIMIT ${MAX_BALANCE_ROWS}`;
  // Serial-tracked products: the items on hand at a location are its level (docs/serials.md).
  const serials = await tx.$queryRaw<{ sku: string; location: string; stored: number; items: bigint }[]>`
    WITH here AS (
      SELECT it.product_id, it.location_id, count(*) AS n FROM serial_items it WHERE it.location_id IS NOT NULL GROUP BY 1, 2
    )
    SELECT p.sku, l.code AS location, COALESCE(s.quantity, 0) AS stored, COALESCE(h.n, 0)::bigint AS items
    FROM (SELECT s.* FROM stock_levels s JOIN products x ON x.id = s.product_id AND x.tracking = 'serial') s
    FULL JOIN here h ON h.product_id = s.product_id AND h.location_id = s.location_id
    JOIN products p ON p.id = COALESCE(s.product_id, h.product_id)
    JOIN locations l ON l.id = COALESCE(s.location_id, h.location_id)
    WHERE COALESCE(s.quantity, 0) <> COALESCE(h.n, 0)
    ORDER BY p.sku, l.code`;
  const reserved = await tx.$queryRaw<{ sku: string; location: string; stored: number; sum: bigint }[]>`
    WITH r AS (SELECT product_id, location_id, sum(quantity) AS total FROM stock_reservations GROUP BY product_id, location_id)
    SELECT p.sku, l.code AS location, COALESCE(s.reserved, 0) AS stored, COALESCE(r.total, 0)::bigint AS sum
    FROM (SELECT * FROM stock_levels WHERE reserved <> 0) s
    FULL JOIN r ON r.product_id = s.product_id AND r.location_id = s.location_id
    LEFT JOIN stock_levels s2 ON s.id IS NULL AND s2.product_id = r.product_id AND s2.location_id = r.location_id
    JOIN products p ON p.id = COALESCE(s.product_id, r.product_id)
    JOIN locations l ON l.id = COALESCE(s.location_id, r.location_id)
    WHERE COALESCE(s.reserved, s2.reserved, 0) <> COALESCE(r.total, 0)
    ORDER BY p.sku, l.code`;
  const lotReserved = await tx.$queryRaw<{ sku: string; location: string; lot: string; stored: number; sum: bigint }[]>`
    SELECT p.sku, l.code AS location, lt.code AS lot, lt.reserved AS stored, COALESCE(sum(r.quantity), 0)::bigint AS sum
    FROM lots lt
    JOIN products p ON p.id = lt.product_id
    JOIN locations l ON l.id = lt.location_id
    LEFT JOIN stock_reservations r ON r.lot_id = lt.id
    WHERE lt.reserved <> 0 OR r.id IS NOT NULL
    GROUP BY lt.id, p.sku, l.code, lt.code, lt.reserved
    HAVING lt.reserved <> COALESCE(sum(r.quantity), 0)
    ORDER BY p.sku, l.code, lt.code`;
  return [
    ...reserved.map((r) => ({ kind: "reserved" as const, sku: r.sku, location: r.location, stored: r.stored, ledger: Number(r.sum) })),
    ...lotReserved.map((r) => ({ kind: "lot_reserved" as const, sku: r.sku, location: r.location, lot: r.lot, stored: r.stored, ledger: Number(r.sum) })),
    ...levels.map((r) => ({ kind: "level" as const, sku: r.sku, location: r.location, stored: r.stored, ledger: Number(r.ledger) })),
    ...lots.map((r) => ({ kind: "lot" as const, sku: r.sku, location: r.location, lot: r.lot, stored: r.stored, ledger: Number(r.ledger) })),
    ...balances.map((r) => ({ kind: "balance" as const, sku: r.sku, location: r.location, entry: String(r.entry), movement: r.movement, stored: r.stored, ledger: Number(r.ledger) })),
    ...serials.map((r) => ({ kind: "serials" as const, sku: r.sku, location: r.location, stored: r.stored, ledger: Number(r.items) })),
  ];
}

/** `tx`: check inside the caller's transaction (tests plant broken rows there and roll back). */
export async function checkStock(actor: Actor, opts: { tx?: DbClient } = {}): Promise<{ checkedAt: string; discrepancies: Discrepancy[] }> {
  assertCan(actor, "reconcile.run");
  return { checkedAt: new Date().toISOString(), discrepancies: await findDiscrepancies(opts.tx ?? db) };
}

/**
 * Sets every stored level and lot to what the ledger says. Audited; returns what it fixed. Broken
 * ledger balances are not "fixed" (the ledger is append-only); checkStock keeps reporting them.
 */
export async function rebuildStock(actor: Actor): Promise<{ fixed: Discrepancy[] }> {
  assertCan(actor, "reconcile.run");
  return db.$transaction(
    async (tx) => {
      // Same lock order as movements (product, location), so a rebuild never deadlocks with them.
      await tx.$queryRaw`SELECT id FROM stock_levels ORDER BY product_id, location_id FOR UPDATE`;
      // Broken balances and serial counts are reported, not "fixed": neither has one right answer to set.
      // Reserved figures too: a reservation is a promise to an order, not something the ledger knows.
      const fixed = (await findDiscrepancies(tx)).filter((d) => d.kind === "level" || d.kind === "lot");
      if (!fixed.length) return { fixed };
      await tx.$executeRaw`
        INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
        SELECT gen_random_uuid(), product_id, location_id, 0, 0, now()
        FROM ledger_entries GROUP BY product_id, location_id
        ON CONFLICT (product_id, location_id) DO NOTHING`;
      await tx.$executeRaw`
        UPDATE stock_levels s SET quantity = COALESCE(x.total, 0), updated_at = now()
        FROM stock_levels s2
        LEFT JOIN (SELECT product_id, location_id, sum(delta) AS total FROM ledger_entries GROUP BY product_id, location_id) x
          ON x.product_id = s2.product_id AND x.location_id = s2.location_id
        WHERE s.id = s2.id AND s.quantity <> COALESCE(x.total, 0)`;
      await tx.$executeRaw`
        UPDATE lots lt SET quantity = COALESCE(x.total, 0)
        FROM lots l2
        LEFT JOIN (SELECT lot_id, sum(delta) AS total FROM ledger_entries WHERE lot_id IS NOT NULL GROUP BY lot_id) x ON x.lot_id = l2.id
        WHERE lt.id = l2.id AND lt.quantity <> COALESCE(x.total, 0)`;
      // These corrections have no ledger row: restamp their products so the handheld's catalogue
      // feed (lib/floor/catalog.ts) sends the products' levels again.
      await tx.$executeRaw`UPDATE products SET catalog_xid = pg_current_xact_id() WHERE sku = ANY(${[...new Set(fixed.map((f) => f.sku))]}::text[])`;
      // Nor can the stock-by-category figures tell "then" from these levels (lib/stock/category-stock.ts):
      // readers compute them from the stock rows until the next fold starts again from there.
      await tx.$executeRaw`SELECT category_stock_changed()`;
      await writeAudit(tx, actor, { action: "stock.rebuild", entity: "stock", entityId: "all", before: fixed, after: { fixed: fixed.length } });
      return { fixed };
    },
    { timeout: 120_000, maxWait: 15_000 },
  );
}

/**
 * The worker's summary job (debounced after movements, or on demand): folds the settled ledger into
 * the ledger summary (lib/stock/ledger-summary.ts — reads stay exact without it, only slower as
 * the unfolded tail grows), brings the stock-by-category figures up to date the same way
 * (lib/stock/category-stock.ts), then REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_summary
 * (readers keep the old snapshot while it runs).
 */
export async function refreshInventorySummary(): Promise<void> {
  await foldLedgerSummary();
  await foldCategoryStock();
  await db.$executeRawUnsafe("REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_summary");
}
