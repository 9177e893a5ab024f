// The hourly full sweep: every live product with a threshold, and every product with an unresolved
// alert, is checked again. It catches what no movement announced — a threshold edited while a
// check was failing, an outbox row rejected, alerts from before the worker ran.
import { db } from "../db";
import { checkProductAlert } from "./check-product";

const PAGE = 500;

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
      ORDER BY p.id LIMIT ${PAGE}`;
    for (const { id } of rows) {
      const r = await checkProductAlert(id);
      checked++;
      if (r.decision !== "none") changed++;
    }
    if (rows.length < PAGE) return { checked, changed };
    after = rows[rows.length - 1].id;
  }
}
