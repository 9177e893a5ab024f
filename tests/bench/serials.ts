// `npm run bench -- serials`: serialized items at scale (docs/serials.md), against the production
// server (`npm run build` first) on a scratch database `wms_bench_serials` (rebuilt each run):
//   1. 100,000 items with history — 20 serial-tracked products, sources of every kind, items
//      planned / in transit / shipped / frozen (none on hand, so no stock to fake) — loaded with
//      plain SQL plus one `create` history row each, as the CSV import writes them;
//   2. p50/p95 of 20 requests each through the API: the list filtered by status + product, search
//      by IMEI, the item by IMEI, and its history;
//   3. 1,000 arrivals through POST /api/v1/serial-items/{id}/transitions at C=8 — every one must
//      succeed — then the invariant: per product × location, level = Σ ledger = items on hand;
//   4. a CSV import of 10,000 rows through the import domain function.
// Env: BENCH_SERIALS (100000), BENCH_PORT (3198), WEB_CONCURRENCY (1).
import crypto from "node:crypto";
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/database";
import { ensureSystemData } from "../../scripts/lib/system-data";
import { startServer, stopServer } from "./reads";

const PORT = Number(process.env.BENCH_PORT || 3198);
const ITEMS = Number(process.env.BENCH_SERIALS || 100_000);
const PRODUCTS = 20;
const RUNS = 20;
const ARRIVALS = 1000;
const CONCURRENCY = 8;

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
const imeiOf = (n: number) => {
  const body = `86${String(n).padStart(12, "0")}`;
  return body + luhnDigit(body);
};

function serverOf(url: string): string {
  const u = new URL(url);
  u.pathname = "";
  return u.toString().replace(/\/$/, "");
}

