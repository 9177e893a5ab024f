// `npm run bench -- reads [--fresh] [--only <text>] [--save <file.json>] [--compare <file.json>]`:
// latency of every read the app serves, at 100,000 products / 2,000 locations / ~1,000,000 ledger rows.
//
//  1. The scratch database wms_bench_reads (tests/bench/reads-data.ts: what is loaded and how). It is
//     kept between runs when complete; `--fresh` rebuilds it (a few minutes). Pending migrations
//     are applied to it, so a new index or summary table is measured on the loaded data.
//  2. The time of the worker's summary job (refreshInventorySummary: ledger summary fold + the
//     inventory_summary REFRESH), and of the REFRESH alone, median of 3.
//  3. The production server (`npm run build` first): `scripts/serve.ts` on BENCH_PORT (3199) with
//     WEB_CONCURRENCY=1 unless set, against that database; signs in as admin@example.com twice —
//     a bearer token (POST /api/v1/auth/token) for /api/v1, a session cookie through the Auth.js
//     credentials flow (csrf, then callback/credentials) for the pages and CSV exports.
//  4. Every GET of /api/v1 and every page of app/(app) — lists (first, second via the next-page
//     cursor, last via a cursor near the end), details, reports, CSV exports (time to the first data
//     row) — each 2 warm-up requests, then 20 sequential ones: p50/p95 against the target (lists
//     and reports < 150 ms p95, everything else < 300 ms). A route whose first request takes over
//     3 s gets 3 samples instead ("FAIL (n=3)"). Exit code 1 when any fails or errors.
// `--save` writes the figures as JSON; `--compare` prints them beside an earlier run's.
// Env: BENCH_RUNS (20), BENCH_PORT, WEB_CONCURRENCY, BENCH_DATABASE_BASE_URL (default: DATABASE_URL's
// server), BENCH_READS_PRODUCTS / _LOCATIONS / _LEDGER (scale, for trying the loader small).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { encodeCursor } from "../../lib/pagination";
import { DEFAULT_SCALE, prepareDatabase, type Scale } from "./reads-data";

type Kind = "list" | "report" | "other";
type Auth = "api" | "page" | "none";
type Route = { name: string; path: string; kind: Kind; auth: Auth; firstRow?: boolean };
type Result = { name: string; path: string; kind: Kind; p50: number; p95: number; target: number; status: string };

const TARGET: Record<Kind, number> = { list: 150, report: 150, other: 300 };
const RUNS = Number(process.env.BENCH_RUNS || 20);
const WARMUP = 2;
const SLOW_MS = 3000;
const SLOW_RUNS = 3;
const PORT = Number(process.env.BENCH_PORT || 3199);
const EMAIL = "admin@example.com";
const PASSWORD = "demo-password";

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function serverOf(url: string): string {
  const u = new URL(url);
  u.pathname = "";
  return u.toString().replace(/\/$/, "");
}

