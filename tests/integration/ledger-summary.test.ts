// The ledger summary (lib/stock/ledger-summary.ts, migration 20261205110000_reads_ledger_summary)
// against a computation from scratch over the whole ledger: the stored rows after a fold, and what
// the readers show before a fold (all tail), after it, and with a tail on top of it. Also: a fold
// never passes a ledger id whose transaction may still commit, and a new base currency refolds.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadDashboard, trendDays } from "@/lib/reports/dashboard";
import { consumptionSince, reorderReport } from "@/lib/reports/reorder";
import { runReport } from "@/lib/reports/report";
import { slowMoversReport } from "@/lib/reports/slow-movers";
import { valuationTotals } from "@/lib/reports/valuation";
import { foldLedgerSummary, summaryPoint } from "@/lib/stock/ledger-summary";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

type ProductRow = {
  product_id: string; on_hand: string; lot_quantity: string; lot_value: string; foreign_quantity: string;
  last_movement_at: string | null; last_out_at: string | null; last_receipt_cost: string | null; value: string; uncosted: string;
};

/** Per product, from the tables themselves (the report definitions as they were before the summary). */
async function productsFromScratch(): Promise<ProductRow[]> {
  return db.$queryRaw<ProductRow[]>`
    WITH cur AS (SELECT COALESCE((SELECT base_currency::text FROM companies ORDER BY (code = 'MAIN') DESC, created_at LIMIT 1), 'CNY') AS c),
    f AS (
      SELECT p.id AS product_id,
             (SELECT sum(e.delta) FROM ledger_entries e WHERE e.product_id = p.id)::bigint AS on_hand,
             COALESCE((SELECT sum(lt.quantity) FROM lots lt, cur WHERE lt.product_id = p.id AND lt.unit_cost IS NOT NULL AND (lt.currency IS NULL OR lt.currency = cur.c)), 0)::bigint AS lot_quantity,
             COALESCE((SELECT sum(lt.quantity * lt.unit_cost) FROM lots lt, cur WHERE lt.product_id = p.id AND lt.unit_cost IS NOT NULL AND (lt.currency IS NULL OR lt.currency = cur.c)), 0) AS lot_value,
             COALESCE((SELECT sum(lt.quantity) FROM lots lt, cur WHERE lt.product_id = p.id AND lt.unit_cost IS NOT NULL AND lt.currency <> cur.c), 0)::bigint AS foreign_quantity,
             (SELECT max(e.created_at) FROM ledger_entries e WHERE e.product_id = p.id) AS last_movement_at,
             (SELECT max(m.created_at) FROM movement_lines ml JOIN movements m ON m.id = ml.movement_id WHERE ml.product_id = p.id AND m.type = 'out') AS last_out_at,
             (SELECT ml.unit_cost FROM movement_lines ml JOIN movements m ON m.id = ml.movement_id
              WHERE ml.product_id = p.id AND m.type = 'in' AND ml.unit_cost IS NOT NULL ORDER BY m.created_at DESC, ml.line_no DESC LIMIT 1) AS last_receipt_cost
      FROM products p WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.product_id = p.id))
    SELECT f.product_id::text, f.on_hand::text, f.lot_quantity::text, f.lot_value::numeric(30, 4)::text AS lot_value, f.foreign_quantity::text,
           f.last_movement_at::text, f.last_out_at::text, f.last_receipt_cost::text,
           (f.lot_value + GREATEST(f.on_hand - f.lot_quantity - f.foreign_quantity, 0) * COALESCE(f.last_receipt_cost, 0))::numeric(30, 4)::text AS value,
           (CASE WHEN f.last_receipt_cost IS NULL THEN GREATEST(f.on_hand - f.lot_quantity - f.foreign_quantity, 0) ELSE 0 END)::text AS uncosted
    FROM f ORDER BY 1`;
}

async function storedProducts(): Promise<ProductRow[]> {
  return db.$queryRaw<ProductRow[]>`
    SELECT product_id::text, on_hand::text, lot_quantity::text, lot_value::text, foreign_quantity::text, last_movement_at::text, last_out_at::text,
           last_receipt_cost::text, value::text, uncosted::text
    FROM product_ledger_summary ORDER BY 1`;
}

