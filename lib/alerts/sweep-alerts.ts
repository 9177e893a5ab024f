// The hourly full sweep: every live product with a threshold, and every product with an unresolved
// alert, is checked again — with its in-stock flag — through the same set-based follow-ups as
// movements (lib/stock/followups.ts), a page of products per transaction. It catches what no
// movement announced: a threshold edited while a check was failing, an outbox row rejected, alerts
// from before the worker ran.
import { db } from "../db";
import { FOLLOWUP_PRODUCTS_PER_JOB } from "../queue/config";
import { runStockFollowups } from "../stock/followups";

export async function sweepAlerts(): Promise<{ checked: number; changed: number }> {
  let after = "00000000-0000-0000-0000-000000000000";
  let checked = 0;
  let changed = 0;
  for (;;) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT p.id::text AS id FROM products p
      WHERE p.id > ${after}::uuid
        AND ((p.min_stock > 0 AND p.deleted_at IS NULL)
             OR EXISTS (SELECT 1 FROM stock_alerts a WHERE a.product_id = p.id AND a.status <> 'resolved'))
      ORDER BY p.id LIMIT ${FOLLOWUP_PRODUCTS_PER_JOB}`;
    if (rows.length) {
      const r = await runStockFollowups(rows.map((x) => x.id));
      checked += r.products;
      changed += r.products - r.alerts.none;
    }
    if (rows.length < FOLLOWUP_PRODUCTS_PER_JOB) return { checked, changed };
    after = rows[rows.length - 1].id;
  }
}
