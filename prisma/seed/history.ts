// Demo history (development and demos, never production): 90 days of believable stock movements
// for 40 products (SKU-00601 … SKU-00640, which no test asserts exact figures of), so the dashboard,
// the reports (trends, slow movers, reorder suggestions, valuation) and the product ledgers show
// something real. Skipped when it was already posted (its cycle counts exist) and with
// DEMO_HISTORY=0 (the test runs may turn it off to save time; it is on by default).
//
// Everything goes through the movement engine (postMovement → stock_post), dated with its `at`
// option: stock_post stamps the movement, its ledger rows, its number (the date part), its audit
// row and its outbox event with that time, so nothing is rewritten afterwards — the ledger stays
// append-only and reconciliation (admin › reconcile, lib/maintenance/nightly-reconcile.ts) stays
// clean. The days are posted in time order. The summary tables (ledger_summary_state,
// product_ledger_summary, daily_movement_summary, daily_product_outbound, product_outbound_window)
// are derived from the ledger: the fold (foldLedgerSummary) at the end takes the dated rows in, per
// UTC day. (The opening stock is posted by seedOpeningStock before this runs, dated the day before
// the history starts; the history's ledger rows come after it by id and by time.)
//
// Per day: supplier deliveries (each supplier on its weekdays) into the receiving bin for products
// that ran low, put away to their home bins by a transfer; customer issues with weekday seasonality
// (busy Monday to Friday, a little on Saturday, almost nothing on Sunday); a cycle count every two
// weeks with small differences; the low-stock follow-ups (lib/stock/followups.ts) run after each
// day, so a few products dip below their minimum, raise an alert and are restocked (the alerts and
// their notifications are dated to that day). On the last day each product is brought back to its
// seeded level at its home bin, so the end state (100 units of each product at location i mod 50)
// is the one the opening stock left.
import type { Actor } from "../../lib/auth/permissions";
import type { db as Db } from "../../lib/db";
import { foldLedgerSummary } from "../../lib/stock/ledger-summary";
import { postMovement } from "../../lib/stock/post-movement";
import { runStockFollowups } from "../../lib/stock/followups";
import { locationCodes } from "./demo-codes";

type Client = typeof Db;

export const HISTORY_DAYS = 90;
export const HISTORY_SKUS = Array.from({ length: 40 }, (_, k) => `SKU-${String(601 + k).padStart(5, "0")}`);
/** Units each product holds at its home bin before and after the history (seedOpeningStock). */
const SEEDED = 100;
/** Sunday … Saturday: how busy the day is. */
const WEEKDAY_LOAD = [0.1, 1.0, 1.1, 1.0, 1.15, 1.3, 0.35];
/** Supplier deliveries by weekday (0 Sunday): the supplier codes of prisma/seed/purchasing.ts. */
const DELIVERIES: Record<number, string[]> = { 1: ["SUP-ACME"], 2: ["SUP-SZ"], 3: ["SUP-OFFICE"], 4: ["SUP-SZ"], 5: ["SUP-ACME", "SUP-GLOBAL"] };
const SUPPLIERS = ["SUP-ACME", "SUP-SZ", "SUP-OFFICE", "SUP-GLOBAL"];

type Item = { sku: string; id: string; home: string; min: number; price: number; supplier: string; reorderAt: number; orderUpTo: number; onHand: number };

