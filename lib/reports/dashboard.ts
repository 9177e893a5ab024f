// What the dashboard shows, each part only for roles that may read it (null otherwise).
// Units on hand, the 30-day chart and the top movers come from the ledger summary plus the
// movements not folded into it yet (lib/stock/ledger-summary.ts) — exact, and a few hundred rows
// read instead of every line of the last 30 days; today's count and the latest movements use the
// movements' created_at index.
import { can, type Actor } from "../auth/permissions";
import { onReplica, readDb } from "../read-replica";
import { ALERT_LEVELS, type AlertLevel } from "../alerts/level";
import { dayFacts, stockTotals, summaryPoint, topOutbound } from "../stock/ledger-summary";
import type { MovementType } from "../stock/schemas";
import { valuationTotals, type ValuationTotals } from "./valuation";

export const TREND_DAYS = 30;
export type TrendPoint = { day: string; inbound: number; outbound: number };
export type Mover = { sku: string; name: string; units: number };
export type RecentMovement = { id: string; number: string; type: MovementType; createdAt: Date; user: string; units: number };
export type DashboardAlert = { sku: string; name: string; level: AlertLevel; onHand: number; threshold: number };

export type Dashboard = {
  stock: { skus: number; units: number; movementsToday: number; trend: TrendPoint[]; movers: Mover[]; recent: RecentMovement[] } | null;
  value: ValuationTotals | null;
  alerts: { byLevel: Record<AlertLevel, number>; top: DashboardAlert[] } | null;
};

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** Read from the replica when one is configured (lib/read-replica.ts); `actor.id` keeps the user's own recent change visible. */
export async function loadDashboard(actor: Pick<Actor, "role"> & { id?: string }, now = new Date()): Promise<Dashboard> {
  return onReplica(actor, () => dashboardParts(actor, now));
}

async function dashboardParts(actor: Pick<Actor, "role">, now: Date): Promise<Dashboard> {
  const [stock, value, alerts] = await Promise.all([
    can(actor.role, "stock.read") ? stockPart(now) : null,
    can(actor.role, "report.read") ? valuationTotals({}) : null,
    can(actor.role, "alert.read") ? alertPart() : null,
  ]);
  return { stock, value, alerts };
}

/** The last TREND_DAYS UTC days, oldest first, today included; days without movements are 0. */
export function trendDays(now: Date): string[] {
  const today = startOfUtcDay(now).getTime();
  return Array.from({ length: TREND_DAYS }, (_, i) => new Date(today - (TREND_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

async function stockPart(now: Date): Promise<NonNullable<Dashboard["stock"]>> {
  const today = startOfUtcDay(now);
  const days = trendDays(now);
  const point = await summaryPoint();
  const [skus, totals, todayCount, daily, movers, recent] = await Promise.all([
    readDb().product.count({ where: { deletedAt: null } }),
    stockTotals(point),
    readDb().movement.count({ where: { createdAt: { gte: today } } }),
    readDb().$queryRaw<{ day: string; type: "in" | "out"; units: bigint }[]>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.type::text AS type, sum(d.units)::bigint AS units
      FROM ${dayFacts(point, days[0])} d
      WHERE d.type IN ('in', 'out')
      GROUP BY 1, 2`,
    // Over the chart's days (the last TREND_DAYS UTC days, today included); among equal units, by SKU.
    readDb().$queryRaw<{ sku: string; name: string; units: bigint }[]>`
      SELECT p.sku, p.name, top.units
      FROM ${topOutbound(point, days[0], 10)} top
      JOIN products p ON p.id = top.product_id
      ORDER BY top.units DESC, p.sku LIMIT 10`,
    readDb().$queryRaw<{ id: string; number: string; type: MovementType; created_at: Date; user: string; units: bigint | null }[]>`
      SELECT m.id::text AS id, m.number, m.type::text AS type, m.created_at, u.name AS "user",
             (SELECT sum(ml.quantity) FROM movement_lines ml WHERE ml.movement_id = m.id)::bigint AS units
      FROM movements m JOIN users u ON u.id = m.actor_id
      ORDER BY m.created_at DESC, m.id DESC LIMIT 8`,
  ]);
  const byDay = new Map(days.map((d) => [d, { day: d, inbound: 0, outbound: 0 }]));
  for (const r of daily) {
    const point = byDay.get(r.day);
    if (point) point[r.type === "in" ? "inbound" : "outbound"] = Number(r.units);
  }
  return {
    skus,
    units: Number(totals.onHand),
    movementsToday: todayCount,
    trend: [...byDay.values()],
    movers: movers.map((m) => ({ sku: m.sku, name: m.name, units: Number(m.units) })),
    recent: recent.map((m) => ({ id: m.id, number: m.number, type: m.type, createdAt: m.created_at, user: m.user, units: Number(m.units ?? 0) })),
  };
}

async function alertPart(): Promise<NonNullable<Dashboard["alerts"]>> {
  const [counts, top] = await Promise.all([
    readDb().stockAlert.groupBy({ by: ["level"], where: { status: "open" }, _count: { _all: true } }),
    readDb().$queryRaw<{ sku: string; name: string; level: AlertLevel; on_hand: number; threshold: number }[]>`
      SELECT p.sku, p.name, a.level::text AS level, a.on_hand, a.threshold
      FROM stock_alerts a JOIN products p ON p.id = a.product_id
      WHERE a.status = 'open'
      ORDER BY CASE a.level WHEN 'out' THEN 3 WHEN 'critical' THEN 2 ELSE 1 END DESC, a.opened_at DESC
      LIMIT 5`,
  ]);
  const byLevel = Object.fromEntries(ALERT_LEVELS.map((l) => [l, 0])) as Record<AlertLevel, number>;
  for (const c of counts) byLevel[c.level] = c._count._all;
  return { byLevel, top: top.map((a) => ({ sku: a.sku, name: a.name, level: a.level, onHand: a.on_hand, threshold: a.threshold })) };
}
