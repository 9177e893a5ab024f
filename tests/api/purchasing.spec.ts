// Purchasing through HTTP against the production build: the contract of docs/api.md "Purchasing" —
// suppliers, exchange rates, settings, purchase orders through their state table, receipts and
// reorder drafts. Everything is created here with codes unique to the run; demo purchasing data is
// never relied on. The steps share state (one order goes draft → … → closed), so the file is serial.
import { expect, test } from "@playwright/test";
import { API, as, call, expectError, expectPage, expectStatus, issuePaths, unique, type Json, type Role } from "./support";

test.describe.configure({ mode: "serial" });

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Yesterday, today and tomorrow (UTC): whatever the company's time zone, its "today" is among them. */
const AROUND_TODAY = [utcDay(-1), utcDay(0), utcDay(1)];

// What the steps share.
const S = {
  supplier: unique("SUP"), // the main supplier, currency CHF
  skuA: unique("POA"),
  skuB: unique("POB"),
  skuBig: unique("POBIG"),
  skuR1: unique("POR"), // reorder: has a preferred supplier
  skuR2: unique("POR"), // reorder: has none
  location: unique("POL"),
  order1: "", // CHF order: draft → submitted → approved → receipts → closed
  order2: "", // rejected and reopened
  threshold: null as string | null, // the company's approval threshold before this file ran
};

test.beforeAll(async ({ request }) => {
  // The approval threshold is company-wide: these steps expect one approval unless they set it.
  S.threshold = (await expectStatus(await call(request, "viewer", "GET", "/purchasing/settings"), 200)).approvalThreshold;
  await expectStatus(await call(request, "manager", "PUT", "/purchasing/settings", { approvalThreshold: null }), 200);
  for (const [sku, minStock] of [[S.skuA, 0], [S.skuB, 0], [S.skuBig, 0], [S.skuR1, 5], [S.skuR2, 5]] as const) {
    await expectStatus(await call(request, "manager", "POST", "/products", { sku, name: `Purchasing ${sku}`, minStock }), 201);
  }
  await expectStatus(await call(request, "manager", "POST", "/locations", { code: S.location, warehouse: "WH" }), 201);
  // The rate the CHF orders freeze: 2.5 base (CNY) units per franc, on every day the order date can be.
  for (const date of AROUND_TODAY) {
    await expectStatus(await call(request, "manager", "POST", "/exchange-rates", { currency: "CHF", date, rate: "2.5" }), 201);
  }
});

test.afterAll(async ({ request }) => {
  // Leave the company's threshold as it was.
  await call(request, "manager", "PUT", "/purchasing/settings", { approvalThreshold: S.threshold });
});

