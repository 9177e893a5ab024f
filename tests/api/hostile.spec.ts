// Hostile but honest input (issue 14): every class that used to end in a 5xx — or in an error after
// a 200 status line — answers a clear 4xx in the error shape. One focused case per root cause;
// tests/api/fuzz.spec.ts throws generated input at every route.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { API, as, chunkedSend, expectError, issuePaths, rawJson, tokenFor, unique } from "./support";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

test.describe("body limits while streaming", () => {
  test("a chunked body over 1 MiB is refused with 413 while it streams, on Next's routes too", async ({ request, baseURL }) => {
    const bearer = await tokenFor(request, "manager");
    const total = 24 * 1024 * 1024;
    for (const [path, headers] of [
      [`${API}/auth/token`, {}],
      [`${API}/products`, { authorization: `Bearer ${bearer}` }],
      [`${API}/locations/A-01-01`, { authorization: `Bearer ${bearer}` }],
    ] as const) {
      // Next reads PATCH bodies the same way as POST ones.
      const method = path.includes("locations") ? "PATCH" : "POST";
      const r = await chunkedSend(baseURL!, path, { method, headers, start: method === "PATCH" ? '{"name":"' : '{"email":"', total });
      expect(r.status, `${path}: ${r.body}`).toBe(413);
      expect(JSON.parse(r.body).error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(r.sentAtResponse, path).toBeLessThan(total);
    }
  });
});

test.describe("values PostgreSQL refuses are 4xx", () => {
  test("NUL and invalid percent-encoding in paths → 400, for the API and for pages", async ({ request }) => {
    const auth = await as(request, "viewer");
    for (const path of [`${API}/products/%00`, `${API}/products/a%00b`, `${API}/locations/%00`, `${API}/sequences/%00/preview`]) {
      await expectError(await request.get(path, auth), 400, "BAD_REQUEST");
    }
    for (const path of [`${API}/products/%FF`, `${API}/products/%E0%A4%A`, `${API}/sequences/%C0%80/preview`, `${API}/%FF`]) {
      await expectError(await request.get(path, auth), 400, "BAD_REQUEST");
    }
    // The fast path's routes too, and any method.
    await expectError(await request.post(`${API}/movements%FF`, { ...auth, data: {} }), 400, "BAD_REQUEST");
    for (const path of ["/products/%FF", "/products/%00", "/%FF"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(400);
      expect(res.headers()["content-type"]).toContain("text/html");
    }
  });

  test("lone surrogates and NUL in JSON strings and keys → 422 with the path", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique("HOST");
    let e = await expectError(await request.post(`${API}/products`, rawJson(`{"sku":"${sku}","name":"x","spec":{"\\ud800":"a"}}`, auth.headers)), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)[0]).toMatch(/^spec\./);
    e = await expectError(await request.post(`${API}/products`, rawJson(`{"sku":"${sku}","name":"a\\udc00b"}`, auth.headers)), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["name"]);
    e = await expectError(await request.post(`${API}/products`, rawJson(`{"sku":"${sku}","name":"a","spec":{"k":"\\u0000"}}`, auth.headers)), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["spec.k"]);
    // A pair is a character: fine.
    const ok = await request.post(`${API}/products`, rawJson(`{"sku":"${sku}","name":"\\ud83d\\udce6 box"}`, auth.headers));
    expect(ok.status(), await ok.text()).toBe(201);
    expect((await ok.json()).name).toBe("📦 box");
    // Movement text goes to the database as jsonb: refused up front, on the fast path too.
    e = await expectError(
      await request.post(`${API}/movements`, rawJson(`{"type":"in","reference":"\\udfff","lines":[{"sku":"${sku}","location":"C-02-03","quantity":1}]}`, auth.headers)),
      422,
      "VALIDATION_FAILED",
    );
    expect(issuePaths(e)).toEqual(["reference"]);
  });

  test("dates outside the years 1–9999 → 422", async ({ request }) => {
    const auth = await as(request, "viewer");
    for (const q of ["since=0000-01-01", "until=0000-12-31T23:59:59Z", "since=0001-01-01T00:00:00%2B01:00"]) {
      const e = await expectError(await request.get(`${API}/movements?${q}`, auth), 422, "VALIDATION_FAILED");
      expect(issuePaths(e)[0]).toMatch(/^(since|until)$/);
    }
    expect((await request.get(`${API}/movements?since=0001-01-01&limit=1`, auth)).status()).toBe(200);
    const manager = await as(request, "manager");
    const e = await expectError(
      await request.post(`${API}/movements`, { ...manager, data: { type: "in", lines: [{ sku: "SKU-00001", location: "A-01-02", quantity: 1, expiresAt: "0000-02-29" }] } }),
      422,
      "VALIDATION_FAILED",
    );
    expect(issuePaths(e)).toEqual(["lines.0.expiresAt"]);
  });

  test("cursors that overflow bigint or hold NUL → 422 on cursor", async ({ request }) => {
    const auth = await as(request, "viewer");
    for (const url of [
      `${API}/ledger?cursor=${b64("99999999999999999999")}`,
      `${API}/ledger?cursor=${b64("9223372036854775808")}`,
      `${API}/products?cursor=${b64("a\u0000b")}`,
      `${API}/inventory?cursor=${b64(["\ud800", "x"])}`,
      `${API}/movements?cursor=${b64(["0000-01-01T00:00:00.000Z", "01a247ad-07c5-7655-a069-f243a1e464ea"])}`,
      `${API}/floor/catalog?cursor=${b64({ v: 1, since: "99999999999999999999" })}`,
    ]) {
      const e = await expectError(await request.get(url, auth), 422, "VALIDATION_FAILED");
      expect(issuePaths(e), url).toEqual(["cursor"]);
    }
    expect((await request.get(`${API}/ledger?cursor=${b64("9223372036854775807")}&limit=1`, auth)).status()).toBe(200);
  });

  test("a stock level pushed past PostgreSQL's integer → 422, nothing posted, the ledger intact", async ({ request }) => {
    const auth = await as(request, "manager");
    const sku = unique("BIG");
    const location = unique("BIG");
    expect((await request.post(`${API}/products`, { ...auth, data: { sku, name: "overflow" } })).status()).toBe(201);
    // A location of its own, without capacity: the demo ones hold 1,000.
    const admin = await as(request, "admin");
    const loc = await request.post(`${API}/locations`, { ...admin, data: { code: location, warehouse: "WH", capacity: null } });
    expect(loc.status(), await loc.text()).toBe(201);
    const receipt = { type: "in", lines: [{ sku, location, quantity: 1_000_000_000 }] };
    for (let i = 0; i < 2; i++) expect((await request.post(`${API}/movements`, { ...auth, data: receipt })).status()).toBe(201);
    const e = await expectError(await request.post(`${API}/movements`, { ...auth, data: receipt }), 422, "VALIDATION_FAILED");
    expect(e.message).toMatch(/out of range/);
    // Also in one movement, and through the batch (each item answers what the single route would).
    await expectError(
      await request.post(`${API}/movements`, { ...auth, data: { type: "in", lines: [receipt.lines[0], receipt.lines[0], receipt.lines[0]] } }),
      422,
      "VALIDATION_FAILED",
    );
    const batch = await request.post(`${API}/movements/batch`, { ...auth, data: { movements: [{ ...receipt, idempotencyKey: unique("K") }] } });
    expect(batch.status()).toBe(200);
    expect((await batch.json()).results[0]).toMatchObject({ status: 422, error: { code: "VALIDATION_FAILED" } });
    const inv = await request.get(`${API}/inventory?sku=${sku}`, auth);
    expect((await inv.json()).items).toEqual([{ sku, location, quantity: 2_000_000_000, reserved: 0, available: 2_000_000_000 }]);
  });
});

