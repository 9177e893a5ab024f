// Issue 14 through HTTP (docs/api.md): case-insensitive product codes across SKU and barcode, tracking
// changes only without stock, a transfer naming one location twice, location capacity.
import { expect, test } from "@playwright/test";
import { API, as, expectError, issuePaths, unique } from "./support";

const PRODUCTS = `${API}/products`;

test.describe("integrity rules", () => {
  test("SKU and barcode are unique ignoring case, across both columns → 409 DUPLICATE naming the field", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique("CI");
    expect((await request.post(PRODUCTS, { ...auth, data: { sku, name: "Codes", barcode: `EAN-${sku}` } })).status()).toBe(201);
    const lower = await expectError(await request.post(PRODUCTS, { ...auth, data: { sku: sku.toLowerCase(), name: "x" } }), 409, "DUPLICATE");
    expect(issuePaths(lower)).toEqual(["sku"]);
    // The same field taken: "SKU already exists." (translated on the forms), the holder in details.
    expect(lower.message).toBe("SKU already exists.");
    expect(lower.details?.conflict).toEqual({ sku, field: "sku" });
    const barcodeIsSku = await expectError(await request.post(PRODUCTS, { ...auth, data: { sku: unique("CI"), name: "x", barcode: sku.toLowerCase() } }), 409, "DUPLICATE");
    expect(issuePaths(barcodeIsSku)).toEqual(["barcode"]);
    const other = unique("CI");
    expect((await request.post(PRODUCTS, { ...auth, data: { sku: other, name: "Other" } })).status()).toBe(201);
    const patch = await expectError(await request.patch(`${PRODUCTS}/${other}`, { ...auth, data: { barcode: `ean-${sku}` } }), 409, "DUPLICATE");
    expect(issuePaths(patch)).toEqual(["barcode"]);
  });

  test("PATCH tracking while the product has stock → 409 INVALID_TRANSITION on `tracking`; without stock → 200", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique("TRK");
    expect((await request.post(PRODUCTS, { ...auth, data: { sku, name: "Tracked" } })).status()).toBe(201);
    expect((await request.post(`${API}/movements`, { ...auth, data: { type: "in", lines: [{ sku, location: "C-02-03", quantity: 2 }] } })).status()).toBe(201);
    const e = await expectError(await request.patch(`${PRODUCTS}/${sku}`, { ...auth, data: { tracking: "serial" } }), 409, "INVALID_TRANSITION");
    expect(issuePaths(e)).toEqual(["tracking"]);
    expect(e.details).toMatchObject({ from: "none", to: "serial", onHand: 2 });
    expect((await request.post(`${API}/movements`, { ...auth, data: { type: "out", lines: [{ sku, location: "C-02-03", quantity: 2 }] } })).status()).toBe(201);
    const ok = await request.patch(`${PRODUCTS}/${sku}`, { ...auth, data: { tracking: "lot" } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).tracking).toBe("lot");
  });

  test("a transfer naming one location by code and by barcode → 422 on lines.0.to", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique("SAME");
    expect((await request.post(PRODUCTS, { ...auth, data: { sku, name: "Same place" } })).status()).toBe(201);
    const code = unique("BIN").replaceAll("_", "-");
    expect((await request.post(`${API}/locations`, { ...auth, data: { code, warehouse: "WH", barcode: `LB-${code}` } })).status()).toBe(201);
    expect((await request.post(`${API}/movements`, { ...auth, data: { type: "in", lines: [{ sku, location: code, quantity: 2 }] } })).status()).toBe(201);
    const e = await expectError(await request.post(`${API}/movements`, { ...auth, data: { type: "transfer", lines: [{ sku, from: code, to: `LB-${code}`, quantity: 1 }] } }), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["lines.0.to"]);
    expect(e.message).toContain("same location");
  });

  test("a receipt beyond a location's capacity → 422 naming location, capacity and what it would hold", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique("CAP");
    expect((await request.post(PRODUCTS, { ...auth, data: { sku, name: "Capacity" } })).status()).toBe(201);
    const code = unique("CAPBIN");
    expect((await request.post(`${API}/locations`, { ...auth, data: { code, warehouse: "WH", capacity: 5 } })).status()).toBe(201);
    expect((await request.post(`${API}/movements`, { ...auth, data: { type: "in", lines: [{ sku, location: code, quantity: 5 }] } })).status()).toBe(201);
    const e = await expectError(await request.post(`${API}/movements`, { ...auth, data: { type: "in", lines: [{ sku, location: code, quantity: 1 }] } }), 422, "VALIDATION_FAILED");
    expect(e.details).toMatchObject({ reason: "CAPACITY_EXCEEDED", location: code, capacity: 5, holds: 5, adding: 1, wouldHold: 6 });
    expect(issuePaths(e)).toEqual(["lines.0.location"]);
  });
});
