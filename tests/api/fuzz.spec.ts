// Property-based fuzzing of the whole /api/v1 surface (issue 14): generated hostile requests at
// every route template of the OpenAPI document, against the production server `npm run test:e2e`
// starts (scripts/serve.ts → scripts/web-server.ts). Over HTTP rather than by calling the route
// handlers, so what is tested is what a client meets: Node's HTTP parsing, percent-decoding and
// routing by Next, the movement fast path of web-server.ts, and the error mapping of lib/http.ts.
//
// Properties, for every request: no 5xx; an answer within REQUEST_TIMEOUT_MS (no hang); every
// 4xx is the API's error shape. Afterwards: level = Σ ledger for every product × location and lot,
// and the server still answers. Fixed seed; RUNS × BATCH cases (≥ 2,000), BATCH at a time.
//
// Other specs share this database, so the fuzzer only changes what it created itself: mutating
// methods get path segments of its own product/locations or of nothing, movement bodies name only
// its own product and locations, and logins never name a demo user.
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { db } from "@/lib/db";
import { API, ERROR_KEYS, tokenFor, unique, type Role } from "./support";

const SEED = 20_261_214;
const RUNS = 275;
const BATCH = 8;
const REQUEST_TIMEOUT_MS = 15_000;

type Op = { method: string; template: string };
type Case = { method: string; path: string; query: string; headers: Record<string, string>; body?: Buffer; note: string };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const ERROR_CODES = new Set<string>();

// ── Hostile leaves ────────────────────────────────────────────────────────────────────────────
// A string "\u0001RAW:<json>" is replaced by <json> verbatim after JSON.stringify: numbers and
// nestings JSON.stringify cannot write (1e400, 30-digit integers, 20,000 brackets).
const RAW = "\u0001RAW:";
const raw = (json: string) => `${RAW}${json}`;
const toJson = (v: unknown) => JSON.stringify(v).replace(/"\\u0001RAW:((?:[^"\\]|\\.)*)"/g, (_, s: string) => JSON.parse(`"${s}"`));

// Long strings are rare and at most 100,000 characters: Playwright ships each body through its
// driver, and a few megabytes per case would make the run minutes longer (413 has its own spec).
const hostileString = fc.oneof(
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00", "\udbff\udbff", "📦", "'; DROP TABLE products; --", "%00", "%FF", "null", "0", "-1", "=1+1", "\\", '"', "\t\r\n"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.oneof({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map((n) => "x".repeat(n)) }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 0.5, -0.5, 1e9, 1_000_000_001, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, 1e308, -1e308),
  fc.constantFrom(raw("1e400"), raw("-1e400"), raw("123456789012345678901234567890"), raw("9223372036854775808"), raw("1E-400"), raw("0.0000000000000000000001")),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileDate = fc.constantFrom(
  "0000-01-01", "0000-12-31T23:59:59Z", "0001-01-01T00:00:00+01:00", "9999-12-31", "9999-12-31T23:00:00-05:00", "10000-01-01",
  "2026-02-30", "2026-13-01", "-000001-01-01", "2026-01-01T25:00:00Z", "1969-12-31", "2026-06-01",
);
const wrongType = fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], { a: {} }, [[[]]], raw("[".repeat(5_000) + "]".repeat(5_000)));
const leaf: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileDate }, { weight: 1, arbitrary: wrongType });
/** A value of the expected kind most of the time, a hostile one otherwise. */
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: good }, { weight: 1, arbitrary: leaf });
const hostileObject = fc.dictionary(hostileString.filter((s) => s.length < 100), leaf, { maxKeys: 5 });

// ── Bodies: near-valid per route (to get past the first checks), then anything ───────────────
type Owned = { sku: string; locations: [string, string]; product: string; location: string };