type Answer = { status: number; body: string };
function request(agent: http.Agent, method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { ...headers, ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

export async function run(): Promise<void> {
  const base = process.env.BENCH_DATABASE_BASE_URL || serverOf(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/wms");
  const url = `${base}/wms_bench_serials`;
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE ||= "4";
  await dropDatabase(url);
  await ensureDatabase(url);
  await migrate(url);
  await ensureSystemData(url);
  const { db } = await import("../../lib/db");
  const { seedDemoUsers } = await import("../../prisma/seed/demo");
  await seedDemoUsers(db);

  const t0 = performance.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`INSERT INTO warehouses (id, code, name, updated_at) VALUES (gen_random_uuid(), 'WH', 'Main', now())`);
    await c.query(`INSERT INTO locations (id, code, name, barcode, kind, warehouse_id, updated_at)
      SELECT gen_random_uuid(), 'S-' || lpad(g::text, 2, '0'), 'Shelf ' || g, 'S-' || lpad(g::text, 2, '0'), 'storage', (SELECT id FROM warehouses), now()
      FROM generate_series(1, 20) g`);
    await c.query(`INSERT INTO products (id, sku, name, tracking, updated_at)
      SELECT gen_random_uuid(), 'DEV-' || lpad(g::text, 3, '0'), 'Device ' || g, 'serial', now() FROM generate_series(1, ${PRODUCTS}) g`);
    await c.query(`INSERT INTO online_shop_orders (id, platform, order_number) SELECT gen_random_uuid(), 'Tmall', 'TM-' || g FROM generate_series(1, 200) g`);
    await c.query(`INSERT INTO corporate_purchases (id, company_name) SELECT gen_random_uuid(), 'Company ' || g FROM generate_series(1, 50) g`);
    await c.query(`INSERT INTO temporary_channels (id, name) SELECT gen_random_uuid(), 'Channel ' || g FROM generate_series(1, 20) g`);
    const admin = (await c.query<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@example.com'`)).rows[0].id;
    const CHUNK = 10_000;
    for (let from = 0; from < ITEMS; from += CHUNK) {
      const n = Math.min(CHUNK, ITEMS - from);
      const ids = Array.from({ length: n }, () => crypto.randomUUID());
      const identifiers = Array.from({ length: n }, () => crypto.randomBytes(24).toString("hex").match(/.{4}/g)!.join("-"));
      const imeis = Array.from({ length: n }, (_, k) => imeiOf(from + k + 1));
      // Status by position: 40 % planned, 35 % in transit, 20 % shipped, 5 % frozen (from in transit).
      await c.query(
        `INSERT INTO serial_items (id, identifier, product_id, imei, flag, source_kind, online_order_id, corporate_purchase_id, temporary_channel_id,
                                   status, abnormal_from, scheduled_arrival_at, created_at, updated_at)
         SELECT u.id, u.identifier, (SELECT id FROM products WHERE sku = 'DEV-' || lpad((1 + (u.k % ${PRODUCTS}))::text, 3, '0')),
                u.imei, CASE WHEN u.k % 10 = 0 THEN 'box ' || u.k END,
                (CASE u.k % 3 WHEN 0 THEN 'online_order' WHEN 1 THEN 'corporate_purchase' ELSE 'temporary_channel' END)::"SerialSourceKind",
                CASE WHEN u.k % 3 = 0 THEN (SELECT id FROM online_shop_orders ORDER BY id OFFSET (u.k % 200) LIMIT 1) END,
                CASE WHEN u.k % 3 = 1 THEN (SELECT id FROM corporate_purchases ORDER BY id OFFSET (u.k % 50) LIMIT 1) END,
                CASE WHEN u.k % 3 = 2 THEN (SELECT id FROM temporary_channels ORDER BY id OFFSET (u.k % 20) LIMIT 1) END,
                (CASE WHEN u.k % 20 < 8 THEN 'planned' WHEN u.k % 20 < 15 THEN 'in_transit' WHEN u.k % 20 < 19 THEN 'out_of_stock' ELSE 'abnormal' END)::"SerialStatus",
                (CASE WHEN u.k % 20 = 19 THEN 'in_transit' END)::"SerialStatus",
                now() + (u.k % 30) * interval '1 day', now() - (u.k % 365) * interval '1 day', now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS x(id, identifier, imei)
         CROSS JOIN LATERAL (SELECT x.id, x.identifier, x.imei, ($4::int + x.ordinality::int) AS k) u`,
        [ids, identifiers, imeis, from],
      );
      await c.query(
        `INSERT INTO serial_item_history (item_id, actor_id, channel, action, changes, created_at)
         SELECT u.id, $2::uuid, 'import', 'create', jsonb_build_object('status', jsonb_build_object('before', NULL, 'after', 'planned')), now()
         FROM unnest($1::uuid[]) AS u(id)`,
        [ids, admin],
      );
    }
    await c.query("VACUUM ANALYZE");
  } finally {
    await c.end();
  }
  console.log(`loaded ${ITEMS.toLocaleString("en")} serial items with history in ${Math.round(performance.now() - t0)} ms`);

  const server = await startServer(url, PORT);
  try {
    const origin = `http://127.0.0.1:${PORT}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const tok = await request(agent, "POST", `${origin}/api/v1/auth/token`, {}, JSON.stringify({ email: "admin@example.com", password: "demo-password" }));
    const auth = { authorization: `Bearer ${JSON.parse(tok.body).token}` };
    const timed = async (name: string, target: number, paths: string[]) => {
      for (const p of paths.slice(0, 2)) await request(agent, "GET", origin + p, auth); // warm-up
      const times: number[] = [];
      for (const p of paths) {
        const t = performance.now();
        const r = await request(agent, "GET", origin + p, auth);
        times.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`${p}: ${r.status} ${r.body.slice(0, 200)}`);
      }
      times.sort((a, b) => a - b);
      const p95 = pct(times, 95);
      console.log(`${name.padEnd(44)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  target < ${target} ms  ${p95 < target ? "PASS" : "MISS"}`);
    };
    const sample = Array.from({ length: RUNS }, (_, i) => 1 + Math.floor((i * ITEMS) / RUNS));
    await timed("list ?status=in_transit&product=DEV-…", 100, sample.map((_, i) => `/api/v1/serial-items?status=in_transit&product=DEV-${String(1 + (i % PRODUCTS)).padStart(3, "0")}&limit=50`));
    await timed("list ?q=<IMEI>", 100, sample.map((n) => `/api/v1/serial-items?q=${imeiOf(n)}`));
    await timed("GET /serial-items/<IMEI>", 100, sample.map((n) => `/api/v1/serial-items/${imeiOf(n)}`));
    await timed("GET /serial-items/<IMEI>/history", 100, sample.map((n) => `/api/v1/serial-items/${imeiOf(n)}/history`));

    // 1,000 arrivals of planned items, 8 at a time, spread over the products and 20 shelves.
    const c2 = new pg.Client({ connectionString: url });
    await c2.connect();
    const planned = (await c2.query<{ imei: string }>(`SELECT imei FROM serial_items WHERE status = 'planned' ORDER BY id LIMIT ${ARRIVALS}`)).rows.map((r) => r.imei);
    const t1 = performance.now();
    let next = 0;
    const errors: string[] = [];
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < planned.length) {
          const k = next++;
          const t = performance.now();
          const r = await request(agent, "POST", `${origin}/api/v1/serial-items/${planned[k]}/transitions`, auth, JSON.stringify({ to: "arrived", location: `S-${String(1 + (k % 20)).padStart(2, "0")}` }));
          latencies.push(performance.now() - t);
          if (r.status !== 200) errors.push(`${r.status} ${r.body.slice(0, 120)}`);
        }
      }),
    );
    const secs = (performance.now() - t1) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`${ARRIVALS} arrivals at C=${CONCURRENCY}: ${(ARRIVALS / secs).toFixed(0)}/s, p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, errors ${errors.length}${errors.length ? ` (${errors[0]})` : ""}`);
    const bad = await c2.query(`
      WITH lv AS (SELECT product_id, location_id, quantity FROM stock_levels),
           lg AS (SELECT product_id, location_id, sum(delta)::int AS total FROM ledger_entries GROUP BY 1, 2),
           it AS (SELECT product_id, location_id, count(*)::int AS n FROM serial_items WHERE location_id IS NOT NULL GROUP BY 1, 2)
      SELECT count(*)::int AS n FROM lv FULL JOIN lg USING (product_id, location_id) FULL JOIN it USING (product_id, location_id)
      WHERE COALESCE(lv.quantity, 0) <> COALESCE(lg.total, 0) OR COALESCE(lv.quantity, 0) <> COALESCE(it.n, 0)`);
    const onHand = (await c2.query<{ n: number }>(`SELECT count(*)::int AS n FROM serial_items WHERE status = 'arrived'`)).rows[0].n;
    console.log(`invariant (level = Σ ledger = items on hand, per product × location): ${bad.rows[0].n === 0 ? "holds" : `${bad.rows[0].n} mismatches`}; items on hand ${onHand}`);
    await c2.end();
    if (errors.length || bad.rows[0].n !== 0) process.exitCode = 1;
  } finally {
    await stopServer(server);
  }

  // The CSV import of 10,000 rows, through the same function the /import page calls.
  const { runImport } = await import("../../lib/imports/run-import");
  const admin = { id: (await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } })).id, role: "admin" as const, channel: "web" as const };
  const rows = Array.from({ length: 10_000 }, (_, i) => `DEV-001,${imeiOf(ITEMS + 1 + i)},,temporary_channel,Channel 1,2027-01-01`);
  const t2 = performance.now();
  const out = await runImport(admin, { kind: "serial_items", fileName: "bench.csv", content: Buffer.from(`sku,imei,flag,source_kind,source,scheduled_arrival\n${rows.join("\n")}\n`) });
  console.log(`CSV import of 10,000 rows: ${out.status} in ${Math.round(performance.now() - t2)} ms (target < 15,000 ms)`);
  await db.$disconnect();
  console.log(`load average (1, 5, 15 min): ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.availableParallelism()} CPUs`);
}