export async function run(args: string[]): Promise<void> {
  const base = process.env.BENCH_DATABASE_BASE_URL || serverOf(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/wms");
  const url = `${base}/wms_bench_reads`;
  const scale: Scale = {
    products: Number(process.env.BENCH_READS_PRODUCTS || DEFAULT_SCALE.products),
    locations: Number(process.env.BENCH_READS_LOCATIONS || DEFAULT_SCALE.locations),
    ledger: Number(process.env.BENCH_READS_LEDGER || DEFAULT_SCALE.ledger),
    days: DEFAULT_SCALE.days,
  };
  // Before lib/db is first imported (the loader and refreshInventorySummary use it).
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE ||= "4";
  const log = (line: string) => console.log(line);

  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  await prepareDatabase(url, scale, { fresh: args.includes("--fresh"), log });

  // The worker's summary job, as it runs after movements (nothing new to fold here: the fold's own
  // cost grows with the movements since the last one), and the view's REFRESH alone.
  const { refreshInventorySummary } = await import("../../lib/stock/reconcile");
  const { db } = await import("../../lib/db");
  const median3 = async (f: () => Promise<unknown>) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await f();
      runs.push(performance.now() - t);
    }
    return { median: [...runs].sort((a, b) => a - b)[1], runs };
  };
  const refresh = await median3(() => refreshInventorySummary());
  const view = await median3(() => db.$executeRawUnsafe("REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_summary"));
  await db.$disconnect();
  const refreshMs = refresh.median;
  const ms = (r: { median: number; runs: number[] }) => `${Math.round(r.median)} ms (${r.runs.map((x) => Math.round(x)).join(", ")})`;
  console.log(`refreshInventorySummary, median of 3: ${ms(refresh)}; of which REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_summary: ${ms(view)}`);

  const server = await startServer(url);
  try {
    const client = new Client(`http://127.0.0.1:${PORT}`);
    await client.signIn();
    const only = arg(args, "--only");
    const routes = await routeList(url, client, (r) => !only || r.name.includes(only) || r.path.includes(only));
    const results: Result[] = [];
    for (const r of routes) results.push(await measure(client, r));
    // Other work on the machine shows in every figure: say how busy it was.
    const load = os.loadavg().map((x) => x.toFixed(2)).join(" ");
    console.log(`\nload average after the run (1, 5, 15 min): ${load} on ${os.availableParallelism()} CPUs`);
    const saved = arg(args, "--save");
    if (saved) fs.writeFileSync(saved, JSON.stringify({ at: new Date().toISOString(), scale, load, refreshMs, results }, null, 2));
    const compare = arg(args, "--compare");
    const before = compare ? (JSON.parse(fs.readFileSync(compare, "utf8")) as { results: Result[]; refreshMs: number }) : null;
    printTable(results, before?.results ?? null);
    if (before) console.log(`summary job (refreshInventorySummary): before ${Math.round(before.refreshMs)} ms, now ${Math.round(refreshMs)} ms`);
    if (results.some((r) => r.status !== "PASS")) process.exitCode = 1;
  } finally {
    await stopServer(server);
  }
}

// ---- the server ------------------------------------------------------------------------------

