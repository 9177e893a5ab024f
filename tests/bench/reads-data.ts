// The data set of `npm run bench -- reads`: a scratch database with 100,000 products, 2,000
// locations and about 1,000,000 ledger rows over the last 90 days, loaded with plain SQL
// (INSERT … SELECT over generate_series) in a minute or two instead of a million stock_post calls.
//
// What it loads, and the invariants it keeps (checked at the end with lib/stock/reconcile.ts
// checkStock, the same check as `npm run stock:reconcile`):
//   - warehouses WH (zones A–J) and WH2 (K–T), locations A-01-01 … T-10-10;
//   - products SKU-000001 … with barcodes, a category of the demo tree, spec, price; every
//     product has a home location, even-numbered ones a second location they are transferred to;
//   - movements of every type over 90 days (in 15 %, out 55 %, transfer 15 %, adjust 8 %,
//     write_off 7 % of the documents, 1–8 lines each) on a skewed product mix (some SKUs move
//     daily, the tail rarely; SKUs ending in 3 or 7 are never shipped: slow movers), preceded by one
//     opening receipt per location that stocks exactly enough for no balance to go below zero;
//   - every movement has its lines, ledger rows (a transfer line two) and an audit row, numbers
//     are unique (BENCH-<TYPE>-nnnnnnn, apart from the live sequences), ledger ids follow time,
//     balance = running Σ delta per product × location, stock_levels.quantity = Σ ledger deltas,
//     updated_at = the last movement, last_counted_at = the last adjustment; no lots;
//   - min_stock on every 5th product (20) and every 20th (above its stock: reorder rows, alerts),
//     in_stock from the levels, 5,000 variant groups, then the alert sweep (lib/alerts) opens the
//     alerts and one open count session is created (lib/counts), as the app would.
// The database is kept between runs; a COMMENT ON DATABASE marks it complete (with its scale),
// and `--fresh` (or another scale) rebuilds it.
import pg from "pg";
import { dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/database";
import { ensureSystemData } from "../../scripts/lib/system-data";

export type Scale = { products: number; locations: number; ledger: number; days: number };

export const DEFAULT_SCALE: Scale = { products: 100_000, locations: 2_000, ledger: 1_000_000, days: 90 };
const LOAD_VERSION = 1;
const marker = (s: Scale) => `wms bench reads v${LOAD_VERSION} ${JSON.stringify(s)}`;

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** Creates (or reuses, when complete and of this scale) the scratch database; returns its URL. */
export async function prepareDatabase(url: string, scale: Scale, opts: { fresh: boolean; log: (line: string) => void }): Promise<{ loaded: boolean }> {
  const { log } = opts;
  if (opts.fresh) await dropDatabase(url);
  await ensureDatabase(url);
  const name = new URL(url).pathname.slice(1);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ d: string | null }>("SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1", [name]);
    if (rows[0]?.d === marker(scale)) {
      // Complete: only migrations written since (they run against the loaded data, as in production).
      const { applied } = await migrate(url, log);
      if (applied.length) await c.query("VACUUM ANALYZE");
      return { loaded: false };
    }
  } finally {
    await c.end();
  }
  if (!opts.fresh) {
    log(`database ${name} is missing, incomplete or of another scale: rebuilding it`);
    await dropDatabase(url);
    await ensureDatabase(url);
  }
  await load(url, scale, log);
  return { loaded: true };
}

