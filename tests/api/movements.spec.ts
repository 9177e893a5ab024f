// Movements through HTTP against the production build: the contract of docs/api.md "Stock".
import { expect, test, type APIRequestContext } from "@playwright/test";
import { chunkedSend, rawJson } from "./support";

async function token(request: APIRequestContext, role: string): Promise<string> {
  const r = await request.post("/api/v1/auth/token", { data: { email: `${role}@example.com`, password: "demo-password" } });
  expect(r.status()).toBe(200);
  return (await r.json()).token;
}

const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`.toUpperCase();

test.describe("POST /api/v1/movements", () => {
  let manager: string;
  let clerk: string;
  let viewer: string;
  let sku: string;
  const location = "C-02-03";

  test.beforeAll(async ({ request }) => {
    manager = await token(request, "manager");
    clerk = await token(request, "clerk");
    viewer = await token(request, "viewer");
    sku = uniq("MOV");
    const r = await request.post("/api/v1/products", { headers: { authorization: `Bearer ${manager}` }, data: { sku, name: "Movement test" } });
    expect(r.status()).toBe(201);
  });

  const post = (request: APIRequestContext, bearer: string, data: unknown, headers: Record<string, string> = {}) =>
    request.post("/api/v1/movements", { headers: { authorization: `Bearer ${bearer}`, ...headers }, data });

  test("receipt answers 201 with number and balances; the preview predicted the number", async ({ request }) => {
    const preview = await request.get("/api/v1/sequences/stock.move.in/preview", { headers: { authorization: `Bearer ${manager}` } });
    expect(preview.status()).toBe(200);
    const r = await post(request, clerk, { type: "in", reference: "ORD-1", lines: [{ sku, location, quantity: 3 }] });
    expect(r.status()).toBe(201);
    const body = await r.json();
    expect(body).toMatchObject({ number: (await preview.json()).value, type: "in", reference: "ORD-1", lines: [{ sku, location, quantity: 3, balance: 3 }] });
    expect(typeof body.id).toBe("string");
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });

  test("transfer lines report from/to balances", async ({ request }) => {
    const r = await post(request, clerk, { type: "transfer", lines: [{ sku, from: location, to: "C-02-04", quantity: 1 }] });
    expect(r.status()).toBe(201);
    expect((await r.json()).lines[0]).toMatchObject({ sku, from: location, to: "C-02-04", quantity: 1, fromBalance: 2, toBalance: 1 });
  });

  test("errors answer as the contract says", async ({ request }) => {
    const insufficient = await post(request, clerk, { type: "out", lines: [{ sku, location, quantity: 1000 }] });
    expect(insufficient.status()).toBe(409);
    const ib = await insufficient.json();
    expect(ib.error.code).toBe("INSUFFICIENT_STOCK");
    expect(ib.error.details).toMatchObject({ sku, location, requested: 1000, available: 2 });

    const unknown = await post(request, clerk, { type: "out", lines: [{ sku: "NO-SUCH", location, quantity: 1 }] });
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).error).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "lines.0.sku" }] } });

    const bad = await post(request, clerk, { type: "in", lines: [{ sku, location, quantity: 0 }, { sku, location, quantity: 1.5 }] });
    expect(bad.status()).toBe(422);
    const paths = (await bad.json()).error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(["lines.0.quantity", "lines.1.quantity"]);

    const tooMany = await post(request, clerk, { type: "in", lines: Array.from({ length: 501 }, () => ({ sku, location, quantity: 1 })) });
    expect(tooMany.status()).toBe(422);
    const longRef = await post(request, clerk, { type: "in", reference: "x".repeat(101), lines: [{ sku, location, quantity: 1 }] });
    expect(longRef.status()).toBe(422);

    expect((await post(request, clerk, { type: "adjust", lines: [{ sku, location, counted: 1 }] })).status()).toBe(403);
    expect((await post(request, viewer, { type: "in", lines: [{ sku, location, quantity: 1 }] })).status()).toBe(403);
    expect((await request.post("/api/v1/movements", { data: { type: "in" } })).status()).toBe(401);
    const garbage = await request.post("/api/v1/movements", rawJson("{not json", { authorization: `Bearer ${clerk}` }));
    expect(garbage.status()).toBe(400);
    expect((await garbage.json()).error.code).toBe("BAD_REQUEST");
  });

  test("Idempotency-Key: parallel duplicates make one movement, a retry replays, another body is refused", async ({ request }) => {
    const key = uniq("idem");
    const data = { type: "in", reference: key, lines: [{ sku, location, quantity: 2 }] };
    const rs = await Promise.all(Array.from({ length: 10 }, () => post(request, clerk, data, { "Idempotency-Key": key })));
    const statuses = rs.map((r) => r.status());
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = await Promise.all(rs.filter((r) => r.status() === 201).map((r) => r.json()));
    expect(new Set(created.map((b) => b.number)).size).toBe(1);
    for (const r of rs.filter((r) => r.status() === 409)) expect((await r.json()).error.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    const again = await post(request, clerk, data, { "Idempotency-Key": key });
    expect(again.status()).toBe(201);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    expect((await again.json()).number).toBe(created[0].number);
    const list = await request.get(`/api/v1/movements?sku=${sku}&limit=500`, { headers: { authorization: `Bearer ${clerk}` } });
    expect((await list.json()).items.filter((m: { reference: string }) => m.reference === key)).toHaveLength(1);
    const other = await post(request, clerk, { ...data, lines: [{ sku, location, quantity: 5 }] }, { "Idempotency-Key": key });
    expect(other.status()).toBe(422);
    expect((await other.json()).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  test("32 parallel clients × 20 issues from 500 units: 500 succeed, 140 INSUFFICIENT_STOCK, ledger agrees", async ({ request }) => {
    test.setTimeout(120_000);
    const hot = uniq("HOT");
    expect((await request.post("/api/v1/products", { headers: { authorization: `Bearer ${manager}` }, data: { sku: hot, name: "Hot SKU" } })).status()).toBe(201);
    expect((await post(request, clerk, { type: "in", lines: [{ sku: hot, location: "D-01-01", quantity: 500 }] })).status()).toBe(201);
    const statuses: number[] = [];
    const codes: string[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let i = 0; i < 20; i++) {
          const r = await post(request, clerk, { type: "out", lines: [{ sku: hot, location: "D-01-01", quantity: 1 }] });
          statuses.push(r.status());
          if (r.status() !== 201) codes.push((await r.json()).error.code);
        }
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(500);
    expect(statuses.filter((s) => s === 409)).toHaveLength(140);
    expect(new Set(codes)).toEqual(new Set(["INSUFFICIENT_STOCK"]));
    const inv = await request.get(`/api/v1/inventory?sku=${hot}`, { headers: { authorization: `Bearer ${clerk}` } });
    expect((await inv.json()).items).toEqual([{ sku: hot, location: "D-01-01", quantity: 0, reserved: 0, available: 0 }]);
    let sum = 0;
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof request.get>> = await request.get(`/api/v1/ledger?sku=${hot}&limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${clerk}` } });
      const body = (await page.json()) as { items: { delta: number }[]; nextCursor: string | null };
      sum += body.items.reduce((s: number, r: { delta: number }) => s + r.delta, 0);
      cursor = body.nextCursor;
    } while (cursor);
    expect(sum).toBe(0);
  });
});

test.describe("movements under load and rollback, through HTTP", () => {
  test("16 clients doing random transfers among 10 locations for 10 s: conserved, never negative, no errors but INSUFFICIENT_STOCK", async ({ request }) => {
    test.setTimeout(120_000);
    const manager = await token(request, "manager");
    const clerk = await token(request, "clerk");
    const h = (t: string) => ({ authorization: `Bearer ${t}` });
    const sku = uniq("XFER");
    expect((await request.post("/api/v1/products", { headers: h(manager), data: { sku, name: "Transfer load" } })).status()).toBe(201);
    const locs = ["E-01-01", "E-01-02", "E-01-03", "E-01-04", "E-01-05", "E-02-01", "E-02-02", "E-02-03", "E-02-04", "E-02-05"];
    expect((await request.post("/api/v1/movements", { headers: h(clerk), data: { type: "in", lines: locs.map((location) => ({ sku, location, quantity: 20 })) } })).status()).toBe(201);
    const until = Date.now() + 10_000;
    const outcomes: string[] = [];
    const pick = () => locs[Math.floor(Math.random() * locs.length)];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (Date.now() < until) {
          const from = pick();
          let to = pick();
          while (to === from) to = pick();
          const r = await request.post("/api/v1/movements", { headers: h(clerk), data: { type: "transfer", lines: [{ sku, from, to, quantity: 1 + Math.floor(Math.random() * 6) }] } });
          outcomes.push(r.status() === 201 ? "ok" : (await r.json()).error.code);
        }
      }),
    );
    expect(outcomes.filter((o) => o !== "ok" && o !== "INSUFFICIENT_STOCK")).toEqual([]);
    expect(outcomes.filter((o) => o === "ok").length).toBeGreaterThan(50);
    const inv = (await (await request.get(`/api/v1/inventory?sku=${sku}`, { headers: h(clerk) })).json()) as { items: { quantity: number; location: string }[] };
    expect(inv.items.reduce((s, r) => s + r.quantity, 0)).toBe(200);
    expect(inv.items.every((r) => r.quantity >= 0)).toBe(true);
    for (const row of inv.items) {
      // The whole ledger of the row, page by page (a fast machine writes more than one page in 10 s).
      const items: { delta: number; balance: number }[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (await request.get(`/api/v1/ledger?sku=${sku}&location=${row.location}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: h(clerk) })).json()) as { items: { delta: number; balance: number }[]; nextCursor: string | null };
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(items.reduce((s, r) => s + r.delta, 0)).toBe(row.quantity);
      expect(items[0].balance).toBe(row.quantity); // newest first: the last balance is the level
    }
  });

  test("a multi-line movement whose last line lacks stock changes nothing", async ({ request }) => {
    const manager = await token(request, "manager");
    const h = { authorization: `Bearer ${manager}` };
    const sku = uniq("ROLL");
    expect((await request.post("/api/v1/products", { headers: h, data: { sku, name: "Rollback" } })).status()).toBe(201);
    expect((await request.post("/api/v1/movements", { headers: h, data: { type: "in", lines: [{ sku, location: "E-01-01", quantity: 5 }] } })).status()).toBe(201);
    const before = await (await request.get(`/api/v1/ledger?sku=${sku}`, { headers: h })).json();
    const preview = (await (await request.get("/api/v1/sequences/stock.move.write_off/preview", { headers: h })).json()).value;
    const r = await request.post("/api/v1/movements", {
      headers: h,
      data: { type: "write_off", reason: "damaged", lines: [{ sku, location: "E-01-01", quantity: 2 }, { sku, location: "E-01-01", quantity: 4 }] },
    });
    expect(r.status()).toBe(409);
    expect((await r.json()).error.details).toMatchObject({ sku, location: "E-01-01", requested: 4, available: 3 });
    expect(await (await request.get(`/api/v1/ledger?sku=${sku}`, { headers: h })).json()).toEqual(before);
    expect((await (await request.get(`/api/v1/inventory?sku=${sku}`, { headers: h })).json()).items[0].quantity).toBe(5);
    expect((await (await request.get("/api/v1/sequences/stock.move.write_off/preview", { headers: h })).json()).value).toBe(preview);
  });

  test("lots through HTTP: FIFO across three receipts", async ({ request }) => {
    const manager = await token(request, "manager");
    const h = { authorization: `Bearer ${manager}` };
    const sku = uniq("LOT");
    expect((await request.post("/api/v1/products", { headers: h, data: { sku, name: "Lots", tracking: "lot" } })).status()).toBe(201);
    for (const lot of ["A", "B", "C"]) {
      expect((await request.post("/api/v1/movements", { headers: h, data: { type: "in", lines: [{ sku, location: "E-01-02", quantity: 3, lot: `${sku}-${lot}`, unitCost: "1.50" }] } })).status()).toBe(201);
    }
    const r = await request.post("/api/v1/movements", { headers: h, data: { type: "out", lines: [{ sku, location: "E-01-02", quantity: 7 }] } });
    expect(r.status()).toBe(201);
    expect((await r.json()).lines[0].lots).toEqual([{ code: `${sku}-A`, quantity: 3 }, { code: `${sku}-B`, quantity: 3 }, { code: `${sku}-C`, quantity: 1 }]);
  });
});

