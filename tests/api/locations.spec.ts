// /api/v1/locations and /api/v1/warehouses.
import { expect, test } from "@playwright/test";
import { API, as, expectError, expectPage, issuePaths, LOCATION_FIELDS, rawJson, unique } from "./support";

type Location = { id: string; code: string; name: string; kind: string; capacity: number | null; barcode: string; active: boolean; warehouse: string };

const LOCATIONS = `${API}/locations`;

test.describe("locations", () => {
  test.describe.configure({ mode: "serial" });
  const code = unique("L");

  test("GET /locations → the list shape, by code, default limit 50", async ({ request }) => {
    const page = await expectPage<Location>(await request.get(LOCATIONS, await as(request, "clerk")));
    expect(page.items).toHaveLength(50);
    for (const l of page.items) expect(Object.keys(l).sort()).toEqual([...LOCATION_FIELDS].sort());
    expect(page.items[0]).toMatchObject({ code: "A-01-01", warehouse: "WH", kind: "receiving", active: true });
    const codes = page.items.map((l) => l.code);
    // Location codes sort naturally (digits by value: A-2 before A-10), docs/product.md §1.
    expect(codes).toEqual([...codes].sort(new Intl.Collator("en", { numeric: true }).compare));
  });

  test("cursor pagination over locations", async ({ request }) => {
    const auth = await as(request, "viewer");
    const first = await expectPage<Location>(await request.get(`${LOCATIONS}?q=A-01&limit=3`, auth));
    expect(first.items.map((l) => l.code)).toEqual(["A-01-01", "A-01-02", "A-01-03"]);
    const second = await expectPage<Location>(await request.get(`${LOCATIONS}?q=A-01&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`, auth));
    expect(second.items.map((l) => l.code)).toEqual(["A-01-04", "A-01-05"]);
    expect(second.nextCursor).toBeNull();
    await expectError(await request.get(`${LOCATIONS}?limit=501`, auth), 422, "VALIDATION_FAILED");
  });

  test("GET /locations/{code} → 200 (case-insensitive), unknown → 404", async ({ request }) => {
    const auth = await as(request, "viewer");
    const res = await request.get(`${LOCATIONS}/a-01-02`, auth);
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(await res.json()).toMatchObject({ code: "A-01-02", warehouse: "WH", kind: "storage", capacity: 10_000 });
    await expectError(await request.get(`${LOCATIONS}/${unique("NOPE")}`, auth), 404, "NOT_FOUND");
  });

  test("POST /locations (manager) → 201; the same code again → 409 DUPLICATE", async ({ request }) => {
    const auth = await as(request, "manager");
    const res = await request.post(LOCATIONS, { ...auth, data: { code: code.toLowerCase(), name: "API bin", kind: "storage", capacity: 10, warehouse: "WH" } });
    expect(res.status(), await res.text()).toBe(201);
    const l = (await res.json()) as Location;
    expect(Object.keys(l).sort()).toEqual([...LOCATION_FIELDS].sort());
    expect(l).toMatchObject({ code, name: "API bin", kind: "storage", capacity: 10, barcode: code, active: true, warehouse: "WH" });
    const e = await expectError(await request.post(LOCATIONS, { ...auth, data: { code, warehouse: "WH" } }), 409, "DUPLICATE");
    expect(issuePaths(e)).toEqual(["code"]);
  });

  test("PATCH /locations/{code} → 200 with the changes; unknown → 404", async ({ request }) => {
    const auth = await as(request, "admin");
    const res = await request.patch(`${LOCATIONS}/${code}`, { ...auth, data: { capacity: 20, active: false, name: "API bin (closed)" } });
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ code, capacity: 20, active: false, name: "API bin (closed)" });
    expect(await (await request.get(`${LOCATIONS}/${code}`, auth)).json()).toMatchObject({ active: false });
    const inactive = await expectPage<Location>(await request.get(`${LOCATIONS}?active=false&q=${code}`, auth));
    expect(inactive.items.map((l) => l.code)).toEqual([code]);
    await expectError(await request.patch(`${LOCATIONS}/${unique("NOPE")}`, { ...auth, data: { capacity: 1 } }), 404, "NOT_FOUND");
  });

  test("invalid location bodies → 422 with issue paths", async ({ request }) => {
    const auth = await as(request, "manager");
    const e1 = await expectError(await request.post(LOCATIONS, { ...auth, data: { code: "", kind: "attic", capacity: 0 } }), 422, "VALIDATION_FAILED");
    expect([...new Set(issuePaths(e1))].sort()).toEqual(["capacity", "code", "kind", "warehouse"]);
    const e2 = await expectError(await request.post(LOCATIONS, { ...auth, data: { code: unique("L"), warehouse: "NO-SUCH-WH" } }), 422, "VALIDATION_FAILED");
    expect(issuePaths(e2)).toEqual(["warehouse"]);
    const e3 = await expectError(await request.patch(`${LOCATIONS}/A-01-01`, { ...auth, data: { capacity: -5 } }), 422, "VALIDATION_FAILED");
    expect(issuePaths(e3)).toEqual(["capacity"]);
  });

  test("unparseable JSON → 400; over 1 MiB → 413", async ({ request }) => {
    const auth = await as(request, "manager");
    await expectError(await request.post(LOCATIONS, rawJson("{", auth.headers)), 400, "BAD_REQUEST");
    await expectError(await request.patch(`${LOCATIONS}/A-01-01`, { ...auth, data: { name: "n".repeat(1024 * 1024 + 10) } }), 413, "PAYLOAD_TOO_LARGE");
  });

  test("roles without location.write → 403 FORBIDDEN", async ({ request }) => {
    await expectError(await request.post(LOCATIONS, { ...(await as(request, "viewer")), data: { code: unique("L"), warehouse: "WH" } }), 403, "FORBIDDEN");
    await expectError(await request.patch(`${LOCATIONS}/A-01-01`, { ...(await as(request, "clerk")), data: { capacity: 1 } }), 403, "FORBIDDEN");
  });
});

test("GET /warehouses → every warehouse in the list shape", async ({ request }) => {
  const page = await expectPage<{ code: string; locationCount: number }>(await request.get(`${API}/warehouses`, await as(request, "viewer")));
  expect(page.nextCursor).toBeNull();
  const wh = page.items.find((w) => w.code === "WH");
  expect(wh).toMatchObject({ code: "WH", name: "Main warehouse", active: true });
  expect(Object.keys(wh!).sort()).toEqual(["active", "code", "id", "locationCount", "name"]);
  expect(wh!.locationCount).toBeGreaterThanOrEqual(50);
});
