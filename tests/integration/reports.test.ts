// Reports on a real database: FIFO valuation, the reorder formula, and a CSV export of 100k
// ledger rows that must stream in batches.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { movementHistoryReport } from "@/lib/reports/movement-history";
import { reorderReport, suggestedQuantity } from "@/lib/reports/reorder";
import { CSV_BATCH, reportCsv, runReport } from "@/lib/reports/report";
import { slowMoversReport } from "@/lib/reports/slow-movers";
import { stockReport } from "@/lib/reports/stock-on-hand";
import { valuationReport, valuationTotals } from "@/lib/reports/valuation";
import { checkStock } from "@/lib/stock/reconcile";
import { postMovement } from "@/lib/stock/post-movement";
import { MAX_LINES } from "@/lib/stock/schemas";
import { actorFor } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("stock valuation", () => {
  it("values lot stock FIFO from the remaining lots and other stock at the last cost", async () => {
    const manager = await actorFor("manager");
    const [a, b] = await makeLocations(2);
    const lotted = await makeProduct(manager, { tracking: "lot" });
    // Three receipts at different costs, in this order (FIFO = oldest receipt first).
    await postMovement(manager, { type: "in", lines: [{ sku: lotted, location: a, lot: "L1", quantity: 10, unitCost: "2.00" }] });
    await postMovement(manager, { type: "in", lines: [{ sku: lotted, location: a, lot: "L2", quantity: 5, unitCost: "3.50" }] });
    await postMovement(manager, { type: "in", lines: [{ sku: lotted, location: a, lot: "L3", quantity: 8, unitCost: "4.25" }] });
    // Issue 12 across them: all of L1 (10) and 2 of L2.
    const out = await postMovement(manager, { type: "out", lines: [{ sku: lotted, location: a, quantity: 12 }] });
    expect(out.result.lines[0].lots).toEqual([{ code: "L1", quantity: 10 }, { code: "L2", quantity: 2 }]);

    // Left: L2 3 × 3.50 = 10.50 and L3 8 × 4.25 = 34.00 → 44.50 for 11 units.
    const { page } = await runReport(manager, valuationReport, { q: lotted });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ sku: lotted, onHand: 11, lotQuantity: 11, lotValue: "44.50", otherQuantity: 0, value: "44.50", uncosted: 0, currency: "CNY", foreign: [] });

    // Without lots: on hand × the cost of the latest costed receipt (2.00, not the older 1.00).
    const plain = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku: plain, location: a, quantity: 10, unitCost: "1.00" }] });
    await postMovement(manager, { type: "in", lines: [{ sku: plain, location: b, quantity: 5, unitCost: "2.00" }] });
    await postMovement(manager, { type: "in", lines: [{ sku: plain, location: b, quantity: 1 }] }); // no cost: not "last cost"
    await postMovement(manager, { type: "out", lines: [{ sku: plain, location: a, quantity: 4 }] });
    const plainRow = (await runReport(manager, valuationReport, { q: plain })).page.items[0];
    expect(plainRow).toMatchObject({ onHand: 12, lotQuantity: 0, otherQuantity: 12, lastCost: "2.00", value: "24.00", uncosted: 0 });

    // Never received with a cost: valued 0 and counted as uncosted.
    const uncosted = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku: uncosted, location: a, quantity: 3 }] });
    expect((await runReport(manager, valuationReport, { q: uncosted })).page.items[0]).toMatchObject({ value: "0.00", uncosted: 3, lastCost: null });

    const totals = await valuationTotals({ q: lotted });
    expect(totals).toMatchObject({ currency: "CNY", value: "44.50", products: 1, uncosted: 0 });
  });

  it("is for roles with report.read only", async () => {
    const clerk = await actorFor("clerk");
    expect((await failure(runReport(clerk, valuationReport, {}))).code).toBe("FORBIDDEN");
    await expect(reportCsv(clerk, movementHistoryReport, {})).rejects.toThrow(AppError);
    const viewer = await actorFor("viewer");
    await expect(runReport(viewer, valuationReport, {})).resolves.toBeDefined();
    expect((await failure(runReport(viewer, slowMoversReport, { days: "0" }))).code).toBe("VALIDATION_FAILED");
    expect((await failure(runReport(viewer, movementHistoryReport, { from: "2026-02-01", to: "2026-01-01" }))).code).toBe("VALIDATION_FAILED");
  });
});