/** Small deterministic PRNG (mulberry32): the same history on every seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedHistory(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  if (process.env.DEMO_HISTORY === "0") {
    log("history: skipped (DEMO_HISTORY=0)");
    return;
  }
  // The history's cycle counts mark it as posted (the opening stock is dated in the past too).
  if ((await db.movement.count({ where: { reference: { startsWith: "CYCLE-COUNT-" } } })) > 0) {
    log("history: already posted");
    return;
  }
  const started = Date.now();
  const clerk = await db.user.findUniqueOrThrow({ where: { email: "clerk@example.com" } });
  const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@example.com" } });
  const as = (u: { id: string }, role: Actor["role"]): Actor => ({ id: u.id, role, channel: "web" });
  const [clerkActor, managerActor] = [as(clerk, "clerk"), as(manager, "manager")];

  const codes = locationCodes();
  const receiving = codes[0];
  const overflow = codes[codes.length - 2]; // a storage bin near shipping: the promotion stand
  const products = await db.product.findMany({ where: { sku: { in: HISTORY_SKUS } }, select: { id: true, sku: true, minStock: true, priceAmount: true } });
  const items: Item[] = products
    .sort((a, b) => a.sku.localeCompare(b.sku))
    .map((p, k) => {
      const i = Number(p.sku.slice(4));
      // Three products are reordered late, so they dip below their minimum now and then (alerts).
      const late = p.minStock >= 50 && k % 16 === 1;
      return {
        sku: p.sku, id: p.id, home: codes[i % codes.length], min: p.minStock, price: Number(p.priceAmount ?? 10),
        supplier: SUPPLIERS[k % SUPPLIERS.length], reorderAt: late ? 35 : 70 + (k % 3) * 10, orderUpTo: 140 + (k % 5) * 20, onHand: SEEDED,
      };
    });
  if (items.length !== HISTORY_SKUS.length) throw new Error("history: the demo products are missing (run seedDemo first)");
  // Fast movers issue more: a skewed demand, a few products barely move (slow movers).
  const demand = items.map((_, k) => (k % 10 === 9 ? 0.02 : 1 / (1 + (k % 7))));
  const rand = prng(20261212);
  const pick = () => {
    const total = demand.reduce((s, d) => s + d, 0);
    let r = rand() * total;
    for (let k = 0; k < items.length; k++) if ((r -= demand[k]) <= 0) return items[k];
    return items[items.length - 1];
  };
  const round10 = (n: number) => Math.max(10, Math.ceil(n / 10) * 10);
  const post = (actor: Actor, input: object, at: Date) => postMovement(actor, input, { at });
  let movements = 0;
  let onStand = false;
  const ids = items.map((it) => it.id);

  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  for (let back = HISTORY_DAYS; back >= 1; back--) {
    const day = new Date(today.getTime() - back * 86_400_000);
    const at = (hour: number, minute = 0) => new Date(day.getTime() + (hour * 60 + minute) * 60_000);
    const weekday = day.getUTCDay();
    const last = back === 1;
    const dayStart = new Date();

    // Deliveries (08:xx) into the receiving bin, put away (09:xx) to the home bins; on the last day
    // (16:xx, after the issues) they top every product up to its seeded level.
    const deliver = async (suppliers: string[], hour: number, need: (it: Item) => number) => {
      for (const [n, supplier] of suppliers.entries()) {
        const lines = items
          .filter((it) => it.supplier === supplier && need(it) > 0)
          .map((it) => ({ it, quantity: need(it), unitCost: (it.price * 0.6 * (1 + (rand() - 0.5) * 0.08)).toFixed(2) }));
        if (!lines.length) continue;
        const ref = `DN-${supplier.slice(4)}-${day.toISOString().slice(0, 10).replace(/-/g, "")}`;
        await post(clerkActor, { type: "in", reference: ref, note: `Delivery from ${supplier}`, lines: lines.map((l) => ({ sku: l.it.sku, location: receiving, quantity: l.quantity, unitCost: l.unitCost })) }, at(hour, 10 + n * 12));
        await post(clerkActor, { type: "transfer", reference: ref, note: "Put-away", lines: lines.map((l) => ({ sku: l.it.sku, from: receiving, to: l.it.home, quantity: l.quantity })) }, at(hour + 1, 5 + n * 12));
        for (const l of lines) l.it.onHand += l.quantity;
        movements += 2;
      }
    };
    if (!last) {
      const suppliers = (DELIVERIES[weekday] ?? []).filter((s) => s !== "SUP-GLOBAL" || Math.floor(back / 7) % 2 === 0);
      await deliver(suppliers, 8, (it) => (it.onHand < it.reorderAt ? round10(it.orderUpTo - it.onHand) : 0));
    }

    // Customer issues (10:00 – 17:00), fewer at the weekend.
    const orders = Math.round((4 + rand() * 4) * WEEKDAY_LOAD[weekday]);
    for (let o = 0; o < orders; o++) {
      const lines = new Map<Item, number>();
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) {
        const it = pick();
        const q = 1 + Math.floor(rand() * 9);
        if (it.onHand - (lines.get(it) ?? 0) - q >= 5) lines.set(it, (lines.get(it) ?? 0) + q);
      }
      if (!lines.size) continue;
      const minute = Math.floor((o + rand()) * (420 / Math.max(orders, 1)));
      await post(clerkActor, { type: "out", reference: `SO-DEMO-${day.toISOString().slice(2, 10).replace(/-/g, "")}-${o + 1}`, lines: [...lines].map(([it, quantity]) => ({ sku: it.sku, location: it.home, quantity })) }, at(10, minute));
      for (const [it, q] of lines) it.onHand -= q;
      movements++;
    }

    // A promotion stand every three weeks: stock moved out for a week, then back.
    if ((back % 21 === 12 && !onStand) || (back % 21 === 5 && onStand)) {
      const out: boolean = !onStand;
      onStand = out;
      const promo = items.slice(0, 3);
      await post(managerActor, { type: "transfer", reference: out ? "PROMO-STAND" : "PROMO-END", note: out ? "Promotion stand" : "Back from the promotion stand",
        lines: promo.map((it) => ({ sku: it.sku, from: out ? it.home : overflow, to: out ? overflow : it.home, quantity: 10 })) }, at(17, 30));
      if (out) for (const it of promo) it.onHand -= 10; // not available at home while on the stand
      else for (const it of promo) it.onHand += 10;
      movements++;
    }

    // Cycle count every two weeks (18:00): four products, small differences.
    if (back % 14 === 6) {
      const counted = items.filter((_, k) => (k + back) % 10 === 0).slice(0, 4);
      const lines = counted.map((it) => ({ it, counted: Math.max(0, it.onHand + [-2, -1, 1, -1][Math.floor(rand() * 4)]) }));
      await post(managerActor, { type: "adjust", reference: `CYCLE-COUNT-${day.toISOString().slice(0, 10)}`, note: "Cycle count", lines: lines.map((l) => ({ sku: l.it.sku, location: l.it.home, counted: l.counted })) }, at(18));
      for (const l of lines) l.it.onHand = l.counted;
      movements++;
    }

    // The last day: whatever is still above the seeded level goes out, so each product ends where it began.
    if (last) {
      await deliver(SUPPLIERS, 15, (it) => SEEDED - it.onHand);
      const over = items.filter((it) => it.onHand > SEEDED);
      if (over.length) {
        await post(clerkActor, { type: "out", reference: "SO-DEMO-CLOSE", lines: over.map((it) => ({ sku: it.sku, location: it.home, quantity: it.onHand - SEEDED })) }, at(16, 30));
        for (const it of over) it.onHand = SEEDED;
        movements++;
      }
    }

    // Low-stock alerts as they would have been raised and resolved that day, dated to it.
    const r = await runStockFollowups(ids);
    if (r.alerts.open || r.alerts.escalate || r.alerts.resolve || r.alerts.update) {
      const when = at(18, 30);
      await db.$executeRaw`UPDATE stock_alerts SET opened_at = ${when} WHERE product_id = ANY(${ids}::uuid[]) AND opened_at >= ${dayStart}`;
      await db.$executeRaw`UPDATE stock_alerts SET escalated_at = ${when} WHERE product_id = ANY(${ids}::uuid[]) AND escalated_at >= ${dayStart}`;
      await db.$executeRaw`UPDATE stock_alerts SET resolved_at = ${when} WHERE product_id = ANY(${ids}::uuid[]) AND resolved_at >= ${dayStart}`;
      await db.$executeRaw`UPDATE stock_alerts SET updated_at = ${when} WHERE product_id = ANY(${ids}::uuid[]) AND updated_at >= ${dayStart}`;
      // Old news by now: read, so the bell does not ring for history.
      await db.$executeRaw`UPDATE notifications SET created_at = ${when}, read_at = ${when} WHERE alert_id IN (SELECT id FROM stock_alerts WHERE product_id = ANY(${ids}::uuid[])) AND created_at >= ${dayStart}`;
      // (Their audit rows keep the time they were written: audit_logs is append-only.)
    }
  }
  for (const it of items) if (it.onHand !== SEEDED) throw new Error(`history: ${it.sku} ends at ${it.onHand}, not ${SEEDED}`);

  // Fold the dated ledger into the summaries now (the worker would, after its debounce).
  await foldLedgerSummary();
  const alerts = await db.stockAlert.count({ where: { productId: { in: ids } } });
  log(`history: ${movements} movements over ${HISTORY_DAYS} days for ${items.length} products, ${alerts} alerts (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