test.describe("suppliers", () => {
  test("create, read, list, update; codes are upper case and unique", async ({ request }) => {
    const created = await expectStatus(
      await call(request, "purchaser", "POST", "/suppliers", { code: S.supplier.toLowerCase(), name: "Swiss Parts AG", currency: "chf", email: "orders@swiss.example", leadTimeDays: 7 }),
      201,
    );
    expect(created).toMatchObject({ code: S.supplier, name: "Swiss Parts AG", currency: "CHF", email: "orders@swiss.example", leadTimeDays: 7, receiptTolerancePct: "0", active: true, deleted: false });
    expect(typeof created.id).toBe("string");

    const dup = await expectError(await call(request, "purchaser", "POST", "/suppliers", { code: S.supplier, name: "Again", currency: "CHF" }), 409, "DUPLICATE");
    expect(issuePaths(dup)).toEqual(["code"]);
    const bad = await expectError(await call(request, "purchaser", "POST", "/suppliers", { code: unique("SUP"), name: "", currency: "francs", email: "nope" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(bad).sort()).toEqual(["currency", "email", "name"]);

    const got = await expectStatus(await call(request, "viewer", "GET", `/suppliers/${S.supplier.toLowerCase()}`), 200);
    expect(got).toMatchObject({ code: S.supplier, products: [] });
    const page = await expectPage<Json>(await call(request, "viewer", "GET", `/suppliers?q=${S.supplier}&active=true`));
    expect(page.items.map((s) => s.code)).toEqual([S.supplier]);

    const patched = await expectStatus(await call(request, "purchaser", "PATCH", `/suppliers/${S.supplier}`, { name: "Swiss Parts AG (Basel)", phone: "" }), 200);
    expect(patched).toMatchObject({ code: S.supplier, name: "Swiss Parts AG (Basel)", phone: null, currency: "CHF" });
    await expectError(await call(request, "purchaser", "PATCH", `/suppliers/${unique("NOSUP")}`, { name: "x" }), 404, "NOT_FOUND");
  });

  test("only supplier.write may change suppliers: viewer and clerk → 403", async ({ request }) => {
    for (const role of ["viewer", "clerk", "approver"] as const) {
      const e = await expectError(await call(request, role, "POST", "/suppliers", { code: unique("SUP"), name: "Nope", currency: "CNY" }), 403, "FORBIDDEN");
      expect(e.details).toMatchObject({ action: "supplier.write" });
    }
    await expectError(await call(request, "clerk", "PATCH", `/suppliers/${S.supplier}`, { name: "x" }), 403, "FORBIDDEN");
    await expectError(await call(request, "viewer", "DELETE", `/suppliers/${S.supplier}`), 403, "FORBIDDEN");
    expect((await request.get(`${API}/suppliers`)).status()).toBe(401);
  });

  test("products a supplier sells: set, read back, make preferred, remove → 204", async ({ request }) => {
    const set = await expectStatus(
      await call(request, "purchaser", "PUT", `/suppliers/${S.supplier}/products`, { sku: S.skuA, supplierSku: "CH-A", lastPrice: "19.99", minOrderQty: 2, preferred: true }),
      200,
    );
    expect(set).toEqual({ sku: S.skuA, name: `Purchasing ${S.skuA}`, supplierSku: "CH-A", lastPrice: "19.99", currency: "CHF", minOrderQty: 2, preferred: true });
    // Set again: an update, not a second row.
    await expectStatus(await call(request, "purchaser", "PUT", `/suppliers/${S.supplier}/products`, { sku: S.skuA, minOrderQty: 3 }), 200);
    await expectStatus(await call(request, "purchaser", "PUT", `/suppliers/${S.supplier}/products`, { sku: S.skuB }), 200);
    const got = await expectStatus(await call(request, "viewer", "GET", `/suppliers/${S.supplier}`), 200);
    expect(got.products).toEqual([
      { sku: S.skuA, name: `Purchasing ${S.skuA}`, supplierSku: "CH-A", lastPrice: "19.99", currency: "CHF", minOrderQty: 3, preferred: true },
      { sku: S.skuB, name: `Purchasing ${S.skuB}`, supplierSku: null, lastPrice: null, currency: null, minOrderQty: 1, preferred: false },
    ]);

    const unknown = await expectError(await call(request, "purchaser", "PUT", `/suppliers/${S.supplier}/products`, { sku: unique("NOSKU") }), 422, "VALIDATION_FAILED");
    expect(issuePaths(unknown)).toEqual(["sku"]);
    await expectError(await call(request, "clerk", "PUT", `/suppliers/${S.supplier}/products`, { sku: S.skuB }), 403, "FORBIDDEN");

    const removed = await call(request, "purchaser", "DELETE", `/suppliers/${S.supplier}/products/${S.skuB}`);
    expect(removed.status(), await removed.text()).toBe(204);
    expect((await removed.body()).length).toBe(0);
    await expectError(await call(request, "purchaser", "DELETE", `/suppliers/${S.supplier}/products/${S.skuB}`), 404, "NOT_FOUND");
    expect((await expectStatus(await call(request, "viewer", "GET", `/suppliers/${S.supplier}`), 200)).products.map((p: Json) => p.sku)).toEqual([S.skuA]);
  });

  test("receipt tolerance: managers only", async ({ request }) => {
    const e = await expectError(await call(request, "purchaser", "PUT", `/suppliers/${S.supplier}/tolerance`, { receiptTolerancePct: "5" }), 403, "FORBIDDEN");
    expect(e.details).toMatchObject({ action: "purchase.settings" });
    expect(issuePaths(await expectError(await call(request, "manager", "PUT", `/suppliers/${S.supplier}/tolerance`, { receiptTolerancePct: "101" }), 422, "VALIDATION_FAILED"))).toEqual(["receiptTolerancePct"]);
    const ok = await expectStatus(await call(request, "manager", "PUT", `/suppliers/${S.supplier}/tolerance`, { receiptTolerancePct: 5 }), 200);
    expect(ok).toMatchObject({ code: S.supplier, receiptTolerancePct: "5" });
  });

  test("delete: 200 with the supplier, then gone", async ({ request }) => {
    const code = unique("SUPDEL");
    await expectStatus(await call(request, "purchaser", "POST", "/suppliers", { code, name: "Short-lived", currency: "CNY" }), 201);
    const deleted = await expectStatus(await call(request, "purchaser", "DELETE", `/suppliers/${code}`), 200);
    expect(deleted).toMatchObject({ code, deleted: true, active: false });
    await expectError(await call(request, "viewer", "GET", `/suppliers/${code}`), 404, "NOT_FOUND");
    await expectError(await call(request, "purchaser", "DELETE", `/suppliers/${code}`), 404, "NOT_FOUND");
    const page = await expectPage<Json>(await call(request, "viewer", "GET", `/suppliers?q=${code}`));
    expect(page.items).toEqual([]);
  });
});

test.describe("exchange rates and settings", () => {
  test("set and list; managers only; the base currency has no rate", async ({ request }) => {
    for (const role of ["purchaser", "viewer", "approver"] as const) {
      await expectError(await call(request, role, "POST", "/exchange-rates", { currency: "PLN", date: "2026-01-05", rate: "0.65" }), 403, "FORBIDDEN");
    }
    const set = await expectStatus(await call(request, "manager", "POST", "/exchange-rates", { currency: "pln", date: "2026-01-05", rate: "0.6543210987" }), 201);
    expect(set).toMatchObject({ currency: "PLN", date: "2026-01-05", rate: "0.6543210987" });
    // The same currency and date again replaces the rate.
    await expectStatus(await call(request, "manager", "POST", "/exchange-rates", { currency: "PLN", date: "2026-01-05", rate: 0.66 }), 201);
    await expectStatus(await call(request, "manager", "POST", "/exchange-rates", { currency: "PLN", date: "2026-01-06", rate: "0.67" }), 201);

    const list = await expectStatus(await call(request, "viewer", "GET", "/exchange-rates?currency=pln"), 200);
    expect(Object.keys(list).sort()).toEqual(["baseCurrency", "items", "nextCursor"]);
    expect(list.baseCurrency).toBe("CNY");
    expect(list.items.map((r: Json) => [r.date, r.rate])).toEqual([["2026-01-06", "0.67"], ["2026-01-05", "0.66"]]);
    // Paged: newest first, the cursor continues.
    const first = await expectStatus(await call(request, "viewer", "GET", "/exchange-rates?currency=PLN&limit=1"), 200);
    expect(first.items.map((r: Json) => r.date)).toEqual(["2026-01-06"]);
    const next = await expectStatus(await call(request, "viewer", "GET", `/exchange-rates?currency=PLN&limit=1&cursor=${first.nextCursor}`), 200);
    expect(next.items.map((r: Json) => r.date)).toEqual(["2026-01-05"]);

    // A cursor we did not issue, even one of the right shape → 422 on `cursor`, never a 5xx.
    for (const forged of [{ d: "garbage", c: "PLN" }, { d: "0000-01-01", c: "PLN" }, "x"]) {
      expect(issuePaths(await expectError(await call(request, "viewer", "GET", `/exchange-rates?cursor=${b64(forged)}`), 422, "VALIDATION_FAILED"))).toEqual(["cursor"]);
    }
    // Tiny rates come back as plain decimals, never in exponent notation.
    expect((await expectStatus(await call(request, "manager", "POST", "/exchange-rates", { currency: "VND", date: "2099-01-01", rate: "0.0000001" }), 201)).rate).toBe("0.0000001");
    expect((await expectStatus(await call(request, "viewer", "GET", "/exchange-rates?currency=VND"), 200)).items[0].rate).toBe("0.0000001");
    expect(issuePaths(await expectError(await call(request, "manager", "POST", "/exchange-rates", { currency: "CNY", date: "2026-01-05", rate: "1" }), 422, "VALIDATION_FAILED"))).toEqual(["currency"]);
    const bad = await expectError(await call(request, "manager", "POST", "/exchange-rates", { currency: "PLN", date: "2026-02-30", rate: "0" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(bad).sort()).toEqual(["date", "rate"]);
  });

  test("CSV import: all rows or none, a bad row named; text/csv only", async ({ request }) => {
    const post = async (role: Role, body: string, contentType = "text/csv; charset=utf-8") => {
      const auth = await as(request, role);
      return request.post(`${API}/exchange-rates/import`, { headers: { ...auth.headers, "Content-Type": contentType }, data: Buffer.from(body, "utf8") });
    };
    const ok = await expectStatus(await post("manager", "currency,date,rate\nCZK,2026-01-05,0.6411\nhuf,2026-01-05,0.9876543\n"), 201);
    expect(ok).toEqual({ imported: 2 });
    const nok = await expectStatus(await call(request, "viewer", "GET", "/exchange-rates?currency=CZK"), 200);
    expect(nok.items).toEqual([expect.objectContaining({ currency: "CZK", date: "2026-01-05", rate: "0.6411" })]);

    // Row 3 (the second data row) is bad: nothing is written, not even row 2.
    const bad = await expectError(await post("manager", "currency;date;rate\nCZK;2026-01-07;0.65\nCZK;2026-01-08;-1\n"), 422, "VALIDATION_FAILED");
    expect([...new Set(issuePaths(bad))]).toEqual(["row 3.rate"]);
    expect(bad.message).toContain("nothing was imported");
    const after = await expectStatus(await call(request, "viewer", "GET", "/exchange-rates?currency=CZK"), 200);
    expect(after.items.map((r: Json) => r.date)).toEqual(["2026-01-05"]);

    await expectError(await post("manager", '{"currency":"CZK"}', "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(await post("manager", "currency,date,rate\n", "text/csv"), 422, "VALIDATION_FAILED");
    await expectError(await post("purchaser", "currency,date,rate\nCZK,2026-01-09,0.6\n"), 403, "FORBIDDEN");
  });

  test("settings: everyone reads, managers set the approval threshold", async ({ request }) => {
    expect(Object.keys(await expectStatus(await call(request, "viewer", "GET", "/purchasing/settings"), 200)).sort()).toEqual(["approvalThreshold", "baseCurrency"]);
    for (const role of ["purchaser", "approver", "clerk"] as const) {
      await expectError(await call(request, role, "PUT", "/purchasing/settings", { approvalThreshold: "100" }), 403, "FORBIDDEN");
    }
    expect(issuePaths(await expectError(await call(request, "manager", "PUT", "/purchasing/settings", { approvalThreshold: "-5" }), 422, "VALIDATION_FAILED"))).toEqual(["approvalThreshold"]);
    expect(await expectStatus(await call(request, "manager", "PUT", "/purchasing/settings", { approvalThreshold: "" }), 200)).toEqual({ baseCurrency: "CNY", approvalThreshold: null });
  });
});

test.describe("purchase orders", () => {
  test("a purchaser creates a draft in a foreign currency: amounts and totalBase exact, rounded half-even", async ({ request }) => {
    const res = await call(request, "purchaser", "POST", "/purchase-orders", {
      supplier: S.supplier.toLowerCase(),
      currency: "CHF",
      expectedDate: "2030-01-15",
      notes: "First order",
      lines: [
        { sku: S.skuA, quantity: 3, unitPrice: "19.99" },
        { sku: S.skuB.toLowerCase(), quantity: 1, unitPrice: "0.125" },
      ],
    });
    const o = await expectStatus(res, 201);
    S.order1 = o.number;
    expect(o).toMatchObject({
      status: "draft",
      supplier: { code: S.supplier, name: "Swiss Parts AG (Basel)" },
      currency: "CHF",
      baseCurrency: "CNY",
      exchangeRate: "2.5",
      // 3 × 19.99 = 59.97; 1 × 0.125 = 0.125 → 0.12 (half-even); 60.09 × 2.5 = 150.225 → 150.22 (half-even).
      total: "60.09",
      totalBase: "150.22",
      expectedDate: "2030-01-15",
      notes: "First order",
      approvalsRequired: 1,
      approvals: 0,
      rejectReason: null,
      createdBy: { email: "purchaser@example.com" },
      lastEditedBy: { email: "purchaser@example.com" },
      allowedTransitions: ["submit"],
      canEdit: true,
      canReceive: false,
      receipts: [],
    });
    expect(o.lines).toEqual([
      expect.objectContaining({ lineNo: 1, sku: S.skuA, quantity: 3, unitPrice: "19.99", amount: "59.97", receivedQuantity: 0, openQuantity: 3, tracking: "none" }),
      expect.objectContaining({ lineNo: 2, sku: S.skuB, quantity: 1, unitPrice: "0.125", amount: "0.12", receivedQuantity: 0, openQuantity: 1 }),
    ]);
    expect(o.events).toEqual([expect.objectContaining({ action: "create", fromStatus: null, toStatus: "draft", channel: "api" })]);
    expect(AROUND_TODAY).toContain(o.orderDate);

    // The answer has exactly the documented fields.
    const doc = (await (await request.get(`${API}/openapi.json`)).json()) as { components: { schemas: Record<string, { required?: string[] }> } };
    expect(Object.keys(o).sort()).toEqual([...doc.components.schemas.PurchaseOrder.required!].sort());
    const got = await expectStatus(await call(request, "viewer", "GET", `/purchase-orders/${S.order1.toLowerCase()}`), 200);
    expect(got).toMatchObject({ number: S.order1, total: "60.09", allowedTransitions: [], canEdit: false });
  });

  test("creation refused: no rate for the currency, unknown product, duplicate line, wrong role", async ({ request }) => {
    const line = { sku: S.skuA, quantity: 1, unitPrice: "1" };
    const noRate = await expectError(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, currency: "ISK", lines: [line] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(noRate)).toEqual(["currency"]);
    expect(noRate.message).toContain("ISK");
    const unknown = await expectError(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, lines: [line, { ...line, sku: unique("NOSKU") }] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(unknown)).toEqual(["lines.1.sku"]);
    const dup = await expectError(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, lines: [line, { ...line, sku: S.skuA.toLowerCase() }] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(dup)).toEqual(["lines.1.sku"]);
    const shape = await expectError(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, lines: [{ sku: S.skuA, quantity: 0, unitPrice: "-1" }] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(shape).sort()).toEqual(["lines.0.quantity", "lines.0.unitPrice"]);
    await expectError(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: unique("NOSUP"), lines: [line] }), 404, "NOT_FOUND");
    for (const role of ["approver", "clerk", "viewer", "manager"] as const) {
      await expectError(await call(request, role, "POST", "/purchase-orders", { supplier: S.supplier, lines: [line] }), 403, "FORBIDDEN");
    }
  });

  test("PATCH replaces a draft as a whole", async ({ request }) => {
    const o = await expectStatus(
      await call(request, "purchaser", "PATCH", `/purchase-orders/${S.order1}`, {
        supplier: S.supplier,
        currency: "CHF",
        lines: [
          { sku: S.skuA, quantity: 4, unitPrice: "19.99" },
          { sku: S.skuB, quantity: 2, unitPrice: "0.125" },
        ],
      }),
      200,
    );
    // 79.96 + 0.25 = 80.21; × 2.5 = 200.525 → 200.52 (half-even). Fields not sent are cleared: a replacement.
    expect(o).toMatchObject({ number: S.order1, status: "draft", total: "80.21", totalBase: "200.52", expectedDate: null, notes: null });
    expect(o.lines.map((l: Json) => [l.sku, l.quantity, l.amount])).toEqual([[S.skuA, 4, "79.96"], [S.skuB, 2, "0.25"]]);
    expect(o.events.map((e: Json) => e.action)).toEqual(["create", "edit"]);
    await expectError(await call(request, "approver", "PATCH", `/purchase-orders/${S.order1}`, { supplier: S.supplier, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 403, "FORBIDDEN");
    await expectError(await call(request, "purchaser", "PATCH", `/purchase-orders/${unique("PO")}`, { supplier: S.supplier, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 404, "NOT_FOUND");
    // Not a merge: a body without lines is refused.
    expect(issuePaths(await expectError(await call(request, "purchaser", "PATCH", `/purchase-orders/${S.order1}`, { supplier: S.supplier, notes: "only this" }), 422, "VALIDATION_FAILED"))).toEqual(["lines"]);
  });

  test("submit; the purchaser cannot approve; the approver approves; approving again → 409 with details.allowed", async ({ request }) => {
    const submitted = await expectStatus(await call(request, "purchaser", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "submit" }), 200);
    expect(submitted).toMatchObject({ status: "submitted", approvalsRequired: 1, approvals: 0, allowedTransitions: [], canEdit: false });
    expect(submitted.events.at(-1)).toMatchObject({ action: "submit", fromStatus: "draft", toStatus: "submitted", data: { approvalsRequired: 1 } });

    // Purchasers lack purchase.approve altogether.
    const own = await expectError(await call(request, "purchaser", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "approve" }), 403, "FORBIDDEN");
    expect(own.details).toMatchObject({ reason: "role", action: "purchase.approve" });
    await expectError(await call(request, "purchaser", "PATCH", `/purchase-orders/${S.order1}`, { supplier: S.supplier, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "1" }] }), 409, "INVALID_TRANSITION");
    expect((await expectStatus(await call(request, "approver", "GET", `/purchase-orders/${S.order1}`), 200)).allowedTransitions).toEqual(["approve", "reject", "cancel"]);

    const approved = await expectStatus(await call(request, "approver", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "approve" }), 200);
    expect(approved).toMatchObject({ status: "approved", approvals: 1, allowedTransitions: ["cancel"] });
    expect(approved.events.at(-1)).toMatchObject({ action: "approve", fromStatus: "submitted", toStatus: "approved", actor: { email: "approver@example.com" }, data: { step: 1, of: 1 } });

    const again = await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "approve" }), 409, "INVALID_TRANSITION");
    expect(again.details).toEqual({ from: "approved", to: "approved", allowed: ["cancel"] });
    expect(issuePaths(await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "ship" }), 422, "VALIDATION_FAILED"))).toEqual(["action"]);
    await expectError(await call(request, "approver", "POST", `/purchase-orders/${unique("PO")}/transitions`, { action: "approve" }), 404, "NOT_FOUND");

    const list = await expectPage<Json>(await call(request, "viewer", "GET", `/purchase-orders?supplier=${S.supplier.toLowerCase()}&status=approved`));
    expect(list.items.map((o) => o.number)).toContain(S.order1);
    expect(Object.keys(list.items[0]).sort()).toEqual(
      ["id", "number", "status", "supplier", "currency", "total", "baseCurrency", "totalBase", "orderDate", "expectedDate", "createdBy", "createdAt", "updatedAt"].sort(),
    );
    expect((await expectPage<Json>(await call(request, "viewer", "GET", `/purchase-orders?supplier=${S.supplier}&status=draft`))).items).toEqual([]);
    expect((await expectPage<Json>(await call(request, "viewer", "GET", `/purchase-orders?q=${S.order1}`))).items.map((o) => o.number)).toContain(S.order1);
    await expectError(await call(request, "viewer", "GET", "/purchase-orders?status=shipped"), 422, "VALIDATION_FAILED");
    for (const forged of [{ t: "0000-01-01T00:00:00Z", id: "00000000-0000-4000-8000-000000000000" }, { t: "x", id: "y" }]) {
      await expectError(await call(request, "viewer", "GET", `/purchase-orders?cursor=${b64(forged)}`), 422, "VALIDATION_FAILED");
    }
    await expectError(await call(request, "viewer", "GET", `/suppliers?cursor=${b64("\u0000")}`), 422, "VALIDATION_FAILED");
  });

  test("reject needs a reason; a rejected order reopens as a draft", async ({ request }) => {
    const o = await expectStatus(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, lines: [{ sku: S.skuB, quantity: 5, unitPrice: "1.10" }] }), 201);
    S.order2 = o.number;
    expect(o).toMatchObject({ currency: "CHF", total: "5.50", totalBase: "13.75" });
    await expectStatus(await call(request, "purchaser", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "submit" }), 200);

    const noReason = await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "reject" }), 422, "VALIDATION_FAILED");
    expect(issuePaths(noReason)).toEqual(["reason"]);
    await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "reject", reason: "   " }), 422, "VALIDATION_FAILED");
    const rejected = await expectStatus(await call(request, "approver", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "reject", reason: "Price too high" }), 200);
    expect(rejected).toMatchObject({ status: "rejected", rejectReason: "Price too high" });
    expect(rejected.events.at(-1)).toMatchObject({ action: "reject", reason: "Price too high" });

    await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "reopen" }), 403, "FORBIDDEN");
    const reopened = await expectStatus(await call(request, "purchaser", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "reopen" }), 200);
    expect(reopened).toMatchObject({ status: "draft", canEdit: true, allowedTransitions: ["submit"] });
    const approveDraft = await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "approve" }), 409, "INVALID_TRANSITION");
    expect(approveDraft.details).toEqual({ from: "draft", to: "approved", allowed: ["submit", "cancel"] });
    // A draft cannot be received.
    await expectError(await call(request, "clerk", "POST", `/purchase-orders/${S.order2}/receipts`, { location: S.location, lines: [{ sku: S.skuB, quantity: 1 }] }), 409, "INVALID_TRANSITION");
    const cancelled = await expectStatus(await call(request, "approver", "POST", `/purchase-orders/${S.order2}/transitions`, { action: "cancel" }), 200);
    expect(cancelled).toMatchObject({ status: "cancelled", allowedTransitions: [] });
  });

  test("nobody approves their own order: the admin who created it → 403 own_order", async ({ request }) => {
    const o = await expectStatus(await call(request, "admin", "POST", "/purchase-orders", { supplier: S.supplier, lines: [{ sku: S.skuA, quantity: 1, unitPrice: "2" }] }), 201);
    await expectStatus(await call(request, "admin", "POST", `/purchase-orders/${o.number}/transitions`, { action: "submit" }), 200);
    const view = await expectStatus(await call(request, "admin", "GET", `/purchase-orders/${o.number}`), 200);
    expect(view.allowedTransitions).toEqual(["reject", "cancel"]);
    const e = await expectError(await call(request, "admin", "POST", `/purchase-orders/${o.number}/transitions`, { action: "approve" }), 403, "FORBIDDEN");
    expect(e.details).toMatchObject({ reason: "own_order", action: "purchase.approve" });
    // Someone else may.
    expect((await expectStatus(await call(request, "approver", "POST", `/purchase-orders/${o.number}/transitions`, { action: "approve" }), 200)).status).toBe("approved");
  });

  test("above the threshold: an approver, then a manager; the approver cannot take the second step", async ({ request }) => {
    expect(await expectStatus(await call(request, "manager", "PUT", "/purchasing/settings", { approvalThreshold: "100" }), 200)).toEqual({ baseCurrency: "CNY", approvalThreshold: "100" });
    try {
      const big = await expectStatus(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, currency: "CNY", lines: [{ sku: S.skuBig, quantity: 10, unitPrice: "50" }] }), 201);
      expect(big).toMatchObject({ currency: "CNY", exchangeRate: "1", total: "500.00", totalBase: "500.00" });
      expect(await expectStatus(await call(request, "purchaser", "POST", `/purchase-orders/${big.number}/transitions`, { action: "submit" }), 200)).toMatchObject({ status: "submitted", approvalsRequired: 2 });

      const first = await expectStatus(await call(request, "approver", "POST", `/purchase-orders/${big.number}/transitions`, { action: "approve" }), 200);
      expect(first).toMatchObject({ status: "submitted", approvals: 1, allowedTransitions: ["reject", "cancel"] });
      expect(first.events.at(-1)).toMatchObject({ action: "approve", toStatus: "submitted", data: { step: 1, of: 2 } });
      const second = await expectError(await call(request, "approver", "POST", `/purchase-orders/${big.number}/transitions`, { action: "approve" }), 403, "FORBIDDEN");
      expect(second.details).toMatchObject({ reason: "role", action: "purchase.finalApprove" });
      const final = await expectStatus(await call(request, "manager", "POST", `/purchase-orders/${big.number}/transitions`, { action: "approve" }), 200);
      expect(final).toMatchObject({ status: "approved", approvals: 2 });
      expect(final.events.at(-1)).toMatchObject({ action: "approve", toStatus: "approved", actor: { email: "manager@example.com" }, data: { step: 2, of: 2 } });

      // The same person cannot give both approvals (an admin may give either).
      const other = await expectStatus(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, currency: "CNY", lines: [{ sku: S.skuBig, quantity: 3, unitPrice: "40" }] }), 201);
      await expectStatus(await call(request, "purchaser", "POST", `/purchase-orders/${other.number}/transitions`, { action: "submit" }), 200);
      await expectStatus(await call(request, "admin", "POST", `/purchase-orders/${other.number}/transitions`, { action: "approve" }), 200);
      const same = await expectError(await call(request, "admin", "POST", `/purchase-orders/${other.number}/transitions`, { action: "approve" }), 403, "FORBIDDEN");
      expect(same.details).toMatchObject({ reason: "same_approver" });

      // At or below the threshold: one approval.
      const small = await expectStatus(await call(request, "purchaser", "POST", "/purchase-orders", { supplier: S.supplier, currency: "CNY", lines: [{ sku: S.skuBig, quantity: 2, unitPrice: "50" }] }), 201);
      expect((await expectStatus(await call(request, "purchaser", "POST", `/purchase-orders/${small.number}/transitions`, { action: "submit" }), 200)).approvalsRequired).toBe(1);
    } finally {
      await expectStatus(await call(request, "manager", "PUT", "/purchasing/settings", { approvalThreshold: null }), 200);
    }
  });

  test("receipts: part, over-receipt refused, Idempotency-Key replay, no cancel after a receipt, close", async ({ request }) => {
    const receive = (role: Role, body: unknown, headers: Record<string, string> = {}) => call(request, role, "POST", `/purchase-orders/${S.order1}/receipts`, body, headers);

    const part = await receive("clerk", { location: S.location, lines: [{ sku: S.skuA, quantity: 3 }], note: "First pallet" });
    const r1 = await expectStatus(part, 201);
    expect(part.headers()["idempotent-replayed"]).toBeUndefined();
    expect(r1).toMatchObject({
      order: S.order1,
      status: "partially_received",
      lines: [
        { sku: S.skuA, quantity: 4, receivedQuantity: 3, openQuantity: 1 },
        { sku: S.skuB, quantity: 2, receivedQuantity: 0, openQuantity: 2 },
      ],
    });
    expect(typeof r1.movement).toBe("string");
    expect(Object.keys(r1).sort()).toEqual(["lines", "movement", "order", "status"]);
    // The movement is an ordinary `in`, referencing the order, at the order's price in base currency.
    const moves = await expectPage<Json>(await call(request, "viewer", "GET", `/movements?sku=${S.skuA}`));
    expect(moves.items[0]).toMatchObject({ number: r1.movement, type: "in", reference: S.order1, note: "First pallet", lines: [{ sku: S.skuA, location: S.location, quantity: 3 }] });
    const level = await expectPage<Json>(await call(request, "viewer", "GET", `/inventory?sku=${S.skuA}&location=${S.location}`));
    expect(level.items).toEqual([expect.objectContaining({ quantity: 3 })]);

    // 4 ordered + 5 % tolerance = 4.2 → 4 may be received in all; 1 is open.
    const over = await expectError(await receive("clerk", { location: S.location, lines: [{ sku: S.skuA, quantity: 2 }] }), 422, "VALIDATION_FAILED");
    expect(over.details).toMatchObject({ reason: "OVER_RECEIPT", sku: S.skuA, ordered: 4, received: 3, open: 1, requested: 2 });
    // Two lines of one product add up.
    const split = await expectError(await receive("clerk", { location: S.location, lines: [{ sku: S.skuA, quantity: 1 }, { sku: S.skuA, quantity: 1 }] }), 422, "VALIDATION_FAILED");
    expect(split.details).toMatchObject({ reason: "OVER_RECEIPT", open: 1, requested: 2 });
    expect(issuePaths(await expectError(await receive("clerk", { location: S.location, lines: [{ sku: S.skuBig, quantity: 1 }] }), 422, "VALIDATION_FAILED"))).toEqual(["lines.0.sku"]);
    expect(issuePaths(await expectError(await receive("clerk", { location: unique("NOLOC"), lines: [{ sku: S.skuB, quantity: 1 }] }), 422, "VALIDATION_FAILED"))).toEqual(["lines.0.location"]);
    for (const role of ["viewer", "purchaser", "approver"] as const) {
      await expectError(await receive(role, { location: S.location, lines: [{ sku: S.skuB, quantity: 1 }] }), 403, "FORBIDDEN");
    }

    const key = unique("rcpt");
    const body = { location: S.location, lines: [{ sku: S.skuB, quantity: 1 }] };
    const first = await receive("clerk", body, { "Idempotency-Key": key });
    const r2 = await expectStatus(first, 201);
    expect(first.headers()["idempotent-replayed"]).toBeUndefined();
    expect(r2.movement).not.toBe(r1.movement);
    const replay = await receive("clerk", body, { "Idempotency-Key": key });
    expect(await expectStatus(replay, 201)).toEqual(r2);
    expect(replay.headers()["idempotent-replayed"]).toBe("true");
    await expectError(await receive("clerk", { ...body, lines: [{ sku: S.skuB, quantity: 2 }] }, { "Idempotency-Key": key }), 422, "IDEMPOTENCY_KEY_REUSED");
    const got = await expectStatus(await call(request, "viewer", "GET", `/purchase-orders/${S.order1}`), 200);
    expect(got.receipts.map((r: Json) => r.movement)).toEqual([r1.movement, r2.movement]);
    expect(got.lines.map((l: Json) => l.receivedQuantity)).toEqual([3, 1]);
    expect(got.events.filter((e: Json) => e.action === "receive")).toHaveLength(2);

    const cancel = await expectError(await call(request, "approver", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "cancel" }), 409, "INVALID_TRANSITION");
    expect(cancel.details).toEqual({ from: "partially_received", to: "cancelled", allowed: ["close"] });
    await expectError(await call(request, "clerk", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "close" }), 403, "FORBIDDEN");
    expect((await expectStatus(await call(request, "manager", "POST", `/purchase-orders/${S.order1}/transitions`, { action: "close" }), 200)).status).toBe("closed");
    await expectError(await receive("clerk", { location: S.location, lines: [{ sku: S.skuA, quantity: 1 }] }), 409, "INVALID_TRANSITION");
  });

  test("a supplier an order references cannot be deleted → 409 IN_USE", async ({ request }) => {
    const e = await expectError(await call(request, "purchaser", "DELETE", `/suppliers/${S.supplier}`), 409, "IN_USE");
    expect(e.details).toMatchObject({ orders: expect.any(Number) });
    expect((e.details!.orders as number) >= 2).toBe(true);
    expect((await expectStatus(await call(request, "viewer", "GET", `/suppliers/${S.supplier}`), 200)).deleted).toBe(false);
    // Its orders, paged newest first.
    const one = await expectPage<Json>(await call(request, "viewer", "GET", `/purchase-orders?supplier=${S.supplier}&limit=1`));
    expect(one.nextCursor).not.toBeNull();
    const more = await expectPage<Json>(await call(request, "viewer", "GET", `/purchase-orders?supplier=${S.supplier}&limit=1&cursor=${one.nextCursor}`));
    expect(more.items).toHaveLength(1);
    expect(more.items[0].number).not.toBe(one.items[0].number);
  });
});