describe("reorder suggestions", () => {
  it("follows round(max(0, consumption30 / 30 × coverDays − onHand)) for products below minStock", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager, { minStock: 50, safetyStock: 10 });
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 101 }] });
    await postMovement(manager, { type: "out", lines: [{ sku, location: a, quantity: 40 }] });
    await postMovement(manager, { type: "out", lines: [{ sku, location: a, quantity: 21 }] });
    // 61 units out in 30 days, 40 on hand, available 40 < 50.
    const at = async (coverDays: string) => (await runReport(manager, reorderReport, { q: sku, coverDays })).page.items;
    expect(await at("45")).toEqual([{ sku, name: `Product ${sku}`, unit: "pcs", onHand: 40, available: 40, minStock: 50, consumption: 61, suggested: 52 }]); // 91.5 − 40 = 51.5 → 52
    expect((await at("30"))[0].suggested).toBe(21); // 61 − 40
    expect((await at("7"))[0].suggested).toBe(0); // 14.2 − 40 < 0
    expect((await runReport(manager, reorderReport, { q: sku })).filters.coverDays).toBe(30);
    expect(suggestedQuantity({ consumption: 61, coverDays: 45, onHand: 40 })).toBe(52);

    // At or above minStock: not suggested.
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 10 }] });
    expect(await at("45")).toEqual([]);

    // Slow movers: it moved out today, so not slow; a product never issued is.
    expect((await runReport(manager, slowMoversReport, { q: sku })).page.items).toEqual([]);
    const idle = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku: idle, location: a, quantity: 2 }] });
    expect((await runReport(manager, slowMoversReport, { q: idle, days: "1" })).page.items).toMatchObject([{ sku: idle, onHand: 2, lastOutboundAt: null }]);
  });

  it("groups stock on hand by product, location and category", async () => {
    const manager = await actorFor("manager");
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 3 }, { sku, location: b, quantity: 4 }] });
    expect((await runReport(manager, stockReport, { q: sku })).page.items).toMatchObject([{ label: sku, products: 1, locations: 2, onHand: 7, available: 7 }]);
    expect((await runReport(manager, stockReport, { group: "location", q: a })).page.items).toMatchObject([{ label: a, products: 1, onHand: 3 }]);
    const byCategory = await runReport(manager, stockReport, { group: "category", limit: "500" });
    expect(byCategory.page.items.find((r) => r.label === "")?.onHand).toBeGreaterThanOrEqual(7);
  });
});

describe("CSV export", () => {
  it("streams 100,000 ledger rows of the movement history in batches", async () => {
    const manager = await actorFor("manager");
    const user = await db.user.findUniqueOrThrow({ where: { id: manager.id }, select: { email: true } });
    const locations = await makeLocations(50);
    const skus: string[] = [];
    for (let i = 0; i < MAX_LINES / locations.length; i++) skus.push(await makeProduct(manager));
    const pairs = skus.flatMap((sku) => locations.map((location) => ({ sku, location })));
    expect(pairs).toHaveLength(MAX_LINES);
    // 100 receipts of 2 and 100 issues of 1 per pair: 200 movements × 500 lines = 100,000 ledger rows.
    for (let i = 0; i < 100; i++) await postMovement(manager, { type: "in", lines: pairs.map((p) => ({ ...p, quantity: 2 })) });
    for (let i = 0; i < 100; i++) await postMovement(manager, { type: "out", lines: pairs.map((p) => ({ ...p, quantity: 1 })) });
    const admin = await actorFor("admin");
    expect((await checkStock(admin)).discrepancies).toEqual([]);

    const stream = await reportCsv(manager, movementHistoryReport, { user: user.email.toUpperCase() });
    const reader = stream.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true }); // keep the BOM to check it
    let firstBytes: number[] = [];
    let chunks = 0;
    let rows = 0;
    let maxRowsPerChunk = 0;
    let head = "";
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (chunks === 0) firstBytes = [...value.slice(0, 3)];
      chunks++;
      const text = decoder.decode(value, { stream: true });
      if (chunks <= 2) head += text;
      const n = text.split("\r\n").length - 1;
      rows += n;
      maxRowsPerChunk = Math.max(maxRowsPerChunk, n);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(rows).toBe(100_000 + 1); // + header
    expect(chunks).toBeGreaterThanOrEqual(100_000 / CSV_BATCH);
    expect(maxRowsPerChunk).toBeLessThanOrEqual(CSV_BATCH);
    // The whole CSV is ~15 MB of text (far more as row objects); one batch at a time stays well below.
    expect(heapPeak - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect(firstBytes).toEqual([0xef, 0xbb, 0xbf]);
    expect(head.startsWith("\uFEFFentry,created_at,movement,type,channel,user,sku,")).toBe(true);
    expect(head.split("\r\n")[1]).toContain(`,out,web,${user.email},`);
  }, 600_000);
});
