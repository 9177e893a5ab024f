import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { decodeCursor, toPage, type Page } from "../pagination";
import { isoDateTime, parse } from "../validation";
import type { AlertStatus } from "./level";
import { alertListQuerySchema, type AlertDto } from "./schemas";

type Row = {
  id: string; sku: string; name: string; level: AlertDto["level"]; on_hand: number; threshold: number; status: AlertStatus;
  opened_at: Date; escalated_at: Date | null; acknowledged_at: Date | null; acknowledged_by: string | null; resolved_at: Date | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Alerts, newest first, filtered by status, level and SKU; keyset-paginated. */
export async function listAlerts(actor: Actor, query: unknown): Promise<Page<AlertDto>> {
  assertCan(actor, "alert.read");
  const q = parse(alertListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.tuple([isoDateTime({ dateOnly: false }), z.uuid()]));
  const rows = await readDb().$queryRaw<Row[]>`
    SELECT a.id::text AS id, p.sku, p.name, a.level, a.on_hand, a.threshold, a.status, a.opened_at, a.escalated_at,
           a.acknowledged_at, u.name AS acknowledged_by, a.resolved_at
    FROM stock_alerts a
    JOIN products p ON p.id = a.product_id
    LEFT JOIN users u ON u.id = a.acknowledged_by_id
    WHERE true
      ${q.status ? Prisma.sql`AND a.status = ${q.status}::"AlertStatus"` : Prisma.empty}
      ${q.level ? Prisma.sql`AND a.level = ${q.level}::"AlertLevel"` : Prisma.empty}
      ${q.sku ? Prisma.sql`AND p.sku = ${q.sku}` : Prisma.empty}
      ${after ? Prisma.sql`AND (a.opened_at, a.id) < (${new Date(after[0])}, ${after[1]}::uuid)` : Prisma.empty}
    ORDER BY a.opened_at DESC, a.id DESC
    LIMIT ${q.limit + 1}`;
  return toPage(rows, q.limit, (r) => [r.opened_at.toISOString(), r.id], (r) => ({
    id: r.id, sku: r.sku, name: r.name, level: r.level, onHand: r.on_hand, threshold: r.threshold, status: r.status,
    openedAt: r.opened_at.toISOString(), escalatedAt: iso(r.escalated_at), acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by, resolvedAt: iso(r.resolved_at),
  }));
}

/** How many alerts are in each status (the tabs of the alerts page, the dashboard KPI). */
export async function alertCounts(actor: Actor): Promise<Record<AlertStatus, number>> {
  assertCan(actor, "alert.read");
  const rows = await readDb().stockAlert.groupBy({ by: ["status"], _count: { _all: true } });
  const out: Record<AlertStatus, number> = { open: 0, acknowledged: 0, resolved: 0 };
  for (const r of rows) out[r.status] = r._count._all;
  return out;
}