async function load(url: string, s: Scale, log: (line: string) => void): Promise<void> {
  if (s.locations > 2600) throw new Error("at most 2,600 locations (26 zones of 100)");
  const t0 = performance.now();
  await migrate(url);
  await ensureSystemData(url);
  // Users and categories as the demo seed makes them (lib/db reads DATABASE_URL, set by the caller).
  const { db } = await import("../../lib/db");
  const { seedDemoCategories, seedDemoUsers, DEMO_COLOURS, DEMO_SIZES, DEMO_VOLTAGES } = await import("../../prisma/seed/demo");
  await seedDemoUsers(db);
  const leaves = await seedDemoCategories(db);

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // Statements run one at a time (numbers are inlined; only DML takes the array parameters); the
  // row count logged is the last statement's.
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    let rows = 0;
    for (const statement of sql.split(/;\s*\n/).map((x) => x.trim()).filter(Boolean)) {
      const used = Math.max(0, ...[...statement.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      rows = (await c.query(statement, params.slice(0, used))).rowCount ?? 0;
    }
    log(`  ${label}: ${rows.toLocaleString("en-US")} rows, ${seconds(t)}`);
  };
  try {
    // One session, no parallel workers: setseed makes the data the same on every load.
    await c.query("SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB'; SET synchronous_commit = off; SELECT setseed(0.2026)");
    const N = s.products;
    const L = s.locations;
    const zones = Math.ceil(L / 100);
    log(`loading ${N.toLocaleString("en-US")} products, ${L.toLocaleString("en-US")} locations, ~${s.ledger.toLocaleString("en-US")} ledger rows over ${s.days} days`);

    await step("warehouses", `
      INSERT INTO warehouses (id, code, name, updated_at) VALUES
        (uuid_v7(now()), 'WH', 'Main warehouse', now()), (uuid_v7(now()), 'WH2', 'Overflow warehouse', now())
      ON CONFLICT (code) DO NOTHING`);
    await step("locations", `
      CREATE TEMP TABLE b_loc AS
      SELECT n, uuid_v7(now()) AS id,
             chr(65 + (n - 1) / 100) || '-' || lpad((((n - 1) % 100) / 10 + 1)::text, 2, '0') || '-' || lpad(((n - 1) % 10 + 1)::text, 2, '0') AS code
      FROM generate_series(1, ${L}) n;
      ALTER TABLE b_loc ADD PRIMARY KEY (n);
      INSERT INTO locations (id, warehouse_id, code, name, kind, capacity, barcode, active, created_at, updated_at)
      SELECT b.id, w.id, b.code,
             'Zone ' || left(b.code, 1) || ' aisle ' || substr(b.code, 3, 2) || ' bin ' || right(b.code, 2),
             (CASE WHEN b.n = 1 THEN 'receiving' WHEN b.n = ${L} THEN 'shipping' WHEN b.n = ${Math.floor(L / 2)} THEN 'scrap' ELSE 'storage' END)::"LocationKind",
             1000, b.code, true, now(), now()
      FROM b_loc b JOIN warehouses w ON w.code = CASE WHEN (b.n - 1) / 100 < ${Math.ceil(zones / 2)} THEN 'WH' ELSE 'WH2' END
      ORDER BY b.n`);

    // Products; home/alt: the location numbers a product is stocked at.
    await step("products (staging)", `
      CREATE TEMP TABLE b_prod AS
      SELECT k, uuid_v7(now() - interval '200 days' + k * interval '100 ms') AS id,
             ((k % 200) + 1 + (k % 100) / 100.0)::numeric(18, 4) AS price,
             1 + (k::bigint * 7919) % ${L} AS home,
             1 + (k::bigint * 7919 + 1 + k % 13) % ${L} AS alt
      FROM generate_series(1, ${N}) k;
      ALTER TABLE b_prod ADD PRIMARY KEY (k)`);
    // In chunks: the codes-unique trigger (migration 20261211090000_integrity) takes two advisory
    // locks per row until commit, and 100,000 rows in one statement would pass the lock table.
    const productsInsert = `
      INSERT INTO products (id, sku, barcode, name, category_id, spec, unit, min_stock, safety_stock, price_amount, price_currency, tracking, in_stock, created_at, updated_at)
      SELECT b.id, 'SKU-' || lpad(b.k::text, 6, '0'), e.body || ((10 - e.total % 10) % 10)::text,
             (ARRAY['Steel', 'Plastic', 'Copper', 'Smart', 'Compact', 'Heavy-duty', 'Wireless', 'Classic'])[1 + b.k % 8] || ' ' ||
             (ARRAY['drill', 'cable', 'charger', 'notebook', 'chair', 'saw', 'wrench', 'tablet', 'desk', 'screwdriver', 'phone'])[1 + b.k % 11] || ' ' || b.k,
             ($1::uuid[])[1 + b.k % cardinality($1::uuid[])],
             jsonb_build_object('colour', ($2::text[])[1 + b.k % cardinality($2::text[])], 'size', ($3::text[])[1 + b.k % cardinality($3::text[])],
                                'voltage', ($4::text[])[1 + b.k % cardinality($4::text[])]),
             CASE WHEN b.k % 10 = 0 THEN 'box' ELSE 'pcs' END, 0, 0, b.price, 'CNY', 'none', false,
             now() - interval '200 days' + b.k * interval '100 ms', now() - interval '200 days' + b.k * interval '100 ms'
      FROM b_prod b
      CROSS JOIN LATERAL (SELECT '691' || lpad(b.k::text, 9, '0') AS body) d
      CROSS JOIN LATERAL (SELECT d.body, sum(substr(d.body, i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END) AS total FROM generate_series(1, 12) i) e
      WHERE b.k BETWEEN $5 AND $6
      ORDER BY b.k`;
    {
      const t = performance.now();
      const CHUNK = 1_000;
      for (let lo = 1; lo <= N; lo += CHUNK) {
        await c.query(productsInsert, [leaves, DEMO_COLOURS, DEMO_SIZES, DEMO_VOLTAGES, lo, Math.min(N, lo + CHUNK - 1)]);
        // The codes-unique trigger looks each new code up by lower(sku)/lower(barcode): with the
        // statistics of an empty table (autovacuum may be off) it is planned as a sequential scan,
        // and the load turns quadratic (~16 s a chunk at 60,000 products). Statistics now and then.
        if (lo === 1 || (lo - 1) % (CHUNK * 10) === 0) await c.query("ANALYZE products");
      }
      log(`  products: ${N.toLocaleString("en-US")} rows, ${seconds(t)}`);
    }

    // About 3 ledger rows per document (lines × 1, transfers × 2); the opening receipts add one per
    // product × location (1.5 per product).
    const documents = Math.max(1, Math.round((s.ledger - 1.5 * N) / 3));
    await step("documents", `
      CREATE TEMP TABLE b_act AS
      SELECT x.ts, t.type,
             (CASE t.type WHEN 'in' THEN 1 + floor(x.r2 * 8) WHEN 'out' THEN 1 + floor(x.r2 * 4) WHEN 'transfer' THEN 1 + floor(x.r2 * 3)
                          WHEN 'adjust' THEN 1 + floor(x.r2 * 5) ELSE 1 + floor(x.r2 * 2) END)::int AS nlines,
             x.r3
      FROM (SELECT now() - interval '1 minute' - random() * (${s.days} * interval '1 day') AS ts, random() AS r, random() AS r2, random() AS r3
            FROM generate_series(1, ${documents})) x
      CROSS JOIN LATERAL (SELECT CASE WHEN x.r < 0.15 THEN 'in' WHEN x.r < 0.70 THEN 'out' WHEN x.r < 0.85 THEN 'transfer'
                                      WHEN x.r < 0.93 THEN 'adjust' ELSE 'write_off' END AS type) t`);

    // Lines. A product is drawn by rank (rank ~ N·u², so low ranks are hot), ranks are scattered
    // over the SKUs by a multiplicative permutation; outbound lines skip SKUs ending in 3 or 7
    // (never shipped), transfers use even SKUs (the ones with a second location).
    await step("lines", `
      CREATE TEMP TABLE b_mov AS
      SELECT (row_number() OVER (ORDER BY ts))::int AS n, ts, type, nlines, r3 FROM b_act;
      DROP TABLE b_act;
      CREATE TEMP TABLE b_line AS
      SELECT m.n AS mov, g AS line_no, m.type, m.ts, p.k,
             CASE m.type WHEN 'in' THEN NULL WHEN 'adjust' THEN CASE WHEN p.k % 2 = 0 AND r.a < 0.3 THEN b.alt ELSE b.home END ELSE b.home END AS from_loc,
             CASE m.type WHEN 'in' THEN b.home WHEN 'transfer' THEN b.alt WHEN 'adjust' THEN CASE WHEN p.k % 2 = 0 AND r.a < 0.3 THEN b.alt ELSE b.home END END AS to_loc,
             CASE m.type WHEN 'in' THEN 10 + floor(r.q * 91) WHEN 'write_off' THEN 1 + floor(r.q * 3) WHEN 'adjust' THEN floor(r.q * 11) - 5
                         ELSE 1 + floor(r.q * 10) END::int AS qty,
             CASE WHEN m.type = 'in' THEN round(b.price * 0.6, 2) END AS unit_cost
      FROM b_mov m
      CROSS JOIN LATERAL generate_series(1, m.nlines) g
      CROSS JOIN LATERAL (SELECT random() AS u, random() AS q, random() AS a, g AS dep) r
      CROSS JOIN LATERAL (SELECT 1 + ((floor(${N} * r.u * r.u)::bigint * 48271) % ${N})::int AS k0) k0
      CROSS JOIN LATERAL (SELECT CASE
                 WHEN m.type = 'transfer' AND k0.k0 % 2 = 1 THEN CASE WHEN k0.k0 < ${N} THEN k0.k0 + 1 ELSE k0.k0 - 1 END
                 WHEN m.type IN ('out', 'write_off') AND k0.k0 % 10 IN (3, 7) THEN CASE WHEN k0.k0 < ${N} THEN k0.k0 + 1 ELSE k0.k0 - 1 END
                 ELSE k0.k0 END AS k) p
      JOIN b_prod b ON b.k = p.k`);

    // Ledger events of the lines and their running sums per product × location.
    await step("ledger events", `
      CREATE TEMP TABLE b_ev AS
      SELECT l.mov, l.line_no, e.sub, l.k, e.loc, e.delta, l.ts, l.type,
             sum(e.delta) OVER (PARTITION BY l.k, e.loc ORDER BY l.mov, l.line_no, e.sub) AS run
      FROM b_line l
      CROSS JOIN LATERAL (
        SELECT 0 AS sub, COALESCE(l.from_loc, l.to_loc) AS loc,
               CASE WHEN l.type IN ('out', 'write_off', 'transfer') THEN -l.qty ELSE l.qty END AS delta
        UNION ALL
        SELECT 1, l.to_loc, l.qty WHERE l.type = 'transfer'
      ) e`);

    // Every product × location it is stocked at: the opening quantity covers the deepest dip of the
    // running sum, plus a buffer (none for every 50th SKU: some products run empty).
    await step("stock rows", `
      CREATE TEMP TABLE b_pair AS
      SELECT x.k, x.loc, COALESCE(a.minrun, 0) AS minrun, COALESCE(a.total, 0) AS total, a.last_ts, a.last_count
      FROM (SELECT k, home AS loc FROM b_prod UNION SELECT k, alt FROM b_prod WHERE k % 2 = 0) x
      LEFT JOIN (SELECT k, loc, least(0, min(run)) AS minrun, sum(delta) AS total, max(ts) AS last_ts,
                        max(ts) FILTER (WHERE type = 'adjust') AS last_count
                 FROM b_ev GROUP BY k, loc) a ON a.k = x.k AND a.loc = x.loc;
      ALTER TABLE b_pair ADD COLUMN opening int;
      UPDATE b_pair SET opening = -minrun + CASE WHEN k % 50 = 0 THEN 0 ELSE 5 + floor(random() * 150)::int END`);

    // Opening receipts: one document per location, before everything else.
    const opening = `now() - (${s.days} * interval '1 day') - interval '1 hour'`;
    await step("opening receipts", `
      CREATE TEMP TABLE b_open AS
      SELECT -dense_rank() OVER (ORDER BY loc DESC) AS mov, (row_number() OVER (PARTITION BY loc ORDER BY k))::int AS line_no, k, loc, opening
      FROM b_pair WHERE opening > 0;
      CREATE TEMP TABLE b_doc AS
      SELECT mov AS n, ${opening} + (mov + 100000) * interval '1 ms' AS ts, 'in'::text AS type, 'OPENING'::text AS reference, 0.0::float8 AS r3
      FROM (SELECT DISTINCT mov FROM b_open) o
      UNION ALL
      SELECT n, ts, type, CASE type WHEN 'in' THEN 'PO-' || (10000 + n) WHEN 'out' THEN 'SO-' || (10000 + n) END, r3 FROM b_mov;
      ALTER TABLE b_doc ADD COLUMN id uuid, ADD COLUMN number text;
      UPDATE b_doc SET id = uuid_v7(ts);
      UPDATE b_doc d SET number = x.number FROM (
        SELECT n, 'BENCH-' || upper(CASE type WHEN 'transfer' THEN 'trf' WHEN 'write_off' THEN 'wo' WHEN 'adjust' THEN 'adj' ELSE type END) || '-'
                  || lpad((row_number() OVER (PARTITION BY type ORDER BY n))::text, 7, '0') AS number
        FROM b_doc) x WHERE x.n = d.n;
      ALTER TABLE b_doc ADD PRIMARY KEY (n)`);

    const users = `(SELECT email, id FROM users WHERE email IN ('clerk@example.com', 'manager@example.com', 'admin@example.com'))`;
    await step("movements", `
      INSERT INTO movements (id, number, type, reference, note, reason, actor_id, channel, created_at)
      SELECT d.id, d.number, d.type::"MovementType", d.reference,
             CASE WHEN d.n < 0 THEN 'Opening stock (bench data)' END,
             CASE WHEN d.type = 'write_off' THEN 'damaged' END,
             u.id,
             (CASE WHEN d.n < 0 THEN 'import' WHEN d.r3 < 0.40 THEN 'web' WHEN d.r3 < 0.75 THEN 'handheld' WHEN d.r3 < 0.95 THEN 'api' ELSE 'import' END)::"Channel",
             d.ts
      FROM b_doc d JOIN ${users} u
        ON u.email = CASE WHEN d.n < 0 THEN 'admin@example.com' WHEN d.type IN ('adjust', 'write_off') THEN 'manager@example.com' ELSE 'clerk@example.com' END
      ORDER BY d.ts, d.n`);

    // Lines (opening ones included) with their ids; adjust lines carry |delta| and the counted result.
    await step("movement lines", `
      CREATE TEMP TABLE b_all AS
      SELECT o.mov, o.line_no, 'in'::text AS type, o.k, NULL::int AS from_loc, o.loc AS to_loc, o.opening AS qty, round(b.price * 0.6, 2) AS unit_cost
      FROM b_open o JOIN b_prod b ON b.k = o.k
      UNION ALL
      SELECT mov, line_no, type, k, from_loc, to_loc, qty, unit_cost FROM b_line;
      ALTER TABLE b_all ADD COLUMN id uuid;
      UPDATE b_all a SET id = uuid_v7(d.ts) FROM b_doc d WHERE d.n = a.mov;
      CREATE INDEX ON b_all (mov, line_no);
      INSERT INTO movement_lines (id, movement_id, line_no, product_id, from_location_id, to_location_id, quantity, counted, lot_code, unit_cost)
      SELECT a.id, d.id, a.line_no, p.id, lf.id, lt.id,
             CASE WHEN a.type = 'adjust' THEN abs(a.qty) ELSE a.qty END,
             CASE WHEN a.type = 'adjust' THEN pr.opening + ev.run END,
             NULL, a.unit_cost
      FROM b_all a
      JOIN b_doc d ON d.n = a.mov
      JOIN b_prod p ON p.k = a.k
      LEFT JOIN b_loc lf ON lf.n = a.from_loc
      LEFT JOIN b_loc lt ON lt.n = a.to_loc
      LEFT JOIN b_ev ev ON a.type = 'adjust' AND ev.mov = a.mov AND ev.line_no = a.line_no AND ev.sub = 0
      LEFT JOIN b_pair pr ON a.type = 'adjust' AND pr.k = a.k AND pr.loc = a.to_loc
      ORDER BY d.ts, a.mov, a.line_no`);

    // The ledger in time order (ids ascend with time), balance = opening + running sum.
    await step("ledger", `
      INSERT INTO ledger_entries (movement_id, line_id, product_id, location_id, lot_id, delta, balance, unit_cost, created_at)
      SELECT d.id, a.id, p.id, l.id, NULL, x.delta, x.balance, CASE WHEN x.delta > 0 AND a.type = 'in' THEN a.unit_cost END, d.ts
      FROM (
        SELECT o.mov, o.line_no, 0 AS sub, o.k, o.loc, o.opening AS delta, o.opening AS balance FROM b_open o
        UNION ALL
        SELECT e.mov, e.line_no, e.sub, e.k, e.loc, e.delta, pr.opening + e.run FROM b_ev e JOIN b_pair pr ON pr.k = e.k AND pr.loc = e.loc
      ) x
      JOIN b_doc d ON d.n = x.mov
      JOIN b_all a ON a.mov = x.mov AND a.line_no = x.line_no
      JOIN b_prod p ON p.k = x.k
      JOIN b_loc l ON l.n = x.loc
      ORDER BY d.ts, x.mov, x.line_no, x.sub`);

    await step("stock levels", `
      INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, last_counted_at, updated_at)
      SELECT uuid_v7(COALESCE(pr.last_ts, ${opening})), p.id, l.id, pr.opening + pr.total, 0, pr.last_count, COALESCE(pr.last_ts, ${opening})
      FROM b_pair pr JOIN b_prod p ON p.k = pr.k JOIN b_loc l ON l.n = pr.loc
      WHERE pr.opening > 0 OR pr.last_ts IS NOT NULL
      ORDER BY p.id, l.id`);

    await step("audit rows", `
      INSERT INTO audit_logs (actor_id, action, entity, entity_id, after, channel, created_at)
      SELECT m.actor_id, 'movement.post', 'movement', m.id::text, jsonb_build_object('id', m.id, 'number', m.number, 'type', m.type), m.channel, m.created_at
      FROM movements m ORDER BY m.created_at, m.id`);

    await step("thresholds and in-stock flags", `
      UPDATE products p SET
        min_stock = CASE WHEN b.k % 20 = 0 THEN COALESCE(st.on_hand, 0) + 50 WHEN b.k % 5 = 1 THEN 20 ELSE 0 END,
        safety_stock = CASE WHEN b.k % 20 = 0 THEN (COALESCE(st.on_hand, 0) + 50) / 2 WHEN b.k % 5 = 1 THEN 10 ELSE 0 END,
        in_stock = COALESCE(st.available, 0) > 0
      FROM b_prod b
      LEFT JOIN (SELECT s.product_id, sum(s.quantity)::int AS on_hand, sum(s.quantity - s.reserved)::int AS available FROM stock_levels s GROUP BY 1) st
        ON st.product_id = b.id
      WHERE p.id = b.id`);

    await step("variant groups", `
      INSERT INTO variant_groups (id, name, description, created_at, updated_at)
      SELECT uuid_v7(now()), 'Group ' || lpad(g::text, 5, '0'), 'Interchangeable SKUs ' || g, now(), now()
      FROM generate_series(1, ${Math.floor(N / 20)}) g;
      INSERT INTO variant_group_members (group_id, product_id, priority)
      SELECT v.id, b.id, i
      FROM variant_groups v
      CROSS JOIN LATERAL (SELECT substr(v.name, 7)::int AS g) x
      CROSS JOIN LATERAL generate_series(1, 2 + x.g % 3) i
      JOIN b_prod b ON b.k = (x.g - 1) * 20 + i`);
    await c.query("DROP TABLE b_prod, b_loc, b_mov, b_line, b_ev, b_pair, b_open, b_doc, b_all");

    let t = performance.now();
    await c.query("VACUUM ANALYZE");
    log(`  VACUUM ANALYZE: ${seconds(t)}`);

    // What the worker would have done after these movements: alerts, the summary.
    const { sweepAlerts } = await import("../../lib/alerts/sweep-alerts");
    t = performance.now();
    const sweep = await sweepAlerts();
    log(`  alert sweep (lib/alerts): ${sweep.checked} checked, ${sweep.changed} alerts opened, ${seconds(t)}`);
    const { createCountSession, recordCount } = await import("../../lib/counts/count-sessions");
    const [manager] = await db.user.findMany({ where: { email: "manager@example.com" }, select: { id: true } });
    const codes = (await c.query<{ code: string }>("SELECT code FROM locations WHERE kind = 'storage' ORDER BY code LIMIT 3")).rows.map((r) => r.code);
    const session = await createCountSession({ id: manager.id, role: "manager", channel: "web" }, { locations: codes, note: "bench count" });
    const some = (await c.query<{ sku: string; code: string; quantity: number }>(
      "SELECT p.sku, l.code, s.quantity FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id WHERE l.code = ANY($1) ORDER BY p.sku LIMIT 20",
      [codes],
    )).rows;
    for (const r of some) await recordCount({ id: manager.id, role: "manager", channel: "handheld" }, session.number, { sku: r.sku, location: r.code, counted: r.quantity });
    log(`  count session ${session.number} over ${codes.join(", ")}, ${some.length} lines counted`);

    await c.query("VACUUM ANALYZE");
    const { refreshInventorySummary, checkStock } = await import("../../lib/stock/reconcile");
    t = performance.now();
    await refreshInventorySummary();
    log(`  inventory_summary refresh: ${seconds(t)}`);

    t = performance.now();
    const { systemActor } = await import("../../lib/auth/system-actor");
    const { discrepancies } = await checkStock(systemActor());
    if (discrepancies.length) throw new Error(`the loaded data breaks level = Σ ledger: ${discrepancies.length} discrepancies, e.g. ${JSON.stringify(discrepancies[0])}`);
    const counts = (await c.query<{ t: string; n: string }>(`
      SELECT 'products' AS t, count(*)::text AS n FROM products UNION ALL SELECT 'locations', count(*)::text FROM locations
      UNION ALL SELECT 'movements', count(*)::text FROM movements UNION ALL SELECT 'movement_lines', count(*)::text FROM movement_lines
      UNION ALL SELECT 'ledger_entries', count(*)::text FROM ledger_entries UNION ALL SELECT 'stock_levels', count(*)::text FROM stock_levels
      UNION ALL SELECT 'stock_alerts', count(*)::text FROM stock_alerts`)).rows;
    log(`  invariant holds (checkStock: every level equals the sum of its ledger), ${seconds(t)}`);
    log(`  ${counts.map((r) => `${r.t} ${Number(r.n).toLocaleString("en-US")}`).join(", ")}`);

    await c.query(`COMMENT ON DATABASE "${new URL(url).pathname.slice(1)}" IS '${marker(s).replaceAll("'", "''")}'`);
    log(`loaded in ${seconds(t0)}`);
  } finally {
    await c.end();
  }
}
