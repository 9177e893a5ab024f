// What every /api/v1 path does outside its happy path: unknown paths, unsupported methods,
// OPTIONS, caching headers, health.
import { expect, test } from "@playwright/test";
import { API, as, expectError } from "./support";

test("unknown paths under /api/v1 → 404 NOT_FOUND in the error shape, for every method", async ({ request }) => {
  const auth = await as(request, "admin");
  for (const path of [`${API}/nope`, `${API}`, `${API}/products/SKU-00001/nope`, `${API}/locations/A-01-01/bins/x`, `${API}/v2/products`, `${API}/purchase-orders/PO-X/nope`, `${API}/suppliers/SUP-X/products/SKU-00001/x`, `${API}/serial-items/490154203237518/nope`, `${API}/purchase-sources/online_order/x/y`]) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const res = await request.fetch(path, { method, ...auth, data: method === "GET" || method === "DELETE" ? undefined : {} });
      const e = await expectError(res, 404, "NOT_FOUND");
      expect(e.message).toContain(new URL(path, "http://x").pathname);
    }
  }
  // Without a token too: the path does not exist, whoever asks.
  await expectError(await request.get(`${API}/nope`), 404, "NOT_FOUND");
});

test("a method the path does not support → 405 METHOD_NOT_ALLOWED with Allow", async ({ request }) => {
  const cases: [string, string, string][] = [
    ["PUT", `${API}/products`, "GET, POST, HEAD, OPTIONS"],
    ["DELETE", `${API}/products`, "GET, POST, HEAD, OPTIONS"],
    ["POST", `${API}/products/SKU-00001`, "GET, PATCH, DELETE, HEAD, OPTIONS"],
    ["PUT", `${API}/products/SKU-00001`, "GET, PATCH, DELETE, HEAD, OPTIONS"],
    ["GET", `${API}/products/SKU-00001/restore`, "POST, OPTIONS"],
    ["DELETE", `${API}/locations`, "GET, POST, HEAD, OPTIONS"],
    ["DELETE", `${API}/locations/A-01-01`, "GET, PATCH, HEAD, OPTIONS"],
    ["POST", `${API}/warehouses`, "GET, HEAD, OPTIONS"],
    ["GET", `${API}/movements/batch`, "POST, OPTIONS"],
    ["GET", `${API}/auth/token`, "POST, OPTIONS"],
    ["POST", `${API}/openapi.json`, "GET, HEAD, OPTIONS"],
    ["DELETE", `${API}/health`, "GET, HEAD, OPTIONS"],
    ["PUT", `${API}/suppliers`, "GET, POST, HEAD, OPTIONS"],
    ["POST", `${API}/suppliers/SUP-X`, "GET, PATCH, DELETE, HEAD, OPTIONS"],
    ["GET", `${API}/suppliers/SUP-X/products`, "PUT, OPTIONS"],
    ["GET", `${API}/suppliers/SUP-X/products/SKU-00001`, "DELETE, OPTIONS"],
    ["POST", `${API}/suppliers/SUP-X/tolerance`, "PUT, OPTIONS"],
    ["DELETE", `${API}/exchange-rates`, "GET, POST, HEAD, OPTIONS"],
    ["GET", `${API}/exchange-rates/import`, "POST, OPTIONS"],
    ["POST", `${API}/purchasing/settings`, "GET, PUT, HEAD, OPTIONS"],
    ["DELETE", `${API}/purchase-orders`, "GET, POST, HEAD, OPTIONS"],
    ["DELETE", `${API}/purchase-orders/PO-X`, "GET, PATCH, HEAD, OPTIONS"],
    ["GET", `${API}/purchase-orders/PO-X/transitions`, "POST, OPTIONS"],
    ["GET", `${API}/purchase-orders/PO-X/receipts`, "POST, OPTIONS"],
    ["GET", `${API}/purchase-orders/reorder-drafts`, "POST, OPTIONS"],
    ["PUT", `${API}/serial-items`, "GET, POST, HEAD, OPTIONS"],
    ["POST", `${API}/serial-items/490154203237518`, "GET, PATCH, DELETE, HEAD, OPTIONS"],
    ["GET", `${API}/serial-items/490154203237518/transitions`, "POST, OPTIONS"],
    ["GET", `${API}/serial-items/490154203237518/arrival-checks`, "POST, OPTIONS"],
    ["POST", `${API}/serial-items/490154203237518/history`, "GET, HEAD, OPTIONS"],
    ["DELETE", `${API}/purchase-sources/online_order`, "GET, POST, HEAD, OPTIONS"],
    ["PATCH", `${API}/purchase-sources/online_order/x`, "GET, DELETE, HEAD, OPTIONS"],
  ];
  for (const [method, url, allow] of cases) {
    const res = await request.fetch(url, { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
    const e = await expectError(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers()["allow"], `${method} ${url}`).toBe(allow);
    expect(e.details?.allowed).toEqual(allow.split(", ").filter((m) => m !== "HEAD" && m !== "OPTIONS"));
  }
});

test("OPTIONS → 204 with the methods the path really supports", async ({ request }) => {
  const res = await request.fetch(`${API}/products`, { method: "OPTIONS" });
  expect(res.status()).toBe(204);
  expect(res.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
  const one = await request.fetch(`${API}/products/SKU-00001`, { method: "OPTIONS" });
  expect(one.headers()["allow"]).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
});

test("HEAD on a list answers like GET without a body", async ({ request }) => {
  const res = await request.head(`${API}/products?limit=1`, await as(request, "viewer"));
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  expect((await res.body()).length).toBe(0);
});

test("GET /health: liveness for anyone, the details only for an admin", async ({ request }) => {
  const res = await request.get(`${API}/health`);
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.json();
  // Anonymous (and non-admin) callers learn only whether it is up.
  expect(Object.keys(body)).toEqual(["status"]);
  expect(["ok", "degraded"]).toContain(body.status);
  expect(Object.keys(await (await request.get(`${API}/health`, await as(request, "clerk"))).json())).toEqual(["status"]);
  expect(Object.keys(await (await request.get(`${API}/health`, { headers: { authorization: "Bearer forged" } })).json())).toEqual(["status"]);

  const admin = await as(request, "admin");
  const full = await (await request.get(`${API}/health`, admin)).json();
  expect(full).toMatchObject({ db: "ok" });
  expect(["ok", "down"]).toContain(full.redis);
  // The worker runs beside the app in these tests: the outbox drains, and each queue reports depths.
  await expect.poll(async () => (await (await request.get(`${API}/health`, admin)).json()).outboxPending, { timeout: 20_000 }).toBe(0);
  expect(Object.keys(full.queues).sort()).toEqual(["alerts", "email", "maintenance", "stock", "webhooks"]);
  for (const q of Object.values(full.queues)) expect(Object.keys(q as object).sort()).toEqual(["active", "failed", "waiting"]);
});

test("a query the database refuses never leaks internals", async ({ request }) => {
  // PostgreSQL rejects NUL characters in text; whatever the status, the body is the error shape
  // with a generic message, never a stack trace or SQL.
  const res = await request.get(`${API}/products?q=%00`, await as(request, "viewer"));
  const text = await res.text();
  expect(text).not.toMatch(/stack|prisma|postgres|invalid byte sequence|\bat .+:\d+/i);
  if (res.status() >= 500) {
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "An unexpected error occurred." } });
  }
});
