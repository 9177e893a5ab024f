// GET /api/v1/floor/catalog: the handheld's offline catalogue (shape, paging, changes since a
// cursor, errors). The handheld-channel token is covered by tests/integration/floor/catalog.test.ts
// (a token cannot be issued for the handheld from here).
import { expect, test } from "@playwright/test";
import { API, as, expectError, issuePaths, unique } from "./support";

const CATALOG = `${API}/floor/catalog`;

type Catalog = {
  products: { sku: string; barcode: string | null; name: string; unit: string; tracking: string; active: boolean }[];
  locations: { code: string; barcode: string; name: string; kind: string; active: boolean }[];
  levels: { sku: string; location: string; quantity: number; reserved: number; lots: { code: string; quantity: number; expiresAt: string | null }[] }[];
  nextCursor: string;
  more: boolean;
};

test.describe("floor catalogue", () => {
  test("200: the exact shape, paged by `limit` per kind, not cacheable", async ({ request }) => {
    const auth = await as(request, "clerk");
    const res = await request.get(`${CATALOG}?limit=3`, auth);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const page = (await res.json()) as Catalog;
    expect(Object.keys(page).sort()).toEqual(["levels", "locations", "more", "nextCursor", "products"]);
    expect(page.more).toBe(true);
    expect(typeof page.nextCursor).toBe("string");
    expect(page.products).toHaveLength(3);
    expect(page.locations).toHaveLength(3);
    expect(page.levels.length).toBeLessThanOrEqual(3);
    for (const p of page.products) {
      expect(Object.keys(p).sort()).toEqual(["active", "barcode", "name", "sku", "tracking", "unit"]);
      expect(p.active).toBe(true);
      expect(["none", "lot", "serial"]).toContain(p.tracking);
    }
    for (const l of page.locations) expect(Object.keys(l).sort()).toEqual(["active", "barcode", "code", "kind", "name"]);
    expect(page.locations.map((l) => l.code)).toEqual(["A-01-01", "A-01-02", "A-01-03"]);
    for (const l of page.levels) {
      expect(Object.keys(l).sort()).toEqual(["location", "lots", "quantity", "reserved", "sku"]);
      expect(l.quantity > 0 || l.reserved > 0).toBe(true);
    }
    const second = (await (await request.get(`${CATALOG}?limit=3&cursor=${encodeURIComponent(page.nextCursor)}`, auth)).json()) as Catalog;
    expect(second.locations.map((l) => l.code)).toEqual(["A-01-04", "A-01-05", expect.any(String)]);
    expect(second.products[0].sku > page.products[2].sku).toBe(true);
  });

  test("after the last page, the cursor answers what changed: a movement's level", async ({ request }) => {
    const auth = await as(request, "clerk");
    let cursor: string | undefined;
    for (let more = true, pages = 0; more; pages++) {
      expect(pages).toBeLessThan(100);
      const res = await request.get(`${CATALOG}?limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, auth);
      expect(res.status()).toBe(200);
      const page = (await res.json()) as Catalog;
      cursor = page.nextCursor;
      more = page.more;
    }
    // A product of this test only (other specs check the seed's levels exactly).
    const sku = unique("FC");
    const created = await request.post(`${API}/products`, { ...(await as(request, "manager")), data: { sku, name: "Floor catalogue test" } });
    expect(created.status(), await created.text()).toBe(201);
    const moved = await request.post(`${API}/movements`, { ...auth, data: { type: "in", lines: [{ sku, location: "A-01-02", quantity: 4 }] } });
    expect(moved.status(), await moved.text()).toBe(201);
    const changes = (await (await request.get(`${CATALOG}?cursor=${encodeURIComponent(cursor!)}`, auth)).json()) as Catalog;
    expect(changes.more).toBe(false);
    expect(changes.products).toContainEqual({ sku, barcode: null, name: "Floor catalogue test", unit: "pcs", tracking: "none", active: true });
    expect(changes.levels).toContainEqual({ sku, location: "A-01-02", quantity: 4, reserved: 0, lots: [] });
    // The next cursor keeps working (whatever else the other specs change meanwhile).
    const again = await request.get(`${CATALOG}?cursor=${encodeURIComponent(changes.nextCursor)}`, auth);
    expect(again.status()).toBe(200);
  });

  test("401 without a token or with a bad one", async ({ request }) => {
    await expectError(await request.get(CATALOG), 401, "UNAUTHENTICATED");
    await expectError(await request.get(CATALOG, { headers: { Authorization: "Bearer nope" } }), 401, "UNAUTHENTICATED");
  });

  test("a cursor that is not ours → 422 on `cursor`; `limit` over 5000 → 422 on `limit` (not clamped)", async ({ request }) => {
    const auth = await as(request, "viewer");
    expect(issuePaths(await expectError(await request.get(`${CATALOG}?cursor=not-a-cursor`, auth), 422, "VALIDATION_FAILED"))).toEqual(["cursor"]);
    const forged = Buffer.from(JSON.stringify({ v: 1, since: "x" })).toString("base64url");
    expect(issuePaths(await expectError(await request.get(`${CATALOG}?cursor=${forged}`, auth), 422, "VALIDATION_FAILED"))).toEqual(["cursor"]);
    expect(issuePaths(await expectError(await request.get(`${CATALOG}?limit=5001`, auth), 422, "VALIDATION_FAILED"))).toEqual(["limit"]);
    expect((await request.get(`${CATALOG}?limit=5000`, auth)).status()).toBe(200);
  });

  test("POST → 405 with Allow", async ({ request }) => {
    const res = await request.post(CATALOG, { ...(await as(request, "clerk")), data: {} });
    await expectError(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  });
});