function bodies(owned: Owned): Record<string, fc.Arbitrary<unknown>> {
  const line = fc.record(
    {
      sku: maybe(fc.constant(owned.sku)),
      location: maybe(fc.constantFrom(...owned.locations)),
      from: maybe(fc.constant(owned.locations[0])),
      to: maybe(fc.constant(owned.locations[1])),
      quantity: maybe(fc.integer({ min: 1, max: 1_000_000_000 })),
      counted: maybe(fc.integer({ min: 0, max: 1_000_000_000 })),
      lot: hostileString,
      expiresAt: hostileDate,
      unitCost: maybe(fc.constantFrom("1.00", "0.01", "99999999999999.99")),
      reason: hostileString,
      serials: fc.array(hostileString, { maxLength: 3 }),
    },
    { requiredKeys: ["sku"] },
  );
  const movement = fc.record(
    {
      type: maybe(fc.constantFrom("in", "out", "transfer", "adjust", "write_off")),
      reference: hostileString,
      note: hostileString,
      reason: hostileString,
      lines: maybe(fc.array(line, { minLength: 1, maxLength: 4 })),
      extra: hostileObject,
    },
    { requiredKeys: ["type", "lines"] },
  );
  const product = fc.record(
    {
      sku: maybe(fc.constant(null).map(() => unique("FUZZ"))),
      name: hostileString,
      barcode: hostileString,
      category: hostileString,
      spec: maybe(hostileObject),
      unit: hostileString,
      minStock: hostileNumber,
      safetyStock: hostileNumber,
      price: maybe(fc.record({ amount: maybe(fc.constantFrom("1.00", "12.5", "1e3", "-1")), currency: maybe(fc.constantFrom("CNY", "EUR", "XXX")) })),
      tracking: maybe(fc.constantFrom("none", "lot", "serial")),
    },
    { requiredKeys: [] },
  );
  const location = fc.record(
    {
      code: maybe(fc.constant(null).map(() => unique("FZ"))),
      name: hostileString,
      kind: maybe(fc.constantFrom("storage", "receiving", "shipping", "scrap")),
      capacity: hostileNumber,
      warehouse: maybe(fc.constant("WH")),
      barcode: hostileString,
      active: maybe(fc.boolean()),
    },
    { requiredKeys: [] },
  );
  return {
    "POST /movements": movement,
    "POST /movements/batch": fc.record({ movements: maybe(fc.array(fc.tuple(movement, hostileString).map(([m, k]) => ({ ...m, idempotencyKey: k })), { maxLength: 4 })) }),
    "POST /products": product,
    "PATCH /products/{sku}": product,
    "POST /locations": location,
    "PATCH /locations/{code}": location,
    // Never a demo user: failed logins count against the email.
    "POST /auth/token": fc.record({ email: maybe(fc.constant(null).map(() => `${unique("fuzz").toLowerCase()}@example.org`)), password: hostileString }, { requiredKeys: [] }),
    "POST /sequences/{code}/next": fc.record({ date: hostileDate, company: hostileString }, { requiredKeys: [] }),
  };
}

const rawBody = fc.oneof(
  fc.constantFrom("", "{", "null", "[]", "\"x\"", "1e400", "{\"a\":1,\"a\":2}", "\uFEFF{}", "{\"__proto__\":{\"admin\":true}}"),
  fc.nat({ max: 50_000 }).map((d) => "[".repeat(d) + "]".repeat(d)),
  fc.nat({ max: 20_000 }).map((d) => '{"a":'.repeat(d) + "1" + "}".repeat(d)),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.oneof({ weight: 9, arbitrary: fc.constant("{}") }, { weight: 1, arbitrary: fc.constant(`["${"x".repeat(1024 * 1024)}"]`) }),
);
const invalidUtf8 = fc.constantFrom(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]));

// ── Paths, queries, headers ───────────────────────────────────────────────────────────────────
const RAW_SEGMENTS = ["%FF", "%00", "a%00b", "%E0%A4%A", "%", "%%", "%C0%80", "%ED%A0%80", "..", ".", "%2e%2e", "a%2Fb", "%20", "%0A", "a".repeat(3000)];
/** encodeURIComponent, except that lone surrogates (which it refuses) are sent as their 3 invalid bytes. */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? "%ED%A0%80" : encodeURIComponent(ch))).join("");
  }
}

const QUERY_KEYS = ["limit", "cursor", "q", "sku", "location", "type", "since", "until", "format", "status", "level", "date", "company", "deleted", "inStock", "spec", "category", "warehouse", "kind", "active", "x"];
const b64 = (v: unknown) => Buffer.from(typeof v === "string" && v.startsWith(RAW) ? v.slice(RAW.length) : toJson(v)).toString("base64url");
const cursorValue = fc.oneof(
  fc.constantFrom("zzz", "", "%00", "e30", "bnVsbA"),
  fc.constantFrom<unknown>("99999999999999999999", "9223372036854775808", "-1", "a\u0000b", "\ud800", ["\u0000", "x"], ["0000-01-01T00:00:00.000Z", "x"], { v: 1, since: "99999999999999999999" }, { v: 1, since: null, pass: { x: "1", products: "\u0000", locations: null, levels: null } }, ["sku", "asc", "\u0000", "x"]).map(b64),
  // Short leaves only: a URL over Node's 16 KiB header limit gets a bare 431 from Node itself.
  leaf.filter((v) => typeof v !== "string" || v.length < 300).map(b64),
);
const queryValue = fc.oneof(
  // Short enough that a URL stays under Node's 16 KiB header limit (beyond it Node answers a bare 431).
  hostileString.filter((s) => s.length < 300).map(encodeSegment),
  hostileNumber.map((n) => encodeURIComponent(String(n).replace(RAW, ""))),
  hostileDate.map(encodeURIComponent),
  fc.constantFrom("%00", "%FF", "%ED%A0%80", "csv", "json", "true", "false", "in", "open", "1", "500", "5001", "1e400", "-0", "0x10"),
);
const query = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(queryValue, cursorValue)), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