test.describe("reorder drafts", () => {
  test("one draft per preferred supplier; products without one come back apart", async ({ request }) => {
    // Both products: 30 in and 30 out today → on hand 0, consumption 30 → suggested 30 over 30 days.
    for (const sku of [S.skuR1, S.skuR2]) {
      await expectStatus(await call(request, "manager", "POST", "/movements", { type: "in", lines: [{ sku, location: S.location, quantity: 30 }] }), 201);
      await expectStatus(await call(request, "manager", "POST", "/movements", { type: "out", lines: [{ sku, location: S.location, quantity: 30 }] }), 201);
    }
    await expectStatus(await call(request, "purchaser", "PUT", `/suppliers/${S.supplier}/products`, { sku: S.skuR1, lastPrice: "2.5", minOrderQty: 40, preferred: true }), 200);

    for (const role of ["viewer", "approver", "manager"] as const) {
      await expectError(await call(request, role, "POST", "/purchase-orders/reorder-drafts", { skus: [S.skuR1, S.skuR2] }), 403, "FORBIDDEN");
    }
    const res = await expectStatus(await call(request, "admin", "POST", "/purchase-orders/reorder-drafts", { skus: [S.skuR1, S.skuR2] }), 201);
    expect(Object.keys(res).sort()).toEqual(["orders", "withoutSupplier"]);
    expect(res.orders).toEqual([{ number: expect.any(String), supplier: S.supplier, lines: 1 }]);
    expect(res.withoutSupplier).toEqual([{ sku: S.skuR2, name: `Purchasing ${S.skuR2}`, suggested: 30 }]);
    const draft = await expectStatus(await call(request, "viewer", "GET", `/purchase-orders/${res.orders[0].number}`), 200);
    // Raised to the supplier's minimum order quantity, at its last price.
    expect(draft).toMatchObject({ status: "draft", currency: "CHF", total: "100.00", totalBase: "250.00", lines: [{ sku: S.skuR1, quantity: 40, unitPrice: "2.50", amount: "100.00" }] });

    expect(await expectStatus(await call(request, "admin", "POST", "/purchase-orders/reorder-drafts", { skus: [unique("NOSKU")] }), 201)).toEqual({ orders: [], withoutSupplier: [] });
    expect(issuePaths(await expectError(await call(request, "admin", "POST", "/purchase-orders/reorder-drafts", { coverDays: 0 }), 422, "VALIDATION_FAILED"))).toEqual(["coverDays"]);
  });
});