/** The stored summary equals the computation from scratch: products, days, outbound per day, the window, the totals. */
async function expectStoredExact() {
  expect(await storedProducts()).toEqual(await productsFromScratch());
  const days = (sql: "stored" | "scratch") =>
    sql === "stored"
      ? db.$queryRaw`SELECT day::text, type::text, movements, lines, units::text FROM daily_movement_summary ORDER BY 1, 2`
      : db.$queryRaw`SELECT (m.created_at AT TIME ZONE 'UTC')::date::text AS day, m.type::text AS type, count(DISTINCT m.id)::int AS movements,
                            count(*)::int AS lines, sum(ml.quantity)::text AS units
                     FROM movements m JOIN movement_lines ml ON ml.movement_id = m.id GROUP BY 1, 2 ORDER BY 1, 2`;
  expect(await days("stored")).toEqual(await days("scratch"));
  expect(await db.$queryRaw`SELECT product_id::text, day::text, units::text FROM daily_product_outbound ORDER BY 1, 2`).toEqual(
    await db.$queryRaw`SELECT ml.product_id::text, (m.created_at AT TIME ZONE 'UTC')::date::text AS day, sum(ml.quantity)::text AS units
                       FROM movements m JOIN movement_lines ml ON ml.movement_id = m.id WHERE m.type = 'out' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  expect(await db.$queryRaw`SELECT product_id::text, units::text FROM product_outbound_window ORDER BY 1`).toEqual(
    await db.$queryRaw`SELECT o.product_id::text, sum(o.units)::text AS units FROM daily_product_outbound o, ledger_summary_state s
                       WHERE o.day >= s.window_start GROUP BY 1 HAVING sum(o.units) <> 0 ORDER BY 1`,
  );
  expect(await db.$queryRaw`SELECT on_hand::text, value::text, uncosted::text, uncosted_products, stocked_products FROM ledger_summary_state`).toEqual(
    await db.$queryRaw`SELECT COALESCE(sum(on_hand), 0)::text AS on_hand, COALESCE(sum(value), 0)::numeric(30, 4)::text AS value, COALESCE(sum(uncosted), 0)::text AS uncosted,
                              (count(*) FILTER (WHERE uncosted > 0))::int AS uncosted_products, (count(*) FILTER (WHERE on_hand > 0))::int AS stocked_products
                       FROM product_ledger_summary`,
  );
}

/** What the readers show, for comparing the same moment read through different summary states. */
async function readers(skus: string[]) {
  const manager = await actorFor("manager");
  const dashboard = await loadDashboard({ role: "admin" });
  const slow = await Promise.all(skus.map((q) => runReport(manager, slowMoversReport, { q, days: "1" }).then((r) => r.page.items)));
  const reorder = await Promise.all(skus.map((q) => runReport(manager, reorderReport, { q }).then((r) => r.page.items)));
  return {
    units: dashboard.stock!.units,
    trend: dashboard.stock!.trend,
    movers: dashboard.stock!.movers,
    value: dashboard.value,
    valuation: await valuationTotals({}),
    searched: await Promise.all(skus.map((q) => valuationTotals({ q }))),
    slow,
    reorder,
  };
}

describe("ledger summary", () => {
  it("readers equal the computation from scratch before a fold, after it and with a tail on top; the stored rows are exact", async () => {
    const manager = await actorFor("manager");
    const [a, b] = await makeLocations(2);
    const plain = await makeProduct(manager, { minStock: 100 });
    const lotted = await makeProduct(manager, { tracking: "lot", minStock: 5 });
    const idle = await makeProduct(manager);
    const skus = [plain, lotted, idle];
    await postMovement(manager, { type: "in", lines: [{ sku: plain, location: a, quantity: 40, unitCost: "1.50" }, { sku: idle, location: b, quantity: 7 }] });
    await postMovement(manager, { type: "in", lines: [{ sku: lotted, location: a, lot: "L1", quantity: 10, unitCost: "2.00" }] });
    await postMovement(manager, { type: "in", lines: [{ sku: lotted, location: a, lot: "L2", quantity: 6, unitCost: "3.00" }] });
    // A lot in another currency: valued apart (set before anything is folded: lot currencies never change).
    await db.$executeRaw`UPDATE lots SET currency = 'USD' WHERE code = 'L2' AND product_id = (SELECT id FROM products WHERE sku = ${lotted})`;
    await postMovement(manager, { type: "out", lines: [{ sku: plain, location: a, quantity: 5 }, { sku: lotted, location: a, quantity: 5 }] });
    await postMovement(manager, { type: "transfer", lines: [{ sku: plain, from: a, to: b, quantity: 10 }] });
    await postMovement(manager, { type: "adjust", lines: [{ sku: plain, location: b, counted: 8 }] });
    await postMovement(manager, { type: "write_off", reason: "damaged", lines: [{ sku: plain, location: a, quantity: 1 }] });

    const unfolded = await readers(skus);
    expect(unfolded.slow[2]).toMatchObject([{ sku: idle, onHand: 7, lastOutboundAt: null }]);
    expect(unfolded.reorder[0]).toMatchObject([{ sku: plain, onHand: 32, consumption: 5 }]);
    // 5 of L1 left at 2.00; L2 (6 at 3.00) is in USD: reported apart, not in the value.
    expect(unfolded.searched[1]).toMatchObject({ value: "10.00", products: 1, uncosted: 0, foreign: [{ currency: "USD", value: "18.00" }] });

    expect(await foldLedgerSummary()).not.toBeNull();
    await expectStoredExact();
    expect(await readers(skus)).toEqual(unfolded);

    // A tail on top of the fold: readers add it.
    await postMovement(manager, { type: "out", lines: [{ sku: idle, location: b, quantity: 2 }] });
    await postMovement(manager, { type: "in", lines: [{ sku: plain, location: a, quantity: 3, unitCost: "9.00" }] });
    const tail = await readers(skus);
    expect(tail.slow[2]).toEqual([]);
    expect(tail.reorder[0]).toMatchObject([{ sku: plain, onHand: 35 }]);
    expect(tail.searched[0]).toMatchObject({ value: "315.00" }); // 35 × 9.00, the latest costed receipt
    expect(tail.units).toBe(unfolded.units + 1);
    await foldLedgerSummary();
    await expectStoredExact();
    expect(await readers(skus)).toEqual(tail);
    expect(tail.trend.map((d) => d.day)).toEqual(trendDays(new Date()));
    expect(consumptionSince()).toBe(trendDays(new Date())[0]);
  });

  it("waits for a transaction that may still commit a smaller ledger id, and never folds past it", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    const other = await makeProduct(manager);
    await foldLedgerSummary();
    let posted!: () => void;
    let release!: () => void;
    const isPosted = new Promise<void>((r) => (posted = r));
    const released = new Promise<void>((r) => (release = r));
    const open = db.$transaction(async (tx) => {
      await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 4 }] }, { tx });
      posted();
      await released;
    }, { timeout: 30_000 });
    await isPosted;
    // Committed after the open one drew its ledger id: a larger id, visible first.
    await postMovement(manager, { type: "in", lines: [{ sku: other, location: a, quantity: 1 }] });
    expect(await foldLedgerSummary({ waitMs: 300 })).toBeNull();
    release();
    await open;
    expect(await foldLedgerSummary()).not.toBeNull();
    await expectStoredExact();
    const [row] = await db.$queryRaw<{ on_hand: bigint }[]>`SELECT s.on_hand FROM product_ledger_summary s JOIN products p ON p.id = s.product_id WHERE p.sku = ${sku}`;
    expect(Number(row.on_hand)).toBe(4);
  });

  it("folds again from the start for another base currency; readers use the ledger until then", async () => {
    await foldLedgerSummary();
    const before = await valuationTotals({});
    const main = await db.$queryRaw<{ id: string; base_currency: string }[]>`
      SELECT id::text, base_currency FROM companies ORDER BY (code = 'MAIN') DESC, created_at LIMIT 1`;
    expect(main).toHaveLength(1);
    try {
      await db.$executeRaw`UPDATE companies SET base_currency = 'EUR' WHERE id = ${main[0].id}::uuid`;
      expect((await summaryPoint()).stored).toBe(false);
      const eur = await valuationTotals({});
      expect(eur.currency).toBe("EUR");
      await foldLedgerSummary();
      expect(await summaryPoint()).toMatchObject({ stored: true, currency: "EUR" });
      await expectStoredExact();
      expect(await valuationTotals({})).toEqual(eur);
    } finally {
      await db.$executeRaw`UPDATE companies SET base_currency = ${main[0].base_currency} WHERE id = ${main[0].id}::uuid`;
    }
    await foldLedgerSummary();
    expect(await valuationTotals({})).toEqual(before);
  });
});
