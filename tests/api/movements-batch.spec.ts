// POST /api/v1/movements/batch against the production build: one 200 answer with a result per
// movement, in order; whole-request problems fail the request as a whole. Its own products and
// location, so no other spec's numbers move.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { API, as, ERROR_KEYS, expectError, issuePaths, rawJson, unique } from "./support";

const BATCH = `${API}/movements/batch`;

type Result =
  | { index: number; status: 201; replayed: boolean; movement: { id: string; number: string; type: string; reference: string | null; createdAt: string; lines: Record<string, unknown>[] } }
  | { index: number; status: number; error: { code: string; message: string; details?: Record<string, unknown> } };

test.describe("POST /api/v1/movements/batch", () => {
  let sku: string;
  let other: string;
  let location: string;

  test.beforeAll(async ({ request }) => {
    const manager = await as(request, "manager");
    location = unique("BATCH-L");
    expect((await request.post(`${API}/locations`, { ...manager, data: { code: location, warehouse: "WH" } })).status()).toBe(201);
    sku = unique("BATCH");
    other = unique("BATCH");
    for (const s of [sku, other]) expect((await request.post(`${API}/products`, { ...manager, data: { sku: s, name: "Batch test" } })).status()).toBe(201);
  });

  const send = async (request: APIRequestContext, role: "clerk" | "manager" | "viewer", data: unknown) =>
    request.post(BATCH, { ...(await as(request, role)), data });

  async function results(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<Result[]> {
    const text = await res.text();
    expect(res.status(), text).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(res.headers()["cache-control"]).toBe("no-store");
    const body = JSON.parse(text) as { results: Result[] };
    expect(Object.keys(body)).toEqual(["results"]);
    return body.results;
  }

  test("answers 200 with one result per movement, in order, and per-item errors in the API's error shape", async ({ request }) => {
    const key = unique("BK");
    const movements = [
      { idempotencyKey: `${key}-0`, type: "in", reference: "ERP-1", lines: [{ sku, location, quantity: 5 }] },
      { idempotencyKey: `${key}-1`, type: "out", lines: [{ sku: other, location, quantity: 1 }] },
      { idempotencyKey: `${key}-2`, type: "out", lines: [{ sku: "NO-SUCH-SKU", location, quantity: 1 }] },
      { idempotencyKey: `${key}-3`, type: "out", reference: "ERP-2", lines: [{ sku, location, quantity: 2 }] },
    ];
    const rs = await results(await send(request, "clerk", { movements }));
    expect(rs.map((r) => [r.index, r.status])).toEqual([[0, 201], [1, 409], [2, 422], [3, 201]]);

    const [first, , , last] = rs as Extract<Result, { status: 201 }>[];
    expect(Object.keys(first)).toEqual(["index", "status", "replayed", "movement"]);
    expect(first.replayed).toBe(false);
    expect(Object.keys(first.movement)).toEqual(["id", "number", "type", "reference", "createdAt", "lines"]);
    expect(first.movement).toMatchObject({ type: "in", reference: "ERP-1", lines: [{ sku, location, quantity: 5, balance: 5 }] });
    expect(first.movement.number).toMatch(/^WH\/IN\//);
    expect(last.movement).toMatchObject({ type: "out", reference: "ERP-2", lines: [{ sku, location, quantity: 2, balance: 3 }] });

    // The error object and status POST /movements answers for the same body.
    const insufficient = rs[1] as Extract<Result, { error: unknown }>;
    expect(Object.keys(insufficient)).toEqual(["index", "status", "error"]);
    expect(insufficient.error).toMatchObject({ code: "INSUFFICIENT_STOCK", details: { sku: other, location, requested: 1, available: 0 } });
    const single = await request.post(`${API}/movements`, { ...(await as(request, "clerk")), data: { type: "out", lines: [{ sku: other, location, quantity: 1 }] } });
    expect((await expectError(single, 409, "INSUFFICIENT_STOCK"))).toEqual(insufficient.error);
    const unknown = rs[2] as Extract<Result, { error: unknown }>;
    expect(unknown.error.code).toBe("VALIDATION_FAILED");
    expect(issuePaths(unknown.error as Parameters<typeof issuePaths>[0])).toEqual(["lines.0.sku"]);
    for (const r of [insufficient, unknown]) {
      expect(Object.keys(r.error).every((k) => ERROR_KEYS.includes(k))).toBe(true);
      expect(r.error.message.length).toBeGreaterThan(0);
    }

    // Sent again: nothing new, the posted ones replayed with their original answers.
    const again = await results(await send(request, "clerk", { movements }));
    expect(again).toEqual(rs.map((r) => (r.status === 201 ? { ...r, replayed: true } : r)));
    const inv = await request.get(`${API}/inventory?sku=${sku}`, await as(request, "clerk"));
    expect((await inv.json()).items).toEqual([{ sku, location, quantity: 3, reserved: 0, available: 3 }]);
  });

  test("a clerk's adjust is refused with 403 inside the 200 answer while the rest post", async ({ request }) => {
    const key = unique("BA");
    const rs = await results(
      await send(request, "clerk", {
        movements: [
          { idempotencyKey: `${key}-0`, type: "in", lines: [{ sku: other, location, quantity: 2 }] },
          { idempotencyKey: `${key}-1`, type: "adjust", lines: [{ sku: other, location, counted: 10 }] },
          { idempotencyKey: `${key}-2`, type: "in", lines: [{ sku: other, location, quantity: 1 }] },
        ],
      }),
    );
    expect(rs.map((r) => r.status)).toEqual([201, 403, 201]);
    expect((rs[1] as Extract<Result, { error: unknown }>).error.code).toBe("FORBIDDEN");
    expect((rs[2] as Extract<Result, { status: 201 }>).movement.lines[0]).toMatchObject({ balance: 3 });
    // The manager may adjust: the same kind of item posts.
    const ok = await results(await send(request, "manager", { movements: [{ idempotencyKey: `${key}-m`, type: "adjust", lines: [{ sku: other, location, counted: 10 }] }] }));
    expect(ok[0]).toMatchObject({ status: 201, movement: { type: "adjust", lines: [{ counted: 10, delta: 7, balance: 10 }] } });
  });

  test("whole-request problems: 401 without a token, 403 for a viewer, 422 over 100 items or without keys, 400 not JSON", async ({ request }) => {
    const item = (i: number) => ({ idempotencyKey: unique(`BW${i}`), type: "in", lines: [{ sku, location, quantity: 1 }] });
    const stock = async () => (await (await request.get(`${API}/inventory?sku=${sku}`, await as(request, "clerk"))).json()).items;
    const before = await stock();
    await expectError(await request.post(BATCH, { data: { movements: [item(0)] } }), 401, "UNAUTHENTICATED");
    await expectError(await send(request, "viewer", { movements: [item(0)] }), 403, "FORBIDDEN");

    const tooMany = await expectError(await send(request, "clerk", { movements: Array.from({ length: 101 }, (_, i) => item(i)) }), 422, "VALIDATION_FAILED");
    expect(tooMany.message).toContain("At most 100 movements per batch.");
    expect(tooMany.details?.issues).toEqual([{ path: "movements", message: "At most 100 movements per batch." }]);

    const noKey = await expectError(await send(request, "clerk", { movements: [item(0), { type: "in", lines: [{ sku, location, quantity: 1 }] }] }), 422, "VALIDATION_FAILED");
    expect(issuePaths(noKey)).toEqual(["movements.1.idempotencyKey"]);
    expect(issuePaths(await expectError(await send(request, "clerk", { movements: [] }), 422, "VALIDATION_FAILED"))).toEqual(["movements"]);
    expect(issuePaths(await expectError(await send(request, "clerk", { type: "in" }), 422, "VALIDATION_FAILED"))).toEqual(["movements"]);

    const garbage = await request.post(BATCH, rawJson('{"movements": [', (await as(request, "clerk")).headers));
    await expectError(garbage, 400, "BAD_REQUEST");

    // None of the refused requests posted anything.
    expect(await stock()).toEqual(before);
  });

  test("GET is not allowed: 405 with Allow", async ({ request }) => {
    const res = await request.get(BATCH, await as(request, "clerk"));
    await expectError(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers()["allow"]).toBe("POST, OPTIONS");
  });
});