test.describe("stock read endpoints", () => {
  test("inventory, ledger and the ERP view in JSON and CSV", async ({ request }) => {
    const clerk = await token(request, "clerk");
    const h = { authorization: `Bearer ${clerk}` };
    const inv = await request.get("/api/v1/inventory?sku=SKU-00001", { headers: h });
    expect(inv.status()).toBe(200);
    expect(await inv.json()).toEqual({ items: [{ sku: "SKU-00001", location: "A-01-02", quantity: 100, reserved: 0, available: 100 }], nextCursor: null });
    const ledger = await request.get("/api/v1/ledger?sku=SKU-00001", { headers: h });
    const row = (await ledger.json()).items[0];
    expect(row).toMatchObject({ sku: "SKU-00001", location: "A-01-02", delta: 100, balance: 100, lot: null });
    expect(row.movement).toMatch(/^WH\/IN\//);
    const erp = await request.get("/api/v1/erp/inventory?limit=2", { headers: h });
    const erpBody = await erp.json();
    expect(erpBody.items).toHaveLength(2);
    expect(Object.keys(erpBody.items[0]).sort()).toEqual(["location", "quantity", "sku"]);
    const csv = await request.get("/api/v1/erp/inventory?format=csv&sku=SKU-00002", { headers: h });
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toBe("sku,location,quantity\r\nSKU-00002,A-01-03,100\r\n");
    const movements = await request.get("/api/v1/movements?type=in&limit=1", { headers: h });
    const mb = await movements.json();
    expect(mb.items).toHaveLength(1);
    expect(mb.nextCursor).not.toBeNull();
  });
});

test.describe("the movement hot path (scripts/web-server.ts)", () => {
  test("a chunked body over 1 MiB is refused with 413 while it streams, on both movement routes", async ({ request, baseURL }) => {
    const bearer = await token(request, "clerk");
    for (const path of ["/api/v1/movements", "/api/v1/movements/batch"]) {
      const r = await chunkedSend(baseURL!, path, { headers: { authorization: `Bearer ${bearer}` }, start: "[", total: 16 * 1024 * 1024 });
      expect(r.status, `${path}: ${r.body}`).toBe(413);
      expect(JSON.parse(r.body).error.code).toBe("PAYLOAD_TOO_LARGE");
      // Answered while the client was still sending: the server stopped reading at the limit.
      expect(r.sentAtResponse).toBeGreaterThanOrEqual(1024 * 1024);
      expect(r.sentAtResponse).toBeLessThan(16 * 1024 * 1024);
    }
  });

  test("other methods on the movement paths still go through Next (GET lists, PUT 405)", async ({ request }) => {
    const auth = { headers: { authorization: `Bearer ${await token(request, "clerk")}` } };
    expect((await request.get("/api/v1/movements?limit=1", auth)).status()).toBe(200);
    expect((await request.put("/api/v1/movements", { ...auth, data: {} })).status()).toBe(405);
    expect((await request.post("/api/v1/movements?x=1", { ...auth, data: {} })).status()).toBe(422);
  });
});

test.describe("POST /api/v1/movements/reversals", () => {
  test("a manager reverses a receipt once; a clerk may not; the movement is named in the body", async ({ request }) => {
    const manager = await token(request, "manager");
    const clerk = await token(request, "clerk");
    const sku = uniq("REV");
    expect((await request.post("/api/v1/products", { headers: { authorization: `Bearer ${manager}` }, data: { sku, name: "Reversal test" } })).status()).toBe(201);
    const posted = await request.post("/api/v1/movements", { headers: { authorization: `Bearer ${clerk}` }, data: { type: "in", lines: [{ sku, location: "C-02-04", quantity: 4 }] } });
    const receipt = (await posted.json()) as { number: string };
    const reverse = (bearer: string, data: unknown) => request.post("/api/v1/movements/reversals", { headers: { authorization: `Bearer ${bearer}` }, data });

    expect((await reverse(clerk, { movement: receipt.number, reason: "typo" })).status()).toBe(403);
    const missing = await reverse(manager, { movement: receipt.number });
    expect(missing.status()).toBe(422);
    expect((await missing.json()).error.details.issues.map((i: { path: string }) => i.path)).toEqual(["reason"]);
    expect((await reverse(manager, { movement: "WH/IN/1999/99999", reason: "x" })).status()).toBe(404);

    const r = await reverse(manager, { movement: receipt.number, reason: "Received on the wrong product" });
    expect(r.status()).toBe(201);
    expect(await r.json()).toMatchObject({ type: "out", reference: receipt.number, reverses: receipt.number, lines: [{ sku, location: "C-02-04", quantity: 4, balance: 0 }] });
    const again = await reverse(manager, { movement: receipt.number, reason: "again" });
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toMatchObject({ code: "INVALID_TRANSITION", details: { reversedBy: (await r.json()).number } });
  });
});