export async function startServer(url: string, port = PORT): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: process.env.AUTH_SECRET || "bench-reads-secret-0123456789abcdef0123",
    NEXT_TELEMETRY_DISABLED: "1",
    DISABLE_HSTS: "1",
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY || "1",
  };
  delete env.DATABASE_POOL_SIZE; // serve.ts sizes the workers' pools
  const logFile = path.join(process.cwd(), "test-results", "bench-reads-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  // Its own process group, so stopping it reaches the next-server workers too.
  const child = spawn("node", ["--import", "tsx", "scripts/serve.ts", "-p", String(port)], { env, stdio: ["ignore", out, out], detached: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    try {
      const r = await get(new http.Agent(), `http://127.0.0.1:${port}/api/v1/health`, {});
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopServer(child);
      throw new Error(`the server did not answer /api/v1/health within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`server on :${port} (WEB_CONCURRENCY=${env.WEB_CONCURRENCY}), log ${path.relative(process.cwd(), logFile)}`);
  return child;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

// ---- HTTP --------------------------------------------------------------------------------------

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; firstRowMs: number | null };

/** A GET; `firstRow`: resolves as soon as a CSV's header and first data row have arrived. */
function get(agent: http.Agent, url: string, headers: Record<string, string>, firstRow = false): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      let lines = 0;
      let done = false;
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        if (firstRow && !done) {
          lines += c.toString("utf8").split("\n").length - 1;
          if (lines >= 2) {
            done = true;
            const ms = performance.now() - t0;
            res.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), firstRowMs: ms });
          }
        }
      });
      res.on("end", () => {
        if (!done) resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), firstRowMs: null });
      });
      res.on("error", (e) => (done ? undefined : reject(e)));
    });
    req.on("error", reject);
  });
}

class Client {
  token = "";
  cookie = "";
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(readonly origin: string) {}

  async signIn(): Promise<void> {
    const tokenRes = await this.request("POST", "/api/v1/auth/token", JSON.stringify({ email: EMAIL, password: PASSWORD }), { "content-type": "application/json" });
    if (tokenRes.status !== 200) throw new Error(`POST /api/v1/auth/token: ${tokenRes.status} ${tokenRes.body}`);
    this.token = JSON.parse(tokenRes.body).token;
    // Auth.js credentials flow: the CSRF token (double-submit cookie), then the callback.
    const csrf = await this.request("GET", "/api/auth/csrf");
    const jar = cookies(csrf.headers);
    const form = new URLSearchParams({ csrfToken: JSON.parse(csrf.body).csrfToken, email: EMAIL, password: PASSWORD, callbackUrl: "/" });
    const cb = await this.request("POST", "/api/auth/callback/credentials", form.toString(), {
      "content-type": "application/x-www-form-urlencoded",
      cookie: Object.entries(jar).map(([k, v]) => `${k}=${v}`).join("; "),
    });
    const session = Object.entries(cookies(cb.headers)).find(([k]) => k.endsWith("authjs.session-token"));
    if (!session) throw new Error(`no session cookie from the credentials callback (${cb.status})`);
    this.cookie = `${session[0]}=${session[1]}`;
  }

  headers(auth: Auth): Record<string, string> {
    return auth === "api" ? { authorization: `Bearer ${this.token}` } : auth === "page" ? { cookie: this.cookie } : {};
  }

  fetch(r: Pick<Route, "path" | "auth" | "firstRow">): Promise<Answer> {
    return get(this.agent, this.origin + r.path, this.headers(r.auth), r.firstRow);
  }

  private request(method: string, p: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.request(this.origin + p, { method, headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), firstRowMs: null }));
      });
      req.on("error", reject);
      if (body) req.write(body);
      req.end();
    });
  }
}

function cookies(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of headers["set-cookie"] ?? []) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

// ---- what is measured --------------------------------------------------------------------------

const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(client: Client, r: Route): Promise<Result> {
  const target = TARGET[r.kind];
  const times: number[] = [];
  let status = "PASS";
  let runs = WARMUP + RUNS;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const a = await client.fetch(r);
    const ms = r.firstRow && a.firstRowMs !== null ? a.firstRowMs : performance.now() - t0;
    if (a.status !== 200) {
      status = `HTTP ${a.status}`;
      break;
    }
    if (r.auth === "page" && !r.firstRow && !a.body.includes("</html>")) status = "NO HTML";
    // Seconds per request: 3 samples are enough to say so (and keep a run under an hour).
    if (i === 0 && ms > SLOW_MS) runs = 1 + SLOW_RUNS;
    if (i >= WARMUP || runs === 1 + SLOW_RUNS) times.push(ms);
  }
  if (times.length && times.length < RUNS && status === "PASS") status = `FAIL (n=${times.length})`;
  times.sort((a, b) => a - b);
  const p50 = times.length ? pct(times, 50) : NaN;
  const p95 = times.length ? pct(times, 95) : NaN;
  if (status === "PASS" && p95 >= target) status = "FAIL";
  if (status.startsWith("FAIL (n=") && p95 < target) status = "PASS";
  const res = { name: r.name, path: r.path, kind: r.kind, p50, p95, target, status };
  console.log(`  ${r.name.padEnd(44)} p50 ${fmt(p50).padStart(7)}  p95 ${fmt(p95).padStart(7)}  ${status}`);
  return res;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? "-" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)}`);

function printTable(results: Result[], before: Result[] | null) {
  const prior = new Map((before ?? []).map((r) => [r.name, r]));
  const head = before
    ? `${"route".padEnd(44)} ${"before p50".padStart(10)} ${"before p95".padStart(10)} ${"p50".padStart(8)} ${"p95".padStart(8)}  target  result`
    : `${"route".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  target  result`;
  console.log(`\n${head}\n${"-".repeat(head.length)}`);
  for (const r of results) {
    const b = prior.get(r.name);
    const cols = before ? `${fmt(b?.p50 ?? NaN).padStart(10)} ${fmt(b?.p95 ?? NaN).padStart(10)} ` : "";
    console.log(`${r.name.padEnd(44)} ${cols}${fmt(r.p50).padStart(8)} ${fmt(r.p95).padStart(8)}  < ${String(r.target).padEnd(4)}  ${r.status}`);
  }
  const failed = results.filter((r) => r.status !== "PASS");
  console.log(`\n${results.length - failed.length}/${results.length} pass${failed.length ? `; not passing: ${failed.map((r) => r.name).join(", ")}` : ""}`);
}

/** The next-page link of a rendered list page (its `cursor=` href), or null. */
function nextHref(html: string): string | null {
  const m = /href="([^"]*[?&;]cursor=[^"]*)"/.exec(html);
  return m ? m[1].replaceAll("&amp;", "&") : null;
}

/** Every route, with the ids, codes and cursors they need read from the database. */
async function routeList(url: string, client: Client, wanted: (r: Route) => boolean): Promise<Route[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const one = async <T>(sql: string): Promise<T> => (await c.query(sql)).rows[0] as T;
  let k: {
    hot: { sku: string }; loc: { code: string }; mov: { id: string; number: string }; open: { id: string }; count: { id: string };
    audit: { id: string }; user: { id: string }; seq: { id: string }; group: { id: string }; cat: { id: string };
    lastSku: { sku: string; id: string }; lastMov: { created_at: Date; id: string }; lastEntry: { id: string }; lastLevel: { sku: string; code: string };
    lastReorder: { sku: string }; lastGroup: { name: string }; midCat: { name: string; id: string };
  };
  try {
    k = {
      // the product with the most ledger rows, the location with the most stock rows: the heaviest details
      hot: await one("SELECT p.sku FROM products p JOIN (SELECT product_id, count(*) AS n FROM ledger_entries GROUP BY 1 ORDER BY 2 DESC LIMIT 1) x ON x.product_id = p.id"),
      loc: await one("SELECT l.code FROM locations l JOIN (SELECT location_id, count(*) AS n FROM stock_levels GROUP BY 1 ORDER BY 2 DESC LIMIT 1) x ON x.location_id = l.id"),
      mov: await one("SELECT id::text, number FROM movements WHERE type = 'in' ORDER BY created_at DESC LIMIT 1"),
      open: await one("SELECT m.id::text FROM movements m WHERE m.reference = 'OPENING' ORDER BY (SELECT count(*) FROM movement_lines l WHERE l.movement_id = m.id) DESC LIMIT 1"),
      count: await one("SELECT id::text FROM count_sessions ORDER BY created_at DESC LIMIT 1"),
      audit: await one("SELECT id::text FROM audit_logs ORDER BY id DESC LIMIT 1"),
      user: await one("SELECT id::text FROM users WHERE email = 'clerk@example.com'"),
      seq: await one("SELECT id::text FROM sequences WHERE code = 'stock.move.in'"),
      group: await one("SELECT id::text FROM variant_groups ORDER BY name LIMIT 1"),
      cat: await one("SELECT id::text FROM categories WHERE parent_id IS NULL ORDER BY name LIMIT 1"),
      // keys ~30 rows before the end of each order: the "last page" cursors
      lastSku: await one("SELECT sku, id::text FROM products ORDER BY sku DESC OFFSET 30 LIMIT 1"),
      lastMov: await one("SELECT created_at, id::text FROM movements ORDER BY created_at, id OFFSET 30 LIMIT 1"),
      lastEntry: await one("SELECT id::text FROM ledger_entries ORDER BY id OFFSET 30 LIMIT 1"),
      lastLevel: await one("SELECT p.sku, l.code FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id ORDER BY p.sku DESC, l.code DESC OFFSET 30 LIMIT 1"),
      lastReorder: await one("SELECT sku FROM products WHERE min_stock > 0 ORDER BY sku DESC OFFSET 200 LIMIT 1"),
      lastGroup: await one("SELECT name FROM variant_groups ORDER BY name DESC OFFSET 10 LIMIT 1"),
      // the stock report by category is keyset-paged on (name, id): a cursor halfway through the leaves
      midCat: await one("SELECT c.name, c.id::text FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories d WHERE d.parent_id = c.id) ORDER BY c.name, c.id OFFSET 8 LIMIT 1"),
    };
  } finally {
    await c.end();
  }
  const cur = (v: unknown) => encodeURIComponent(encodeCursor(v));
  const api = (name: string, p: string, kind: Kind = "list"): Route => ({ name, path: p, kind, auth: "api" });
  const page = (name: string, p: string, kind: Kind = "list"): Route => ({ name, path: p, kind, auth: "page" });
  const lastMovCursor = [k.lastMov.created_at.toISOString(), k.lastMov.id];

  const routes: Route[] = [
    { name: "api health", path: "/api/v1/health", kind: "other", auth: "none" },
    { name: "api openapi.json", path: "/api/v1/openapi.json", kind: "other", auth: "none" },
    api("api products", "/api/v1/products"),
    api("api products (last page)", `/api/v1/products?cursor=${cur(k.lastSku.sku)}`),
    api("api products ?q=cable", "/api/v1/products?q=cable"),
    api("api products ?category (subtree)", `/api/v1/products?category=${k.cat.id}`),
    api("api products ?inStock=false", "/api/v1/products?inStock=false"),
    api("api products ?spec=colour:red", "/api/v1/products?spec=colour:red"),
    api("api product detail", `/api/v1/products/${k.hot.sku}`, "other"),
    api("api locations", "/api/v1/locations"),
    api("api location detail", `/api/v1/locations/${k.loc.code}`, "other"),
    api("api warehouses", "/api/v1/warehouses"),
    api("api inventory", "/api/v1/inventory"),
    api("api inventory (last page)", `/api/v1/inventory?cursor=${cur([k.lastLevel.sku, k.lastLevel.code])}`),
    api("api inventory ?sku", `/api/v1/inventory?sku=${k.hot.sku}`),
    api("api inventory ?location", `/api/v1/inventory?location=${k.loc.code}`),
    api("api ledger", "/api/v1/ledger"),
    api("api ledger (last page)", `/api/v1/ledger?cursor=${cur(k.lastEntry.id)}`),
    api("api ledger ?sku", `/api/v1/ledger?sku=${k.hot.sku}`),
    api("api ledger ?location", `/api/v1/ledger?location=${k.loc.code}`),
    api("api movements", "/api/v1/movements"),
    api("api movements (last page)", `/api/v1/movements?cursor=${cur(lastMovCursor)}`),
    api("api movements ?type=out", "/api/v1/movements?type=out"),
    api("api movements ?sku", `/api/v1/movements?sku=${k.hot.sku}`),
    api("api movements ?location", `/api/v1/movements?location=${k.loc.code}`),
    api("api erp inventory", "/api/v1/erp/inventory"),
    api("api erp inventory (last page)", `/api/v1/erp/inventory?cursor=${cur([k.lastLevel.sku, k.lastLevel.code])}`),
    { name: "api erp inventory csv (first row)", path: "/api/v1/erp/inventory?format=csv", kind: "list", auth: "api", firstRow: true },
    api("api alerts", "/api/v1/alerts"),
    api("api variant groups", "/api/v1/variant-groups"),
    api("api variant groups ?inStock=false", "/api/v1/variant-groups?inStock=false"),
    api("api variant groups (last page)", `/api/v1/variant-groups?cursor=${cur(k.lastGroup.name)}`),
    api("api sequence preview", "/api/v1/sequences/stock.move.in/preview", "other"),

    page("page dashboard", "/", "other"),
    page("page products", "/products"),
    page("page products (last page)", `/products?cursor=${cur(k.lastSku.sku)}`),
    page("page products ?q=cable", "/products?q=cable"),
    page("page products ?stock=out", "/products?stock=out"),
    page("page products ?category", `/products?category=${k.cat.id}`),
    page("page products sorted by name", "/products?sort=name&dir=desc"),
    page("page product detail", `/products/${k.hot.sku}`, "other"),
    page("page product edit", `/products/${k.hot.sku}/edit`, "other"),
    page("page product new", "/products/new", "other"),
    page("page stock", "/stock"),
    page("page stock (last page)", `/stock?cursor=${cur([k.lastLevel.sku, k.lastLevel.code])}`),
    page("page stock ?location=A-01", "/stock?location=A-01"),
    page("page stock ?q=cable", "/stock?q=cable"),
    page("page stock sorted by quantity", "/stock?sort=quantity&dir=desc"),
    page("page movements", "/movements"),
    page("page movements (last page)", `/movements?cursor=${cur(lastMovCursor)}`),
    page("page movements ?type=out", "/movements?type=out"),
    page("page movements ?sku", `/movements?sku=${k.hot.sku}`),
    page("page movements ?location", `/movements?location=${k.loc.code}`),
    page("page movement detail", `/movements/${k.mov.id}`, "other"),
    page("page movement detail (opening, most lines)", `/movements/${k.open.id}`, "other"),
    page("page movement new", "/movements/new", "other"),
    page("page locations", "/locations"),
    page("page location edit", `/locations/${k.loc.code}/edit`, "other"),
    page("page warehouses", "/locations/warehouses"),
    page("page categories", "/categories"),
    page("page variant groups", "/variant-groups"),
    page("page variant group detail", `/variant-groups/${k.group.id}`, "other"),
    page("page alerts", "/alerts"),
    page("page alerts ?level=out", "/alerts?level=out"),
    page("page counts", "/counts"),
    page("page count detail (review)", `/counts/${k.count.id}`, "other"),
    page("page count new", "/counts/new", "other"),
    page("page import", "/import", "other"),
    page("page labels", "/labels", "other"),
    page("page reports", "/reports", "other"),
    page("page report stock (product)", "/reports/stock", "report"),
    page("page report stock (location)", "/reports/stock?group=location", "report"),
    page("page report stock (category)", "/reports/stock?group=category", "report"),
    page("page report stock (category) ?warehouse", "/reports/stock?group=category&warehouse=WH2", "report"),
    page("page report stock (category) ?q=phones", "/reports/stock?group=category&q=phones", "report"),
    page("page report stock (category, from a cursor)", `/reports/stock?group=category&cursor=${cur([k.midCat.name, k.midCat.id])}`, "report"),
    page("page report stock (product, last page)", `/reports/stock?cursor=${cur([k.lastSku.sku, k.lastSku.id])}`, "report"),
    page("page report valuation", "/reports/valuation", "report"),
    page("page report valuation (last page)", `/reports/valuation?cursor=${cur(k.lastSku.sku)}`, "report"),
    page("page report movements", "/reports/movements", "report"),
    page("page report movements (last page)", `/reports/movements?cursor=${cur(k.lastEntry.id)}`, "report"),
    page("page report movements ?type=out", "/reports/movements?type=out", "report"),
    page("page report movements ?sku", `/reports/movements?sku=${k.hot.sku}`, "report"),
    page("page report slow movers", "/reports/slow-movers", "report"),
    page("page report slow movers ?days=30", "/reports/slow-movers?days=30", "report"),
    page("page report slow movers (last page)", `/reports/slow-movers?cursor=${cur(k.lastSku.sku)}`, "report"),
    page("page report reorder", "/reports/reorder", "report"),
    page("page report reorder (last page)", `/reports/reorder?cursor=${cur(k.lastReorder.sku)}`, "report"),
    ...["stock", "valuation", "movements", "slow-movers", "reorder"].map(
      (r): Route => ({ name: `csv ${r} (first row)`, path: `/reports/export/${r}`, kind: "report", auth: "page", firstRow: true }),
    ),
    { name: "csv stock ?group=category (first row)", path: "/reports/export/stock?group=category", kind: "report", auth: "page", firstRow: true },
    page("page admin", "/admin", "other"),
    page("page admin audit", "/admin/audit"),
    page("page admin audit entry", `/admin/audit/${k.audit.id}`, "other"),
    page("page admin users", "/admin/users"),
    page("page admin user", `/admin/users/${k.user.id}`, "other"),
    page("page admin tokens", "/admin/tokens"),
    page("page admin sequences", "/admin/sequences"),
    page("page admin sequence", `/admin/sequences/${k.seq.id}`, "other"),
    page("page admin queues", "/admin/queues", "other"),
    page("page admin reconcile", "/admin/reconcile", "other"),
  ];

  // Second pages: the cursor each first page hands out (nextCursor, or the page's next link).
  const out: Route[] = [];
  for (const r of routes.filter(wanted)) {
    out.push(r);
    if (r.kind === "other" || r.firstRow || r.path.includes("cursor=")) continue;
    const first = await client.fetch(r);
    if (first.status !== 200) continue;
    let next: string | null = null;
    if (r.auth === "api") {
      const body = JSON.parse(first.body) as { nextCursor?: string | null };
      if (body.nextCursor) next = `${r.path}${r.path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(body.nextCursor)}`;
    } else {
      next = nextHref(first.body);
    }
    if (next) out.push({ ...r, name: `${r.name} (2nd page)`, path: next });
  }
  return out;
}