test.describe("errors before the status line", () => {
  test("the ERP CSV export validates filters and cursor before it answers 200", async ({ request }) => {
    const auth = await as(request, "viewer");
    let e = await expectError(await request.get(`${API}/erp/inventory?format=csv&cursor=zzz`, auth), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["cursor"]);
    e = await expectError(await request.get(`${API}/erp/inventory?format=csv&sku=${"x".repeat(65)}`, auth), 422, "VALIDATION_FAILED");
    expect(issuePaths(e)).toEqual(["sku"]);
    await expectError(await request.get(`${API}/erp/inventory?format=csv`), 401, "UNAUTHENTICATED");
    const csv = await request.get(`${API}/erp/inventory?format=csv&location=A-01-02&limit=oops`, auth);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.startsWith("sku,location,quantity\r\n")).toBe(true);
    expect(text).toContain("\r\nSKU-00001,A-01-02,");
  });
});

test.describe("content types", () => {
  async function post(request: APIRequestContext, path: string, contentType: string, body: string, headers: Record<string, string>) {
    return request.post(path, { headers: { ...headers, "Content-Type": contentType }, data: Buffer.from(body) });
  }

  test("a JSON endpoint refuses other content types with 415, on Next's routes and the fast path", async ({ request }) => {
    const { headers } = await as(request, "manager");
    const sku = unique("CT");
    expect((await request.post(`${API}/products`, { headers, data: { sku, name: "content type" } })).status()).toBe(201);
    const product = JSON.stringify({ sku: unique("CT"), name: "content type" });
    const movement = JSON.stringify({ type: "in", lines: [{ sku, location: "C-02-03", quantity: 1 }] });
    for (const ct of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonp"]) {
      await expectError(await post(request, `${API}/products`, ct, product, headers), 415, "UNSUPPORTED_MEDIA_TYPE");
      await expectError(await post(request, `${API}/movements`, ct, movement, headers), 415, "UNSUPPORTED_MEDIA_TYPE");
      await expectError(await post(request, `${API}/movements/batch`, ct, "{}", headers), 415, "UNSUPPORTED_MEDIA_TYPE");
      await expectError(await post(request, `${API}/auth/token`, ct, JSON.stringify({ email: "clerk@example.com", password: "demo-password" }), {}), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    // JSON with a charset, and application/*+json, are JSON.
    for (const ct of ["application/json; charset=utf-8", "Application/JSON;charset=UTF-8", "application/vnd.wms+json"]) {
      const res = await post(request, `${API}/products`, ct, JSON.stringify({ sku: unique("CT"), name: "ok" }), headers);
      expect(res.status(), `${ct}: ${await res.text()}`).toBe(201);
      const mv = await post(request, `${API}/movements`, ct, movement, headers);
      expect(mv.status(), `${ct}: ${await mv.text()}`).toBe(201);
    }
  });

  test("the handheld's requests (content-type: application/json) still work", async ({ request }) => {
    const sku = unique("FLOOR");
    expect((await request.post(`${API}/products`, { ...(await as(request, "manager")), data: { sku, name: "floor" } })).status()).toBe(201);
    const bearer = await tokenFor(request, "clerk");
    const res = await request.fetch(`${API}/movements/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      data: Buffer.from(JSON.stringify({ movements: [{ idempotencyKey: unique("FLOOR"), type: "in", lines: [{ sku, location: "C-02-03", quantity: 1 }] }] })),
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).results[0].status).toBe(201);
  });
});
