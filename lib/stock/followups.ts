// What follows a movement, for a whole set of products at once (job stock.followups, the hourly
// sweep, threshold edits): Product.inStock (seed 003: any location with quantity − reserved > 0) and
// the three-tier low-stock alert (lib/alerts). Set-based: per chunk of products ONE transaction
// that takes the products' follow-up locks, reads all their figures in one statement, flips inStock
// where it changed in one statement, and touches (writes, audits, notifies) only the products whose
// alert state changes — at most ALERT_CHANGES_PER_TRANSACTION of them, the rest in the next
// transaction. A batch of movements where nothing crosses a threshold costs three statements.
//
// Concurrency: two runs may overlap (several follow-up jobs, the sweep, two workers). Each chunk
// takes a transaction-scoped advisory lock per product, always in ascending key order (no
// deadlocks), and reads the figures only after the last lock is granted — so a run never writes an
// answer computed from data older than what an earlier run already wrote, and a movement that
// commits after the read brings its own later run. Movements themselves never wait for these locks.
import { decideAlerts, type AlertFigures, type AlertOutcome } from "../alerts/check-products";
import { db } from "../db";
import { FOLLOWUP_PRODUCTS_PER_JOB } from "../queue/config";

// Under load a job may wait for a pooled connection a little longer than an interactive request.
const TX = { maxWait: 10_000, timeout: 30_000 };

export type FollowupsResult = {
  products: number;
  inStockChanged: number;
  alerts: Record<AlertOutcome["decision"], number>;
};

type Row = AlertFigures & { in_stock: boolean; available: boolean };

/**
 * Alert changes (each one writes the alert, its audit row, a notification per recipient, an email
 * and outbox rows) applied per transaction at most. A chunk whose products need more — an import
 * of thousands of products below their thresholds, a worker starting on a long backlog — applies
 * this many and leaves the rest to the next transaction, which locks and reads them again: the
 * work a transaction holds its locks for stays bounded by what it writes, not only by what it checks.
 */
export const ALERT_CHANGES_PER_TRANSACTION = 50;

export async function runStockFollowups(productIds: readonly string[]): Promise<FollowupsResult> {
  const total: FollowupsResult = { products: 0, inStockChanged: 0, alerts: { none: 0, open: 0, escalate: 0, update: 0, resolve: 0 } };
  // One transaction per job-sized chunk bounds the locks a transaction holds (a 20,000-line import).
  let pending = [...new Set(productIds)].sort();
  while (pending.length) {
    const chunk = pending.slice(0, FOLLOWUP_PRODUCTS_PER_JOB);
    const r = await followupsChunk(chunk);
    // Products whose alert change did not fit go first in the next transaction (still sorted: the
    // deferred ones come from this chunk, all below what follows it).
    pending = [...r.deferred, ...pending.slice(chunk.length)];
    total.products += r.products - r.deferred.length;
    total.inStockChanged += r.inStockChanged;
    for (const k of Object.keys(r.alerts) as (keyof FollowupsResult["alerts"])[]) total.alerts[k] += r.alerts[k];
  }
  return total;
}

async function followupsChunk(ids: string[]): Promise<FollowupsResult & { deferred: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      SELECT count(pg_advisory_xact_lock(k)) FROM (
        SELECT DISTINCT hashtextextended('stock_followups:' || id::text, 0) AS k FROM unnest(${ids}::uuid[]) AS id ORDER BY 1
      ) locks`;
    // A new statement, so a new snapshot: everything committed before the locks were granted.
    const rows = await tx.$queryRaw<Row[]>`
      SELECT p.id::text AS id, p.sku, p.name, p.min_stock, p.safety_stock, p.deleted_at IS NOT NULL AS deleted, p.in_stock,
             COALESCE(s.on_hand, 0)::int AS on_hand, COALESCE(s.available, false) AS available,
             a.id::text AS alert_id, a.level::text AS alert_level, a.status::text AS alert_status,
             a.on_hand AS alert_on_hand, a.threshold AS alert_threshold
      FROM products p
      LEFT JOIN LATERAL (
        SELECT sum(quantity) AS on_hand, bool_or(quantity - reserved > 0) AS available
        FROM stock_levels WHERE product_id = p.id
      ) s ON true
      LEFT JOIN stock_alerts a ON a.product_id = p.id AND a.status <> 'resolved'
      WHERE p.id = ANY(${ids}::uuid[])`;

    const flips = rows.filter((r) => r.in_stock !== r.available);
    if (flips.length) {
      await tx.$executeRaw`
        UPDATE products p SET in_stock = f.available
        FROM unnest(${flips.map((r) => r.id)}::uuid[], ${flips.map((r) => r.available)}::boolean[]) AS f(id, available)
        WHERE p.id = f.id`;
    }
    const { outcomes, deferred } = await decideAlerts(tx, rows, ALERT_CHANGES_PER_TRANSACTION);
    const alerts: FollowupsResult["alerts"] = { none: 0, open: 0, escalate: 0, update: 0, resolve: 0 };
    for (const o of outcomes) alerts[o.decision]++;
    return { products: rows.length, inStockChanged: flips.length, alerts, deferred: deferred.sort() };
  }, TX);
}
