// Coalesced, set-based follow-ups under a realistic mix: 500 movements over 200 products, posted by
// parallel clients while a real worker drains the outbox in batches. Afterwards every product's
// inStock flag and unresolved alert must equal a from-scratch recomputation from its stock rows,
// every alert must have had exactly one email per open/escalation, and the work must have been
// coalesced (far fewer follow-up jobs than movements).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertLevel } from "@/lib/alerts/level";
import { db } from "@/lib/db";
import { ALERT_CHANGES_PER_TRANSACTION, runStockFollowups } from "@/lib/stock/followups";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor } from "../../support/fixtures";
import { cleanupQueues, jobsTestEnv, startWorker, stopAll, waitIdle, type WorkerProcess } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

const env = jobsTestEnv({ OUTBOX_BATCH_SIZE: "50" });
let worker: WorkerProcess;

beforeAll(async () => {
  worker = await startWorker(env);
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
});

/** A small deterministic PRNG, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 1 | s) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

describe("coalesced follow-ups", () => {
  it("500 movements over 200 products: inStock and alerts equal a recomputation from scratch", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk");
    const locs = await makeLocations(3);
    const rand = rng(20261205);
    // Thresholds of every kind: none, warning only, warning + critical.
    const skus: string[] = [];
    for (let i = 0; i < 200; i++) {
      const minStock = [0, 5, 8, 12][i % 4];
      skus.push(await makeProduct(manager, { minStock, safetyStock: minStock ? Math.floor(minStock / 2) : 0 }));
    }
    const ids = new Map((await db.product.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true } })).map((p) => [p.sku, p.id]));
    // Opening stock: 10 for half of them, 1 for the others (soon at zero, where an `out` is refused
    // and must change nothing). Every product has moved, so every one has had its follow-ups.
    await postMovement(manager, { type: "in", lines: skus.map((sku, i) => ({ sku, location: locs[i % 3], quantity: i % 2 ? 1 : 10 })) });
    await waitIdle(60_000);
    const jobsBefore = worker.logs.filter((l) => l.msg === "job done" && l.job === "stock.followups").length;

    // 500 movements from 8 parallel clients: receipts, issues (some refused), transfers, adjustments.
    const plan = Array.from({ length: 500 }, () => {
      const sku = skus[Math.floor(rand() * skus.length)];
      const loc = locs[Math.floor(rand() * 3)];
      const other = locs[(locs.indexOf(loc) + 1) % 3];
      const qty = 1 + Math.floor(rand() * 6);
      const kind = rand();
      if (kind < 0.45) return { type: "in", lines: [{ sku, location: loc, quantity: qty }] };
      if (kind < 0.8) return { type: "out", lines: [{ sku, location: loc, quantity: qty }] };
      if (kind < 0.92) return { type: "transfer", lines: [{ sku, from: loc, to: other, quantity: qty }] };
      return { type: "adjust", lines: [{ sku, location: loc, counted: Math.floor(rand() * 15) }] };
    });
    let posted = 0;
    let refused = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < plan.length) {
          const m = plan[next++];
          try {
            await postMovement(m.type === "adjust" ? manager : clerk, m);
            posted++;
          } catch (e) {
            expect((e as { code?: string }).code).toBe("INSUFFICIENT_STOCK");
            refused++;
          }
        }
      }),
    );
    expect(posted + refused).toBe(500);
    expect(posted).toBeGreaterThan(250);
    await waitIdle(60_000);

    // From scratch: the stock rows say what every flag and alert must be.
    const figures = await db.$queryRaw<{ id: string; sku: string; min_stock: number; safety_stock: number; in_stock: boolean; on_hand: number; available: boolean }[]>`
      SELECT p.id::text AS id, p.sku, p.min_stock, p.safety_stock, p.in_stock,
             COALESCE(sum(s.quantity), 0)::int AS on_hand, COALESCE(bool_or(s.quantity - s.reserved > 0), false) AS available
      FROM products p LEFT JOIN stock_levels s ON s.product_id = p.id
      WHERE p.sku = ANY(${skus}) GROUP BY p.id`;
    expect(figures).toHaveLength(200);
    const alerts = await db.stockAlert.findMany({ where: { productId: { in: [...ids.values()] } } });
    const mismatches: string[] = [];
    for (const f of figures) {
      if (f.in_stock !== f.available) mismatches.push(`${f.sku}: inStock ${f.in_stock}, available ${f.available}`);
      const expected = alertLevel({ onHand: f.on_hand, minStock: f.min_stock, safetyStock: f.safety_stock });
      const open = alerts.filter((a) => a.productId === f.id && a.status !== "resolved");
      if (open.length > 1) mismatches.push(`${f.sku}: ${open.length} unresolved alerts`);
      const actual = open[0] ? { level: open[0].level, onHand: open[0].onHand } : null;
      const want = expected ? { level: expected, onHand: f.on_hand } : null;
      if (JSON.stringify(actual) !== JSON.stringify(want)) mismatches.push(`${f.sku}: alert ${JSON.stringify(actual)}, expected ${JSON.stringify(want)}`);
    }
    expect(mismatches).toEqual([]);
    // Products that moved through thresholds did alert (the test exercises the alert paths).
    expect(alerts.length).toBeGreaterThan(10);
    expect(alerts.some((a) => a.status === "resolved")).toBe(true);

    // Exactly one email per open and per escalation (revision r ⇒ emails r), never one on resolve.
    const emails = await db.emailMessage.findMany({ where: { dedupeKey: { in: alerts.flatMap((a) => Array.from({ length: a.revision + 1 }, (_, r) => `alert:${a.id}:${r + 1}`)) } }, select: { dedupeKey: true } });
    const perAlert = new Map<string, number>();
    for (const e of emails) perAlert.set(e.dedupeKey.split(":")[1], (perAlert.get(e.dedupeKey.split(":")[1]) ?? 0) + 1);
    for (const a of alerts) expect(perAlert.get(a.id) ?? 0, `emails of alert ${a.id}`).toBe(a.revision);

    // Coalesced: the 500 movements' follow-ups ran as a few batch jobs, not two jobs per product.
    const followupJobs = worker.logs.filter((l) => l.msg === "job done" && l.job === "stock.followups").length - jobsBefore;
    expect(followupJobs).toBeGreaterThan(0);
    expect(followupJobs).toBeLessThan(posted / 2);
    expect(worker.logs.filter((l) => l.msg === "job failed for good")).toEqual([]);
  });

  it("a chunk with many alert changes applies them a bounded number per transaction, all of them in the end", async () => {
    // 120 products below a threshold nobody announced (set behind the app's back, as a sweep finds
    // them after an import): 120 alerts to open, more than one transaction is to hold.
    const manager = await actorFor("manager");
    const skus: string[] = [];
    for (let i = 0; i < 120; i++) skus.push(await makeProduct(manager));
    await db.$executeRaw`UPDATE products SET min_stock = 5, safety_stock = 2 WHERE sku = ANY(${skus})`;
    const ids = (await db.product.findMany({ where: { sku: { in: skus } }, select: { id: true } })).map((p) => p.id);

    const r = await runStockFollowups(ids);
    expect(r.products).toBe(120);
    expect(r.alerts).toMatchObject({ open: 120, none: 0 });
    const alerts = await db.$queryRaw<{ n: number; txs: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT xmin::text)::int AS txs FROM stock_alerts WHERE product_id = ANY(${ids}::uuid[]) AND status = 'open'`;
    expect(alerts[0]).toEqual({ n: 120, txs: Math.ceil(120 / ALERT_CHANGES_PER_TRANSACTION) });
    // Every alert notified its people once (one email each), and a second run finds nothing to do.
    expect(await db.emailMessage.count({ where: { dedupeKey: { startsWith: "alert:" }, OR: skus.map((s) => ({ subject: { contains: ` ${s} ` } })) } })).toBe(120);
    expect((await runStockFollowups(ids)).alerts).toMatchObject({ open: 0, none: 120 });
  });
});
