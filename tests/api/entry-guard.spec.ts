// Issue 18: amounts are bounded (docs/product.md "Amounts"): the API refuses an absurd unit cost or
// price with the error shape (422 VALIDATION_FAILED, the issue on its field); a large but valid line
// above the entry confirmation limit is not refused (only the desk forms ask).
import { expect, test } from "@playwright/test";
import { call, unique } from "./support";

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } } };

test.describe("amount bounds", () => {
  let sku: string;
  test.beforeAll(async ({ request }) => {
    sku = unique("EG");
    const r = await call(request, "manager", "POST", "/products", { sku, name: "Entry guard" });
    expect(r.status(), await r.text()).toBe(201);
  });

  test("an absurd unit cost answers 422 with the issue on the line's unitCost; nothing is posted", async ({ request }) => {
    for (const unitCost of ["99999999999999.9999", "1000000000.0001"]) {
      const r = await call(request, "manager", "POST", "/movements", { type: "in", lines: [{ sku, location: "A-01-01", quantity: 1, unitCost }] });
      expect(r.status()).toBe(422);
      const body = (await r.json()) as ErrorBody;
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.details?.issues).toEqual([{ path: "lines.0.unitCost", message: "Amounts are at most 1,000,000,000." }]);
    }
    const five = await call(request, "manager", "POST", "/movements", { type: "in", lines: [{ sku, location: "A-01-01", quantity: 1, unitCost: "1.23456" }] });
    expect(five.status()).toBe(422);
    expect(((await five.json()) as ErrorBody).error.details?.issues?.[0]).toMatchObject({ path: "lines.0.unitCost" });

    const product = await call(request, "manager", "GET", `/products/${sku}`);
    expect((await product.json()).onHand).toBe(0);
  });

  test("a product price above the bound is refused; the bound itself is accepted", async ({ request }) => {
    const absurd = await call(request, "manager", "PATCH", `/products/${sku}`, { price: { amount: "99999999999999", currency: "CNY" } });
    expect(absurd.status()).toBe(422);
    expect(((await absurd.json()) as ErrorBody).error.details?.issues).toEqual([{ path: "price.amount", message: "Amounts are at most 1,000,000,000." }]);
    const max = await call(request, "manager", "PATCH", `/products/${sku}`, { price: { amount: "1000000000.0000", currency: "CNY" } });
    expect(max.status(), await max.text()).toBe(200);
    expect((await max.json()).price).toEqual({ amount: "1000000000.00", currency: "CNY" });
  });

  test("a line above the entry confirmation limit is posted: the server confirms nothing", async ({ request }) => {
    const r = await call(request, "manager", "POST", "/movements", { type: "in", lines: [{ sku, location: "A-01-01", quantity: 3, unitCost: "50000" }] });
    expect(r.status(), await r.text()).toBe(201);
  });
});
