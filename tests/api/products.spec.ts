// /api/v1/products: list (cursor, filters), create, get, patch, soft delete, restore.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { API, as, expectError, expectPage, issuePaths, PRODUCT_FIELDS, rawJson, unique } from "./support";

type Product = Record<string, unknown> & { sku: string; name: string; inStock: boolean; onHand: number; deletedAt: string | null; category: { id: string; name: string } | null };

const PRODUCTS = `${API}/products`;
const one = (sku: string) => `${PRODUCTS}/${encodeURIComponent(sku)}`;

async function create(request: APIRequestContext, data: Record<string, unknown>): Promise<Product> {
  const res = await request.post(PRODUCTS, { ...(await as(request, "manager")), data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test.describe("product lifecycle", () => {
  test.describe.configure({ mode: "serial" });
  const sku = unique();
  const barcode = `${sku}-BC`;

  test("POST → 201 with exactly the docs/api.md fields (plus deletedAt)", async ({ request }) => {
    const res = await request.post(PRODUCTS, {
      ...(await as(request, "manager")),
      data: { sku, name: "API drill", barcode, category: "Drills", spec: { colour: "red", watts: 500 }, unit: "pcs", minStock: 10, price: { amount: "12.5", currency: "cny" } },
    });
    expect(res.status(), await res.text()).toBe(201);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const p = (await res.json()) as Product;
    expect(Object.keys(p).sort()).toEqual([...PRODUCT_FIELDS, "deletedAt"].sort());
    expect(p).toMatchObject({
      sku,
      name: "API drill",
      barcode,
      spec: { colour: "red", watts: 500 },
      unit: "pcs",
      minStock: 10,
      safetyStock: 5,
      price: { amount: "12.50", currency: "CNY" },
      inStock: false,
      onHand: 0,
      tracking: "none",
      deletedAt: null,
    });
    expect(p.category?.name).toBe("Drills");
  });

  test("GET /products/{sku} → 200, the same product", async ({ request }) => {
    const res = await request.get(one(sku), await as(request, "viewer"));
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const p = (await res.json()) as Product;
    expect(Object.keys(p).sort()).toEqual([...PRODUCT_FIELDS, "deletedAt"].sort());
    expect(p).toMatchObject({ sku, name: "API drill", barcode });
  });

  test("POST with a taken SKU or barcode → 409 DUPLICATE", async ({ request }) => {
    const auth = await as(request, "manager");
    const dupSku = await expectError(await request.post(PRODUCTS, { ...auth, data: { sku, name: "Other" } }), 409, "DUPLICATE");
    expect(dupSku.details?.fields).toEqual(["sku"]);
    expect(issuePaths(dupSku)).toEqual(["sku"]);
    const dupBarcode = await expectError(await request.post(PRODUCTS, { ...auth, data: { sku: unique(), name: "Other", barcode } }), 409, "DUPLICATE");
    expect(dupBarcode.details?.fields).toEqual(["barcode"]);
  });

  test("PATCH → 200 with the changes; omitted fields keep their values; null clears", async ({ request }) => {
    const res = await request.patch(one(sku), { ...(await as(request, "manager")), data: { name: "API drill v2", minStock: 4, price: null, barcode: null } });
    expect(res.status(), await res.text()).toBe(200);
    const p = (await res.json()) as Product;
    expect(p).toMatchObject({ sku, name: "API drill v2", minStock: 4, safetyStock: 4, price: null, barcode: null, unit: "pcs" });
    expect(p.category?.name).toBe("Drills");
  });

  test("PATCH with invalid fields → 422 with their paths", async ({ request }) => {
    const res = await request.patch(one(sku), { ...(await as(request, "manager")), data: { minStock: 1.5, price: { amount: "-3", currency: "yuan" }, tracking: "batch" } });
    const e = await expectError(res, 422, "VALIDATION_FAILED");
    expect(issuePaths(e).sort()).toEqual(["minStock", "price.amount", "price.currency", "tracking"]);
  });

  test("DELETE → 200 with the product, deletedAt set; then GET 404 and gone from the list", async ({ request }) => {
    const auth = await as(request, "manager");
    const res = await request.delete(one(sku), auth);
    expect(res.status(), await res.text()).toBe(200);
    const p = (await res.json()) as Product;
    expect(p.sku).toBe(sku);
    expect(typeof p.deletedAt).toBe("string");
    expect(Date.parse(p.deletedAt!)).not.toBeNaN();

    await expectError(await request.get(one(sku), auth), 404, "NOT_FOUND");
    expect((await expectPage<Product>(await request.get(`${PRODUCTS}?q=${sku}`, auth))).items).toEqual([]);
    const deleted = await expectPage<Product>(await request.get(`${PRODUCTS}?q=${sku}&deleted=true`, auth));
    expect(deleted.items.map((i) => i.sku)).toEqual([sku]);
    // A deleted product can be neither edited nor deleted again.
    await expectError(await request.patch(one(sku), { ...auth, data: { name: "x" } }), 404, "NOT_FOUND");
    await expectError(await request.delete(one(sku), auth), 404, "NOT_FOUND");
  });

  test("POST /products/{sku}/restore → 200, back in GET and the list; restoring again → 404", async ({ request }) => {
    const auth = await as(request, "manager");
    const res = await request.post(`${one(sku)}/restore`, auth);
    expect(res.status(), await res.text()).toBe(200);
    expect(((await res.json()) as Product).deletedAt).toBeNull();
    expect((await request.get(one(sku), auth)).status()).toBe(200);
    expect((await expectPage<Product>(await request.get(`${PRODUCTS}?q=${sku}`, auth))).items.map((i) => i.sku)).toEqual([sku]);
    await expectError(await request.post(`${one(sku)}/restore`, auth), 404, "NOT_FOUND");
  });
});

test.describe("product errors", () => {
  test("unknown SKU → 404 NOT_FOUND for GET, PATCH, DELETE and restore", async ({ request }) => {
    const auth = await as(request, "admin");
    const missing = one(unique("MISSING"));
    await expectError(await request.get(missing, auth), 404, "NOT_FOUND");
    await expectError(await request.patch(missing, { ...auth, data: { name: "x" } }), 404, "NOT_FOUND");
    await expectError(await request.delete(missing, auth), 404, "NOT_FOUND");
    await expectError(await request.post(`${missing}/restore`, auth), 404, "NOT_FOUND");
  });

  test("roles without catalog.write → 403 FORBIDDEN (viewer POST, clerk PATCH, purchaser DELETE, approver restore)", async ({ request }) => {
    const e = await expectError(await request.post(PRODUCTS, { ...(await as(request, "viewer")), data: { sku: unique(), name: "x" } }), 403, "FORBIDDEN");
    expect(e.details?.action).toBe("catalog.write");
    await expectError(await request.patch(one("SKU-00001"), { ...(await as(request, "clerk")), data: { name: "x" } }), 403, "FORBIDDEN");
    await expectError(await request.delete(one("SKU-00001"), await as(request, "purchaser")), 403, "FORBIDDEN");
    await expectError(await request.post(`${one("SKU-00001")}/restore`, await as(request, "approver")), 403, "FORBIDDEN");
    // …and SKU-00001 is untouched.
    const p = (await (await request.get(one("SKU-00001"), await as(request, "viewer"))).json()) as Product;
    expect(p).toMatchObject({ sku: "SKU-00001", name: "Demo product 1", deletedAt: null });
  });

  test("invalid body → 422 VALIDATION_FAILED with dotted issue paths", async ({ request }) => {
    const res = await request.post(PRODUCTS, {
      ...(await as(request, "manager")),
      data: { sku: "bad sku!", name: "", minStock: -1, safetyStock: "3", price: { amount: "abc", currency: "CNY" }, spec: { "": "x" } },
    });
    const e = await expectError(res, 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(expect.arrayContaining(["sku", "name", "minStock", "safetyStock", "price.amount"]));
  });

  test("NUL characters in a query or body → 422, not a database error", async ({ request }) => {
    const auth = await as(request, "manager");
    expect(issuePaths(await expectError(await request.get(`${PRODUCTS}?q=%00`, auth), 422, "VALIDATION_FAILED"))).toEqual(["q"]);
    const res = await request.post(PRODUCTS, { ...auth, data: { sku: unique(), name: "a\u0000b" } });
    expect(issuePaths(await expectError(res, 422, "VALIDATION_FAILED"))).toEqual(["name"]);
  });

  test("safety stock above minimum stock → 422 on safetyStock", async ({ request }) => {
    const e = await expectError(await request.post(PRODUCTS, { ...(await as(request, "manager")), data: { sku: unique(), name: "x", minStock: 2, safetyStock: 5 } }), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["safetyStock"]);
  });

  test("a JSON body that is not an object → 422", async ({ request }) => {
    const auth = await as(request, "manager");
    for (const body of ["null", "[]", '"sku"', "42"]) {
      await expectError(await request.post(PRODUCTS, rawJson(body, auth.headers)), 422, "VALIDATION_FAILED");
    }
  });

  test("unparseable JSON → 400 BAD_REQUEST (POST and PATCH)", async ({ request }) => {
    const { headers } = await as(request, "manager");
    await expectError(await request.post(PRODUCTS, rawJson('{"sku": "X", "name": ', headers)), 400, "BAD_REQUEST");
    await expectError(await request.patch(one("SKU-00001"), rawJson("{name: 'single quotes'}", headers)), 400, "BAD_REQUEST");
    await expectError(await request.post(PRODUCTS, rawJson("", headers)), 400, "BAD_REQUEST");
    await expectError(await request.post(PRODUCTS, rawJson('{"sku": "X"}trailing', headers)), 400, "BAD_REQUEST");
  });

  test("a body over 1 MiB → 413 PAYLOAD_TOO_LARGE, even when it is valid JSON", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique();
    const res = await request.post(PRODUCTS, { ...auth, data: { sku, name: "x".repeat(1024 * 1024 + 1) } });
    const e = await expectError(res, 413, "PAYLOAD_TOO_LARGE");
    expect(e.details?.limit).toBe(1024 * 1024);
    await expectError(await request.patch(one("SKU-00001"), { ...auth, data: { spec: { note: "y".repeat(1024 * 1024) } } }), 413, "PAYLOAD_TOO_LARGE");
    await expectError(await request.get(one(sku), auth), 404, "NOT_FOUND");
  });

  test("a SKU containing a slash works percent-encoded in the path", async ({ request }) => {
    const sku = `${unique()}/A`;
    await create(request, { sku, name: "Slashed" });
    const res = await request.get(one(sku), await as(request, "viewer"));
    expect(res.status()).toBe(200);
    expect(((await res.json()) as Product).sku).toBe(sku);
  });
});

test.describe("GET /products lists", () => {
  test("default limit is 50, in SKU order", async ({ request }) => {
    const page = await expectPage<Product>(await request.get(PRODUCTS, await as(request, "viewer")));
    expect(page.items).toHaveLength(50);
    expect(typeof page.nextCursor).toBe("string");
    const skus = page.items.map((p) => p.sku);
    expect(skus).toEqual([...skus].sort());
    for (const p of page.items) expect(Object.keys(p).sort()).toEqual([...PRODUCT_FIELDS, "deletedAt"].sort());
  });

  test("cursor pagination: pages do not overlap and the last page has nextCursor null", async ({ request }) => {
    const auth = await as(request, "viewer");
    const seen: string[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${PRODUCTS}?q=SKU-0099&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await expectPage<Product>(await request.get(url, auth));
      seen.push(...page.items.map((p) => p.sku));
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor && cursors.length < 10);
    expect(cursors.length).toBe(3); // 4 + 4 + 2
    expect(cursors[2]).toBeNull();
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `SKU-0099${i}`));
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("two pages of the full list do not overlap and continue in order", async ({ request }) => {
    const auth = await as(request, "clerk");
    const first = await expectPage<Product>(await request.get(`${PRODUCTS}?limit=3`, auth));
    const second = await expectPage<Product>(await request.get(`${PRODUCTS}?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`, auth));
    const both = await expectPage<Product>(await request.get(`${PRODUCTS}?limit=6`, auth));
    expect([...first.items, ...second.items].map((p) => p.sku)).toEqual(both.items.map((p) => p.sku));
  });

  test("limit over 500, below 1 or not a number → 422 on `limit`; 500 is allowed", async ({ request }) => {
    const auth = await as(request, "viewer");
    for (const limit of ["501", "0", "-1", "abc", "2.5"]) {
      const e = await expectError(await request.get(`${PRODUCTS}?limit=${limit}`, auth), 422, "VALIDATION_FAILED");
      expect(issuePaths(e), `limit=${limit}`).toEqual(["limit"]);
    }
    expect((await expectPage<Product>(await request.get(`${PRODUCTS}?limit=500`, auth))).items).toHaveLength(500);
  });

  test("a forged cursor → 422 on `cursor`", async ({ request }) => {
    const e = await expectError(await request.get(`${PRODUCTS}?cursor=not-a-cursor`, await as(request, "viewer")), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["cursor"]);
  });

  test("inStock filter", async ({ request }) => {
    const auth = await as(request, "viewer");
    const empty = await create(request, { sku: unique(), name: "Nothing on hand" });
    expect(empty.inStock).toBe(false);
    const inStock = await expectPage<Product>(await request.get(`${PRODUCTS}?inStock=true&limit=200`, auth));
    expect(inStock.items.length).toBe(200);
    expect(inStock.items.every((p) => p.inStock)).toBe(true);
    const outOfStock = await expectPage<Product>(await request.get(`${PRODUCTS}?inStock=false&limit=500`, auth));
    expect(outOfStock.items.every((p) => !p.inStock)).toBe(true);
    expect(outOfStock.items.map((p) => p.sku)).toContain(empty.sku);
    expect((await expectPage<Product>(await request.get(`${PRODUCTS}?inStock=true&q=${empty.sku}`, auth))).items).toEqual([]);
    expect((await expectPage<Product>(await request.get(`${PRODUCTS}?inStock=false&q=${empty.sku}`, auth))).items).toHaveLength(1);
    const e = await expectError(await request.get(`${PRODUCTS}?inStock=maybe`, auth), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["inStock"]);
  });

  test("category filter includes subcategories; unknown category → 422", async ({ request }) => {
    const auth = await as(request, "viewer");
    const tools = await expectPage<Product>(await request.get(`${PRODUCTS}?category=Tools&limit=500`, auth));
    expect(tools.items.length).toBeGreaterThan(0);
    const leaves = new Set(tools.items.map((p) => p.category?.name));
    for (const name of leaves) expect(["Drills", "Saws", "Wrenches", "Screwdrivers"]).toContain(name);
    expect(leaves.size).toBe(4);
    const drills = await expectPage<Product>(await request.get(`${PRODUCTS}?category=Drills&limit=500`, auth));
    expect(drills.items.length).toBeGreaterThan(0);
    expect(drills.items.every((p) => p.category?.name === "Drills")).toBe(true);
    // By id too.
    const byId = await expectPage<Product>(await request.get(`${PRODUCTS}?category=${drills.items[0].category!.id}&limit=500`, auth));
    expect(byId.items.map((p) => p.sku)).toEqual(drills.items.map((p) => p.sku));
    const e = await expectError(await request.get(`${PRODUCTS}?category=${unique("NoSuchCategory")}`, auth), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["category"]);
  });

  test("q matches SKU, name or exact barcode", async ({ request }) => {
    const auth = await as(request, "viewer");
    const bySku = await expectPage<Product>(await request.get(`${PRODUCTS}?q=SKU-00042`, auth));
    expect(bySku.items.map((p) => p.sku)).toEqual(["SKU-00042"]);
    const barcode = bySku.items[0].barcode as string;
    const byBarcode = await expectPage<Product>(await request.get(`${PRODUCTS}?q=${barcode}`, auth));
    expect(byBarcode.items.map((p) => p.sku)).toEqual(["SKU-00042"]);
    const byName = await expectPage<Product>(await request.get(`${PRODUCTS}?q=${encodeURIComponent("Demo product 420")}`, auth));
    expect(byName.items.map((p) => p.sku)).toEqual(["SKU-00420"]);
  });
});