type Auth = Role | "none" | "garbage" | "expired" | "basic" | "wms" | "long";
const auth = fc.constantFrom<Auth>("admin", "manager", "clerk", "viewer", "admin", "manager", "none", "garbage", "expired", "basic", "wms", "long");
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  { weight: 4, arbitrary: fc.constantFrom("application/json; charset=utf-8", "application/vnd.wms+json", "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", "application/jsonx", "*/*", "application/json, text/plain", ";;;") },
);
const idempotencyKey = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }),
  fc.constantFrom(" ", "k".repeat(300), "é", "a b", "\u00ff"),
);

// Thousands of requests, some of a megabyte: a trace of them all would cost more than the requests.
test.use({ trace: "off" });

test("fuzz: hostile requests at every route never get a 5xx, hang or a malformed error", async ({ request }) => {
  test.setTimeout(240_000);
  const started = Date.now();

  const doc = (await (await request.get(`${API}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } } } };
  for (const c of doc.components.schemas.Error.properties.error.properties.code.enum) ERROR_CODES.add(c);
  expect(ERROR_CODES.has("UNSUPPORTED_MEDIA_TYPE")).toBe(true);
  const ops: Op[] = Object.entries(doc.paths).flatMap(([template, item]) => Object.keys(item).filter((m) => METHODS.includes(m.toUpperCase())).map((m) => ({ method: m.toUpperCase(), template })));
  expect(ops.length).toBeGreaterThan(15);

  // What the fuzzer owns: a product and two locations without capacity.
  const admin = { authorization: `Bearer ${await tokenFor(request, "admin")}` };
  const owned: Owned = { sku: unique("FUZZ"), locations: [unique("FZL"), unique("FZL")], product: "", location: "" };
  expect((await request.post(`${API}/products`, { headers: admin, data: { sku: owned.sku, name: "fuzz" } })).status()).toBe(201);
  for (const code of owned.locations) expect((await request.post(`${API}/locations`, { headers: admin, data: { code, warehouse: "WH" } })).status()).toBe(201);
  const tokens: Record<string, string> = {};
  for (const role of ["admin", "manager", "clerk", "viewer"] as Role[]) tokens[role] = await tokenFor(request, role);
  const authHeader = (a: Auth): string | undefined =>
    a in tokens ? `Bearer ${tokens[a]}` : { none: undefined, garbage: "Bearer garbage", expired: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.x", basic: "Basic YTpi", wms: "Bearer wms_0000000000000000000000000000000000000000", long: `Bearer ${"a".repeat(4000)}` }[a as "none"];

  const bodyFor = bodies(owned);
  const ownedSegments: Record<string, string[]> = { sku: [owned.sku], code: owned.locations };
  const demoSegments: Record<string, string[]> = { sku: ["SKU-00001", "sku-00001"], code: ["A-01-01", "a-01-01", "stock.move.in"] };

  const caseArb: fc.Arbitrary<Case> = fc
    .record({
      op: fc.constantFrom(...ops),
      otherMethod: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
      segments: fc.array(
        fc.oneof(
          { weight: 2, arbitrary: fc.constant({ kind: "owned" as const, value: "" }) },
          { weight: 1, arbitrary: fc.constant({ kind: "demo" as const, value: "" }) },
          { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((value) => ({ kind: "raw" as const, value })) },
          { weight: 2, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 300).map((s) => ({ kind: "raw" as const, value: encodeSegment(s) })) },
        ),
        { minLength: 2, maxLength: 2 },
      ),
      query,
      auth,
      contentType,
      idempotencyKey,
      bodyKind: fc.constantFrom("template", "template", "template", "json", "raw", "utf8", "none"),
      json: fc.jsonValue({ maxDepth: 4 }),
      raw: rawBody,
      utf8: invalidUtf8,
      seed: fc.integer(),
    })
    .chain((r) => {
      const method = r.otherMethod ?? r.op.method;
      const key = `${r.op.method} ${r.op.template}`;
      const template = bodyFor[key] ?? hostileObject;
      return template.map((t) => ({ ...r, method, key, t }));
    })
    .map((r) => {
      let i = 0;
      const path = r.op.template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const seg = r.segments[i++ % r.segments.length];
        // Destructive methods never name demo data: their own rows, or anything that names nothing.
        if (seg.kind === "demo" && !MUTATING.has(r.method)) return encodeURIComponent(demoSegments[name]?.[r.seed & 1] ?? "x");
        if (seg.kind === "raw") return seg.value;
        const mine = ownedSegments[name] ?? [unique("none")];
        return encodeURIComponent(mine[Math.abs(r.seed) % mine.length]);
      });
      const headers: Record<string, string> = {};
      const authorization = authHeader(r.auth);
      if (authorization) headers.authorization = authorization;
      if (r.idempotencyKey !== undefined) headers["idempotency-key"] = r.idempotencyKey;
      let body: Buffer | undefined;
      if (r.method !== "GET" && r.method !== "HEAD" && r.bodyKind !== "none") {
        body =
          r.bodyKind === "template" ? Buffer.from(toJson(r.t)) : r.bodyKind === "json" ? Buffer.from(JSON.stringify(r.json)) : r.bodyKind === "raw" ? Buffer.from(r.raw) : r.utf8;
        headers["content-type"] = r.contentType;
      }
      const c: Case = { method: r.method, path: `/api/v1${path}`, query: r.query, headers, body, note: `${r.key} as ${r.auth}, body ${r.bodyKind}` };
      // Counterexamples print as a summary, not as megabytes of body bytes.
      return Object.assign(c, {
        [fc.toStringMethod]: () =>
          `${c.method} ${(c.path + c.query).slice(0, 200)} ${JSON.stringify({ ...c.headers, authorization: c.headers.authorization?.slice(0, 20) })} body(${c.body?.length ?? 0} bytes): ${c.body?.toString("utf8").slice(0, 200) ?? ""}`,
      });
    });

  const statuses = new Map<number, number>();
  let cases = 0;
  const slow = new Map<string, number>();
  async function check(c: Case): Promise<void> {
    const url = `${c.path}${c.query}`;
    const t0 = Date.now();
    const res = await request.fetch(url, { method: c.method, headers: c.headers, data: c.body, timeout: REQUEST_TIMEOUT_MS, maxRedirects: 0, failOnStatusCode: false });
    cases++;
    const key = c.note.split(" as ")[0];
    slow.set(key, (slow.get(key) ?? 0) + Date.now() - t0);
    statuses.set(res.status(), (statuses.get(res.status()) ?? 0) + 1);
    const text = await res.text();
    const where = `${c.method} ${url.slice(0, 300)} (${c.note}) → ${res.status()} ${text.slice(0, 300)}`;
    expect(res.status(), where).toBeLessThan(500);
    if (res.status() >= 400 && c.method !== "HEAD") {
      expect(res.headers()["content-type"] ?? "", where).toContain("application/json");
      const e = (JSON.parse(text) as { error: { code: string; message: string; details?: unknown } }).error;
      expect(Object.keys(JSON.parse(text)), where).toEqual(["error"]);
      expect(ERROR_CODES.has(e.code), where).toBe(true);
      expect(typeof e.message === "string" && e.message.length > 0, where).toBe(true);
      for (const k of Object.keys(e)) expect(ERROR_KEYS, where).toContain(k);
      if (e.details !== undefined) expect(typeof e.details === "object" && e.details !== null, where).toBe(true);
      expect(text, where).not.toMatch(/\bat .+\.(js|ts):\d+|"stack"|prisma|invalid byte sequence/i);
    }
  }

  await fc.assert(
    fc.asyncProperty(fc.array(caseArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      await Promise.all(batch.map(check));
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  expect(cases).toBeGreaterThanOrEqual(2_000);

  // The stock invariant: level = Σ ledger for every product × location, and every lot.
  const levels = await db.$queryRaw<{ n: bigint }[]>`
    WITH sums AS (SELECT product_id, location_id, sum(delta) AS total FROM ledger_entries GROUP BY product_id, location_id)
    SELECT count(*) AS n FROM stock_levels s FULL JOIN sums x ON x.product_id = s.product_id AND x.location_id = s.location_id
    WHERE COALESCE(s.quantity, 0) <> COALESCE(x.total, 0)`;
  const lots = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT lt.id FROM lots lt LEFT JOIN ledger_entries e ON e.lot_id = lt.id
    GROUP BY lt.id, lt.quantity HAVING lt.quantity <> COALESCE(sum(e.delta), 0)) d`;
  expect(Number(levels[0].n), "stock levels that differ from the ledger").toBe(0);
  expect(Number(lots[0].n), "lots that differ from the ledger").toBe(0);
  expect((await request.get(`${API}/health`)).status()).toBe(200);
  console.log([...slow].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, ms]) => `${k}: ${ms} ms`).join("\n"));
  console.log(`fuzz: ${cases} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
});

test.afterAll(async () => {
  await db.$disconnect();
});
