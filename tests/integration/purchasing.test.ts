// Purchasing against the real database: suppliers, rates, orders through the state table, the
// approval rules on every channel, receipts posting `in` movements under the order lock, valuation
// at the purchase price in base currency, and reorder suggestions → one draft per supplier.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createReorderDrafts } from "@/lib/purchasing/reorder-drafts";
import { importExchangeRates, setExchangeRate } from "@/lib/purchasing/exchange-rates";
import { createPurchaseOrder, getPurchaseOrder, transitionPurchaseOrder, updatePurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { setPurchasingSettings } from "@/lib/purchasing/settings";
import { createSupplier, deleteSupplier, setSupplierProduct, setSupplierTolerance, updateSupplier } from "@/lib/purchasing/suppliers";
import { valuationReport } from "@/lib/reports/valuation";
import { actorFor, uniq } from "../support/fixtures";
import { levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

let admin: Actor, manager: Actor, clerk: Actor, clerk2: Actor, purchaser: Actor, approver: Actor, approver2: Actor, viewer: Actor;
let loc: string;
const today = new Date().toISOString().slice(0, 10);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

async function supplier(extra: Record<string, unknown> = {}): Promise<string> {
  const code = uniq("SUP");
  await createSupplier(purchaser, { code, name: `Supplier ${code}`, currency: "CNY", ...extra });
  return code;
}

async function approvedOrder(lines: { sku: string; quantity: number; unitPrice: string }[], extra: Record<string, unknown> = {}) {
  const s = (extra.supplier as string) ?? (await supplier());
  const o = await createPurchaseOrder(purchaser, { supplier: s, lines, ...extra });
  await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
  await transitionPurchaseOrder(approver, o.number, { action: "approve" });
  return o.number;
}

beforeAll(async () => {
  [admin, manager, clerk, clerk2, purchaser, approver, approver2, viewer] = await Promise.all(
    (["admin", "manager", "clerk", "clerk", "purchaser", "approver", "approver", "viewer"] as const).map((r) => actorFor(r)),
  );
  [loc] = await makeLocations(1);
  await setPurchasingSettings(manager, { approvalThreshold: null });
});

afterAll(async () => {
  await setPurchasingSettings(manager, { approvalThreshold: null });
});

describe("suppliers", () => {
  it("checks roles, validates, and refuses to delete a supplier an order references (IN_USE)", async () => {
    expect((await refusal(createSupplier(viewer, { code: uniq("S"), name: "x", currency: "CNY" }))).code).toBe("FORBIDDEN");
    expect((await refusal(createSupplier(purchaser, { code: uniq("S"), name: "x", currency: "yuan" }))).code).toBe("VALIDATION_FAILED");
    const code = await supplier({ email: "orders@example.com", leadTimeDays: 7 });
    expect((await refusal(createSupplier(purchaser, { code, name: "again", currency: "CNY" }))).code).toBe("DUPLICATE");
    expect((await refusal(setSupplierTolerance(purchaser, code, { receiptTolerancePct: "5" }))).code).toBe("FORBIDDEN");
    expect((await setSupplierTolerance(manager, code, { receiptTolerancePct: "5" })).receiptTolerancePct).toBe("5");

    const sku = await makeProduct(admin);
    await createPurchaseOrder(purchaser, { supplier: code, lines: [{ sku, quantity: 1, unitPrice: "1" }] });
    const inUse = await refusal(deleteSupplier(purchaser, code));
    expect(inUse.code).toBe("IN_USE");
    expect(inUse.message).toMatch(/referenced by 1 purchase order/);

    const unused = await supplier();
    expect((await deleteSupplier(purchaser, unused)).deleted).toBe(true);
    expect((await refusal(createPurchaseOrder(purchaser, { supplier: unused, lines: [{ sku, quantity: 1, unitPrice: "1" }] }))).code).toBe("NOT_FOUND");

    await updateSupplier(purchaser, code, { active: false });
    const inactive = await refusal(createPurchaseOrder(purchaser, { supplier: code, lines: [{ sku, quantity: 1, unitPrice: "1" }] }));
    expect(inactive.message).toMatch(/inactive/);
  });

  it("keeps at most one preferred supplier per product", async () => {
    const sku = await makeProduct(admin);
    const [a, b] = [await supplier(), await supplier()];
    await setSupplierProduct(purchaser, a, { sku, preferred: true, lastPrice: "2.50", minOrderQty: 10 });
    await setSupplierProduct(purchaser, b, { sku, preferred: true, lastPrice: "2.40" });
    const links = await db.supplierProduct.findMany({ where: { product: { sku } }, include: { supplier: true } });
    expect(links.filter((l) => l.preferred).map((l) => l.supplier.code)).toEqual([b]);
  });
});

describe("orders: money and exchange rates", () => {
  it("freezes the rate of the order date and computes exact totals in order and base currency", async () => {
    const currency = "USD";
    await setExchangeRate(manager, { currency, date: "2020-01-01", rate: "6.5" });
    await setExchangeRate(manager, { currency, date: today, rate: "7.1234" });
    const s = await supplier({ currency });
    const [p1, p2] = [await makeProduct(admin), await makeProduct(admin)];
    const o = await createPurchaseOrder(purchaser, {
      supplier: s,
      lines: [
        { sku: p1, quantity: 7, unitPrice: "1.2345" }, // 8.6415 → 8.64
        { sku: p2, quantity: 3, unitPrice: "0.1" }, // 0.30
      ],
    });
    expect(o.currency).toBe("USD");
    expect(o.exchangeRate).toBe("7.1234");
    expect(o.lines.map((l) => l.amount)).toEqual(["8.64", "0.30"]);
    expect(o.total).toBe("8.94");
    expect(o.totalBase).toBe("63.68"); // 8.94 × 7.1234 = 63.683196
    expect(o.number).toMatch(/^PO\d{4}-\d{4}$/);

    // A rate entered later for today does not change a submitted order.
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    await setExchangeRate(manager, { currency, date: today, rate: "9" });
    expect((await getPurchaseOrder(viewer, o.number)).exchangeRate).toBe("7.1234");

    // No rate at all for a currency → a message a purchaser can act on.
    const gbp = await supplier({ currency: "GBP" });
    const noRate = await refusal(createPurchaseOrder(purchaser, { supplier: gbp, lines: [{ sku: p1, quantity: 1, unitPrice: "1" }] }));
    expect(noRate.message).toMatch(/No exchange rate for GBP/);
  });

  it("imports rates from CSV all or nothing", async () => {
    const bad = await refusal(importExchangeRates(manager, "currency,date,rate\nEUR,2026-01-02,7.8\nEUR,not-a-date,7.9\n"));
    expect(bad.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(bad.details)).toMatch(/row 3/);
    expect(await db.exchangeRate.count({ where: { currency: "EUR", date: new Date("2026-01-02") } })).toBe(0);
    expect(await importExchangeRates(manager, "currency,date,rate\nEUR,2026-01-02,7.8\nJPY,2026-01-02,0.0482\n")).toEqual({ imported: 2 });
    expect((await refusal(importExchangeRates(clerk, "currency,date,rate\nEUR,2026-01-03,7.8\n"))).code).toBe("FORBIDDEN");
  });
});

describe("the approval flow", () => {
  it("refuses self-approval on every channel, and counts the last editor as an author", async () => {
    const sku = await makeProduct(admin);
    const s = await supplier();
    for (const channel of ["web", "api", "import"] as const) {
      const me = { ...admin, channel };
      const o = await createPurchaseOrder(me, { supplier: s, lines: [{ sku, quantity: 1, unitPrice: "1" }] });
      await transitionPurchaseOrder(me, o.number, { action: "submit" });
      const own = await refusal(transitionPurchaseOrder(me, o.number, { action: "approve" }));
      expect(own.code).toBe("FORBIDDEN");
      expect(own.details).toMatchObject({ reason: "own_order" });
      expect((await getPurchaseOrder(viewer, o.number)).status).toBe("submitted");
    }
    // An admin who last edited someone else's draft may not approve it either.
    const o = await createPurchaseOrder(purchaser, { supplier: s, lines: [{ sku, quantity: 1, unitPrice: "1" }] });
    await updatePurchaseOrder(admin, o.number, { supplier: s, lines: [{ sku, quantity: 2, unitPrice: "1" }] });
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    expect((await refusal(transitionPurchaseOrder(admin, o.number, { action: "approve" }))).details).toMatchObject({ reason: "own_order" });
    expect((await transitionPurchaseOrder(approver, o.number, { action: "approve" })).status).toBe("approved");
  });

  it("walks draft → submitted → rejected → draft → submitted → approved, with the timeline and audit", async () => {
    const sku = await makeProduct(admin);
    const o = await createPurchaseOrder(purchaser, { supplier: await supplier(), lines: [{ sku, quantity: 5, unitPrice: "2" }] });
    expect((await refusal(transitionPurchaseOrder(purchaser, o.number, { action: "approve" }))).code).toBe("INVALID_TRANSITION");
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    expect((await refusal(updatePurchaseOrder(purchaser, o.number, { supplier: o.supplier.code, lines: [{ sku, quantity: 1, unitPrice: "1" }] }))).code).toBe("INVALID_TRANSITION");
    expect((await refusal(transitionPurchaseOrder(approver, o.number, { action: "reject" }))).code).toBe("VALIDATION_FAILED");
    const rejected = await transitionPurchaseOrder(approver, o.number, { action: "reject", reason: "Price too high" });
    expect(rejected).toMatchObject({ status: "rejected", rejectReason: "Price too high" });
    expect((await refusal(transitionPurchaseOrder(approver, o.number, { action: "reopen" }))).code).toBe("FORBIDDEN");
    await transitionPurchaseOrder(purchaser, o.number, { action: "reopen" });
    await updatePurchaseOrder(purchaser, o.number, { supplier: o.supplier.code, lines: [{ sku, quantity: 5, unitPrice: "1.80" }] });
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    const invalid = await refusal(transitionPurchaseOrder(approver, o.number, { action: "close" }));
    expect(invalid.details).toEqual({ from: "submitted", to: "closed", allowed: ["approve", "reject", "cancel"] });
    const approved = await transitionPurchaseOrder(approver, o.number, { action: "approve" });
    expect(approved.status).toBe("approved");
    const again = await refusal(transitionPurchaseOrder(approver2, o.number, { action: "approve" }));
    expect(again.code).toBe("INVALID_TRANSITION");
    expect(again.details).toEqual({ from: "approved", to: "approved", allowed: ["cancel"] });
    expect(approved.events.map((e) => [e.action, e.toStatus])).toEqual([
      ["create", "draft"],
      ["submit", "submitted"],
      ["reject", "rejected"],
      ["reopen", "draft"],
      ["edit", "draft"],
      ["submit", "submitted"],
      ["approve", "approved"],
    ]);
    const audit = await db.auditLog.findMany({ where: { entity: "purchase_order", entityId: o.id }, orderBy: { id: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual([
      "purchase_order.create",
      "purchase_order.submit",
      "purchase_order.reject",
      "purchase_order.reopen",
      "purchase_order.update",
      "purchase_order.submit",
      "purchase_order.approve",
    ]);
  });

  it("needs an approver and then a manager above the threshold", async () => {
    await setPurchasingSettings(manager, { approvalThreshold: "1000" });
    try {
      const sku = await makeProduct(admin);
      const s = await supplier();
      const small = await createPurchaseOrder(purchaser, { supplier: s, lines: [{ sku, quantity: 10, unitPrice: "100" }] }); // = 1000, not above
      await transitionPurchaseOrder(purchaser, small.number, { action: "submit" });
      expect((await transitionPurchaseOrder(approver, small.number, { action: "approve" })).status).toBe("approved");

      const big = await createPurchaseOrder(purchaser, { supplier: s, lines: [{ sku, quantity: 10, unitPrice: "100.01" }] });
      const submitted = await transitionPurchaseOrder(purchaser, big.number, { action: "submit" });
      expect(submitted.approvalsRequired).toBe(2);
      expect((await refusal(transitionPurchaseOrder(manager, big.number, { action: "approve" }))).details).toMatchObject({ reason: "role" });
      const first = await transitionPurchaseOrder(approver, big.number, { action: "approve" });
      expect(first).toMatchObject({ status: "submitted", approvals: 1 });
      expect((await refusal(transitionPurchaseOrder(approver2, big.number, { action: "approve" }))).details).toMatchObject({ reason: "role", action: "purchase.finalApprove" });
      const second = await transitionPurchaseOrder(manager, big.number, { action: "approve" });
      expect(second).toMatchObject({ status: "approved", approvals: 2 });
      expect(second.events.filter((e) => e.action === "approve").map((e) => e.data)).toEqual([{ step: 1, of: 2 }, { step: 2, of: 2 }]);

      // An admin who gave the first approval cannot give the second.
      const big2 = await createPurchaseOrder(purchaser, { supplier: s, lines: [{ sku, quantity: 20, unitPrice: "100" }] });
      await transitionPurchaseOrder(purchaser, big2.number, { action: "submit" });
      await transitionPurchaseOrder(admin, big2.number, { action: "approve" });
      expect((await refusal(transitionPurchaseOrder(admin, big2.number, { action: "approve" }))).details).toMatchObject({ reason: "same_approver" });
    } finally {
      await setPurchasingSettings(manager, { approvalThreshold: null });
    }
  });
});

describe("receiving", () => {
  it("posts one `in` movement per receipt at the base-currency cost, with lots, and moves the order on", async () => {
    await setExchangeRate(manager, { currency: "EUR", date: "2020-01-01", rate: "7.8" });
    const s = await supplier({ currency: "EUR" });
    const plain = await makeProduct(admin);
    const lotted = await makeProduct(admin, { tracking: "lot" });
    const number = await approvedOrder(
      [
        { sku: plain, quantity: 10, unitPrice: "2.5" },
        { sku: lotted, quantity: 4, unitPrice: "1.2345" },
      ],
      { supplier: s },
    );
    // The lot is required for a lot-tracked line.
    expect((await refusal(receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: lotted, quantity: 1 }] }))).message).toMatch(/lot-tracked/);
    expect((await refusal(receivePurchaseOrder(purchaser, number, { location: loc, lines: [{ sku: plain, quantity: 1 }] }))).code).toBe("FORBIDDEN");

    const first = await receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: plain, quantity: 4 }, { sku: lotted, quantity: 4, lot: "L-1", expiresAt: "2030-01-01" }] });
    expect(first.replayed).toBe(false);
    expect(first.result.status).toBe("partially_received");
    expect(first.result.lines).toEqual([
      { sku: plain, quantity: 10, receivedQuantity: 4, openQuantity: 6 },
      { sku: lotted, quantity: 4, receivedQuantity: 4, openQuantity: 0 },
    ]);
    const mv = await db.movement.findUniqueOrThrow({ where: { number: first.result.movement }, include: { lines: { orderBy: { lineNo: "asc" } } } });
    expect(mv).toMatchObject({ type: "in", reference: number });
    expect(mv.lines.map((l) => [l.quantity, l.unitCost?.toString(), l.lotCode])).toEqual([
      [4, "19.5", null], // 2.5 × 7.8
      [4, "9.6291", "L-1"], // 1.2345 × 7.8 = 9.6291
    ]);
    const lot = await db.lot.findFirstOrThrow({ where: { product: { sku: lotted }, code: "L-1" } });
    expect(lot.unitCost?.toString()).toBe("9.6291");
    expect(await levelOf(plain, loc)).toBe(4);

    // Over the open quantity → refused with what is open; nothing posted.
    const over = await refusal(receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: plain, quantity: 7 }] }));
    expect(over.details).toMatchObject({ reason: "OVER_RECEIPT", sku: plain, open: 6, requested: 7 });
    expect(await levelOf(plain, loc)).toBe(4);
    // Not on the order.
    const other = await makeProduct(admin);
    expect((await refusal(receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: other, quantity: 1 }] }))).message).toMatch(/is not on/);
    // Cancelling after a receipt is refused.
    const cancel = await refusal(transitionPurchaseOrder(approver, number, { action: "cancel" }));
    expect(cancel.code).toBe("INVALID_TRANSITION");
    expect(cancel.details).toMatchObject({ from: "partially_received", allowed: ["close"] });

    // The rest, idempotently.
    const rest = await receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: plain, quantity: 6 }] }, { idempotencyKey: `rest-${number}` });
    expect(rest.result.status).toBe("received");
    const replay = await receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: plain, quantity: 6 }] }, { idempotencyKey: `rest-${number}` });
    expect(replay).toEqual({ result: rest.result, replayed: true });
    expect((await refusal(receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: plain, quantity: 5 }] }, { idempotencyKey: `rest-${number}` }))).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await levelOf(plain, loc)).toBe(10);
    expect(await db.movement.count({ where: { reference: number } })).toBe(2);

    const o = await getPurchaseOrder(manager, number);
    expect(o.receipts).toHaveLength(2);
    expect(o.allowedTransitions).toEqual(["close"]);
    expect((await transitionPurchaseOrder(manager, number, { action: "close" })).status).toBe("closed");
    expect((await refusal(receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku: plain, quantity: 1 }] }))).code).toBe("INVALID_TRANSITION");

    // The valuation report values the received stock at the purchase price in base currency.
    const val = await valuationReport.fetch(valuationReport.filters.parse({ q: plain }), undefined, 10);
    const row = val.items.find((r) => r.sku === plain)!;
    expect(Number(row.value)).toBeCloseTo(10 * 19.5, 4);
  });

  it("two clerks receiving the last 5 units at once: one succeeds, the other is told what is open", async () => {
    const sku = await makeProduct(admin);
    const number = await approvedOrder([{ sku, quantity: 5, unitPrice: "1" }]);
    const results = await Promise.allSettled([
      receivePurchaseOrder(clerk, number, { location: loc, lines: [{ sku, quantity: 5 }] }),
      receivePurchaseOrder(clerk2, number, { location: loc, lines: [{ sku, quantity: 5 }] }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(AppError);
    expect(failed[0].reason.details).toMatchObject({ reason: "OVER_RECEIPT", open: 0, requested: 5 });
    expect(failed[0].reason.message).toMatch(/Nothing of .* is open/);
    expect(await levelOf(sku, loc)).toBe(5);
    expect((await getPurchaseOrder(viewer, number)).status).toBe("received");
  });

  it("many parallel receipts of one line never exceed the ordered quantity plus tolerance", async () => {
    const sku = await makeProduct(admin);
    const s = await supplier();
    await setSupplierTolerance(manager, s, { receiptTolerancePct: "10" });
    const number = await approvedOrder([{ sku, quantity: 20, unitPrice: "1" }], { supplier: s });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => receivePurchaseOrder(i % 2 ? clerk : clerk2, number, { location: loc, lines: [{ sku, quantity: 2 }] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(11); // 22 = 20 + 10 %
    const o = await getPurchaseOrder(viewer, number);
    expect(o.lines[0].receivedQuantity).toBe(22);
    expect(await levelOf(sku, loc)).toBe(22);
  });
});

describe("reorder suggestions → draft orders", () => {
  it("groups suggested quantities by preferred supplier, respects the minimum order, lists the rest apart", async () => {
    const [a, b] = [await supplier(), await supplier()];
    const tag = uniq("RO");
    const mk = () => makeProduct(admin, { name: `${tag} product`, minStock: 10 });
    const [p1, p2, p3, p4] = [await mk(), await mk(), await mk(), await mk()];
    // Consumption: receive 100 then issue 60 of each, so available 40 < … no: min 10; issue to 5.
    for (const sku of [p1, p2, p3, p4]) {
      await (await import("@/lib/stock/post-movement")).postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 65 }] });
      await (await import("@/lib/stock/post-movement")).postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity: 60 }] });
    }
    await setSupplierProduct(purchaser, a, { sku: p1, preferred: true, lastPrice: "3.10", minOrderQty: 100 });
    await setSupplierProduct(purchaser, a, { sku: p2, preferred: true, lastPrice: "1.00" });
    await setSupplierProduct(purchaser, b, { sku: p3, preferred: true });
    await setSupplierProduct(purchaser, b, { sku: p4 }); // not preferred → listed apart

    expect((await refusal(createReorderDrafts(approver, { q: tag }))).code).toBe("FORBIDDEN");
    const r = await createReorderDrafts(purchaser, { q: tag, coverDays: 30 });
    // 60 consumed in 30 days, cover 30 days, 5 on hand → 55 suggested.
    expect(r.orders.map((o) => [o.supplier, o.lines])).toEqual([a, b].sort().map((s) => [s, s === a ? 2 : 1]));
    expect(r.withoutSupplier.map((w) => [w.sku, w.suggested])).toEqual([[p4, 55]]);
    const orderA = await getPurchaseOrder(purchaser, r.orders.find((o) => o.supplier === a)!.number);
    expect(orderA.status).toBe("draft");
    // Lines in the report's order (by SKU).
    expect(orderA.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual(
      [
        [p1, 100, "3.10"],
        [p2, 55, "1.00"],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });
});
