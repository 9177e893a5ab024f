// `npm run bench -- movements [options]`: load on POST /api/v1/movements as users run the product —
// the web server (scripts/serve.ts) AND its background worker — optionally beside a peer system
// driven with the same cells in the same run, interleaved, with the ratio.
//
// By default it starts its own stack on a scratch database (`wms_bench`: created, migrated and
// seeded with the demo data when missing; the build must exist — `npm run build`): the web server
// on port 3100 and the worker on a queue prefix of its own. `--no-worker` leaves the worker out (the
// web tier alone, as the movement engine's own benchmark); `--url URL` uses a server you started
// (its worker is measured if `jobs/worker.ts` runs). Before the series: VACUUM ANALYZE (autovacuum
// may be off), in the peer's database too.
//
// Cells (`--cells`, default spread:32,hot:8,batch:8):
//   hot     one SKU at one location (SKU-00001 at A-01-02): the hot-row lock convoy
//   spread  a random demo SKU at its own location
//   batch   POST /api/v1/movements/batch with 25 spread movements per request, each with its key
// Every client alternates `in` and `out` of 1 unit, so stock stays around its starting level.
// Each cell runs `--seconds` (15) after a 2 s warm-up, `--runs` (3) times; medians are reported.
//
// Reported per cell: movements/s (and requests/s), p50/p95/p99 request latency, errors, CPU per
// movement of the web workers, the job worker, PostgreSQL (the web's backends, the worker's,
// and the WAL writer/checkpointer), Redis and the driver; the follow-up lag — a probe product
// (minStock 1) moved in and out one unit during the load, timed from the movement's createdAt to
// its alert opening/resolving (the same transaction flips inStock) — p50/p95; and the outbox
// backlog when the load stops and how long it takes to drain.
//
//   --peer URL          also drive a peer (e.g. the Django design on http://127.0.0.1:8001) with the
//                       same cells, interleaved; its batch cell is single movements at the same C
//   --peer-token T      the peer's bearer token (bench-token)
//   --peer-db URL       the peer's database, for VACUUM and its PostgreSQL CPU (…/wms_peer)
//   --peer-pid PID      the peer server's master pid, to measure its CPU (default: gunicorn's)
// Env: BENCH_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/wms_bench), BENCH_PORT (3100),
// BENCH_EMAIL / BENCH_PASSWORD (clerk@example.com / demo-password).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { locationCodes } from "../../prisma/seed/demo-codes";
import { childrenOf, cpuPerUnit, lines, postgresGroups, sampleCpu, type CpuSample } from "./cpu";

const { values: opt } = parseArgs({
  args: process.argv.slice(3), // after `run.ts movements`
  options: {
    cells: { type: "string", default: "spread:32,hot:8,batch:8" },
    seconds: { type: "string", default: process.env.BENCH_SECONDS || "15" },
    runs: { type: "string", default: process.env.BENCH_RUNS || "3" },
    "no-worker": { type: "boolean", default: false },
    url: { type: "string", default: process.env.BENCH_URL },
    peer: { type: "string" },
    "peer-token": { type: "string", default: "bench-token" },
    "peer-db": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/wms_peer" },
    "peer-pid": { type: "string" },
    "batch-size": { type: "string", default: "25" },
  },
});

type Mode = "hot" | "spread" | "batch";
type Cell = { mode: Mode; clients: number };
type Target = { name: string; base: URL; token: string; batch: boolean; location: (n: number) => string; cpuGroups: () => Record<string, string[]>; databaseUrl?: string };
type Result = {
  movements: number; mps: number; rps: number; p50: number; p95: number; p99: number; errors: Record<string, number>;
  cpu: Record<string, number> | null; lag?: { p50: number; p95: number; n: number } | null; backlog?: { atStop: number; drainMs: number } | null;
};

const seconds = Number(opt.seconds);
const runs = Number(opt.runs);
const batchSize = Number(opt["batch-size"]);
const WARMUP_MS = 2_000;
const cells: Cell[] = opt.cells.split(",").map((c) => {
  const [mode, n] = c.split(":");
  if (!["hot", "spread", "batch"].includes(mode) || !(Number(n) > 0)) throw new Error(`bad cell "${c}" (mode:clients, e.g. spread:32)`);
  return { mode: mode as Mode, clients: Number(n) };
});

// Where the demo seed (and the peer's seed) stocks product n: location n % 50.
const DEMO_LOCATIONS = locationCodes();
const skuOf = (n: number) => `SKU-${String(n).padStart(5, "0")}`;

function request(base: URL, agent: http.Agent, method: string, pathname: string, body: unknown, token?: string): Promise<{ status: number; body: string }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port || 80, path: pathname, method, agent, headers: { "content-type": "application/json", ...(data ? { "content-length": Buffer.byteLength(data) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    if (data) req.write(data);
    req.end();
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorCode = (body: string, status: number) => {
  try {
    return JSON.parse(body).error.code as string;
  } catch {
    return `HTTP_${status}`;
  }
};

function movement(t: Target, mode: Mode, type: "in" | "out") {
  const n = mode === "hot" ? 1 : 1 + Math.floor(Math.random() * 1000);
  return { type, reference: "BENCH", lines: [{ sku: skuOf(n), location: t.location(n), quantity: 1 }] };
}

/** The peer's seed (shared/peers README): product n at location index n % 50, coded A-%02d-%02d. */
const peerLocation = (n: number) => `A-${String(Math.floor((n % 50) / 10) + 1).padStart(2, "0")}-${String((n % 10) + 1).padStart(2, "0")}`;

/** One cell against one target: `clients` keep-alive clients for WARMUP_MS + seconds. */
async function load(t: Target, cell: Cell): Promise<Omit<Result, "lag" | "backlog">> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cell.clients });
  const batched = cell.mode === "batch" && t.batch;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let movements = 0;
  const start = Date.now();
  const measureFrom = start + WARMUP_MS;
  const until = measureFrom + seconds * 1000;
  let cpuBefore: CpuSample | null = null;
  const sampler = setTimeout(() => (cpuBefore = sampleCpu(t.cpuGroups())), WARMUP_MS);
  await Promise.all(
    Array.from({ length: cell.clients }, async (_, c) => {
      let i = 0;
      const mode: Mode = cell.mode === "batch" ? "spread" : cell.mode;
      while (Date.now() < until) {
        const type = () => ((i++ + c) % 2 === 0 ? "in" : "out");
        const t0 = performance.now();
        const counted = Date.now() >= measureFrom;
        try {
          if (batched) {
            const items = Array.from({ length: batchSize }, () => ({ idempotencyKey: crypto.randomUUID(), ...movement(t, mode, type()) }));
            const r = await request(t.base, agent, "POST", "/api/v1/movements/batch", { movements: items }, t.token);
            if (!counted) continue;
            latencies.push(performance.now() - t0);
            if (r.status !== 200) errors[errorCode(r.body, r.status)] = (errors[errorCode(r.body, r.status)] ?? 0) + 1;
            else {
              for (const res of (JSON.parse(r.body) as { results: { status: number; error?: { code: string } }[] }).results) {
                if (res.status === 201) movements++;
                else errors[res.error?.code ?? `HTTP_${res.status}`] = (errors[res.error?.code ?? `HTTP_${res.status}`] ?? 0) + 1;
              }
            }
          } else {
            const r = await request(t.base, agent, "POST", "/api/v1/movements", movement(t, mode, type()), t.token);
            if (!counted) continue;
            latencies.push(performance.now() - t0);
            if (r.status === 201) movements++;
            else errors[errorCode(r.body, r.status)] = (errors[errorCode(r.body, r.status)] ?? 0) + 1;
          }
        } catch (e) {
          if (counted) errors[(e as Error).message] = (errors[(e as Error).message] ?? 0) + 1;
        }
      }
    }),
  );
  clearTimeout(sampler);
  const cpu = cpuPerUnit(cpuBefore, cpuBefore && sampleCpu(t.cpuGroups()), movements);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { movements, mps: movements / seconds, rps: latencies.length / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), errors, cpu };
}

// ── The follow-up lag probe (our system, worker running) ─────────────────────────────────────

const PROBE_SKU = "BENCH-PROBE";

/**
 * Moves the probe product (minStock 1) between 0 and 1 unit, one movement at a time, until `until`:
 * each movement opens or resolves its alert in the follow-up job. The lag is the alert's
 * opened_at/resolved_at minus the movement's createdAt.
 */
async function probeLag(t: Target, pool: pg.Pool, until: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const lags: number[] = [];
  const location = DEMO_LOCATIONS[0];
  while (Date.now() < until) {
    const { rows: [p] } = await pool.query<{ on_hand: number; alerted: boolean }>(
      `SELECT COALESCE((SELECT sum(quantity) FROM stock_levels s WHERE s.product_id = p.id), 0)::int AS on_hand,
              EXISTS (SELECT 1 FROM stock_alerts a WHERE a.product_id = p.id AND a.status <> 'resolved') AS alerted
       FROM products p WHERE sku = $1`, [PROBE_SKU]);
    const post = async (type: "in" | "out", quantity: number) => {
      const r = await request(t.base, agent, "POST", "/api/v1/movements", { type, reference: "BENCH-PROBE", lines: [{ sku: PROBE_SKU, location, quantity }] }, t.token);
      if (r.status !== 201) throw new Error(`probe movement failed: ${r.status} ${r.body}`);
      return r.body;
    };
    if (p.on_hand === 0 && !p.alerted) {
      await post("in", 1); // a fresh probe: give it the unit whose issue opens the first alert
      await sleep(100);
      continue;
    }
    if ((p.on_hand > 0) === p.alerted) {
      await sleep(20); // the previous probe's follow-up has not run yet
      continue;
    }
    const type = p.on_hand > 0 ? "out" : "in";
    const body = await post(type, p.on_hand > 0 ? p.on_hand : 1);
    const createdAt = new Date((JSON.parse(body) as { createdAt: string }).createdAt).getTime();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const column = type === "out" ? "opened_at" : "resolved_at";
      const { rows } = await pool.query<{ at: Date }>(
        `SELECT a.${column} AS at FROM stock_alerts a JOIN products p ON p.id = a.product_id WHERE p.sku = $1 AND a.${column} >= $2 ORDER BY a.${column} DESC LIMIT 1`,
        [PROBE_SKU, new Date(createdAt)]);
      if (rows[0]) {
        lags.push(rows[0].at.getTime() - createdAt);
        break;
      }
      if (Date.now() > deadline) {
        lags.push(30_000);
        break;
      }
      await sleep(20);
    }
    await sleep(100);
  }
  agent.destroy();
  return lags;
}

async function ensureProbe(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query("SELECT 1 FROM products WHERE sku = $1", [PROBE_SKU]);
  if (rows.length) return;
  const { createProduct } = await import("../../lib/catalog/create-product");
  const { systemActor } = await import("../../lib/auth/system-actor");
  await createProduct(systemActor(), { sku: PROBE_SKU, name: "Benchmark probe (follow-up lag)", minStock: 1, safetyStock: 0 });
}

async function backlogAfterLoad(pool: pg.Pool): Promise<{ atStop: number; drainMs: number }> {
  const pending = async () => Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_events WHERE dispatched_at IS NULL")).rows[0].n);
  const t0 = Date.now();
  const atStop = await pending();
  let n = atStop;
  while (n > 0 && Date.now() - t0 < 60_000) {
    await sleep(50);
    n = await pending();
  }
  return { atStop, drainMs: n === 0 ? Date.now() - t0 : Infinity };
}

// ── Our stack ────────────────────────────────────────────────────────────────────────────────

type Stack = { base: URL; databaseUrl: string; serverPid?: number; workerPid?: number; stop: () => Promise<void> };

function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  return spawn(process.execPath, ["--import", "tsx", ...args], { env, stdio: ["ignore", out, out], detached: true });
}

async function waitHealthy(base: URL, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const agent = new http.Agent();
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const r = await request(base, agent, "GET", "/api/v1/health", undefined);
      if (r.status === 200 || r.status === 503) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer on ${base.origin} within 60 s`);
}

async function startStack(worker: boolean): Promise<Stack> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/wms_bench";
  const { ensureDatabase, migrate } = await import("../../scripts/lib/database");
  const { ensureSystemData } = await import("../../scripts/lib/system-data");
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  await ensureSystemData(databaseUrl);
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET: process.env.AUTH_SECRET || crypto.randomBytes(32).toString("base64") };
  const { runOrExit } = await import("../../scripts/lib/run");
  await runOrExit("node", ["--import", "tsx", "prisma/seed.ts"], { env: { ...env, NODE_ENV: "development" } });
  const port = process.env.BENCH_PORT || "3100";
  const base = new URL(`http://127.0.0.1:${port}`);
  const logDir = path.join(os.tmpdir(), `wms-bench-${process.pid}`);
  const children: ChildProcess[] = [];
  const server = spawnLogged(["scripts/serve.ts", "-p", port], env, path.join(logDir, "web.log"));
  children.push(server);
  let workerChild: ChildProcess | undefined;
  const prefix = `wms-bench-${process.pid}`;
  if (worker) {
    workerChild = spawnLogged(["jobs/worker.ts"], { ...env, NODE_ENV: "production", QUEUE_PREFIX: prefix, MAIL_CAPTURE_DIR: path.join(logDir, "mail") }, path.join(logDir, "worker.log"));
    children.push(workerChild);
  }
  const stop = async () => {
    for (const c of children) {
      try {
        process.kill(-c.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once("exit", r)))));
    const { deleteQueueKeys } = await import("../../scripts/lib/worker-process");
    await deleteQueueKeys(prefix);
  };
  process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL")));
  try {
    await waitHealthy(base, server, "the web server");
  } catch (e) {
    await stop();
    throw e;
  }
  console.log(`started the web server (pid ${server.pid}, :${port})${workerChild ? ` and the worker (pid ${workerChild.pid})` : " without the worker"} on ${new URL(databaseUrl).pathname.slice(1)}; logs in ${logDir}`);
  return { base, databaseUrl, serverPid: server.pid, workerPid: workerChild?.pid, stop };
}

async function token(base: URL): Promise<string> {
  const login = await request(base, new http.Agent(), "POST", "/api/v1/auth/token", { email: process.env.BENCH_EMAIL || "clerk@example.com", password: process.env.BENCH_PASSWORD || "demo-password" });
  if (login.status !== 200) throw new Error(`cannot get a token from ${base.origin}: ${login.status} ${login.body}`);
  return (JSON.parse(login.body) as { token: string }).token;
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function cpuText(cpu: Record<string, number> | null | undefined): string {
  if (!cpu) return "";
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  return `cpu/movement ${f2(total)} ms (` + Object.entries(cpu).filter(([, v]) => v >= 0.005).map(([k, v]) => `${k} ${f2(v)}`).join(", ") + ")";
}

function fmt(r: Result): string {
  return `${r.mps.toFixed(0).padStart(5)} mv/s ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${f1(r.p50)} p95 ${f1(r.p95)} p99 ${f1(r.p99)} ms  errors ${JSON.stringify(r.errors)}  ${cpuText(r.cpu)}` +
    (r.lag ? `  lag p50 ${r.lag.p50} p95 ${r.lag.p95} ms (n=${r.lag.n})` : "") +
    (r.backlog ? `  outbox at stop ${r.backlog.atStop}, drained in ${r.backlog.drainMs} ms` : "");
}

function medianResult(rs: Result[]): Result {
  const m = (f: (r: Result) => number) => median(rs.map(f));
  const keys = [...new Set(rs.flatMap((r) => Object.keys(r.cpu ?? {})))];
  return {
    movements: m((r) => r.movements), mps: m((r) => r.mps), rps: m((r) => r.rps), p50: m((r) => r.p50), p95: m((r) => r.p95), p99: m((r) => r.p99),
    errors: rs.reduce((acc, x) => { for (const [k, v] of Object.entries(x.errors)) acc[k] = (acc[k] ?? 0) + v; return acc; }, {} as Record<string, number>),
    cpu: rs.every((r) => r.cpu) ? Object.fromEntries(keys.map((k) => [k, m((r) => r.cpu![k] ?? 0)])) : null,
    lag: rs.every((r) => r.lag) ? { p50: m((r) => r.lag!.p50), p95: m((r) => r.lag!.p95), n: m((r) => r.lag!.n) } : null,
    backlog: rs.every((r) => r.backlog) ? { atStop: m((r) => r.backlog!.atStop), drainMs: m((r) => r.backlog!.drainMs) } : null,
  };
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

export async function run(): Promise<void> {
  const withWorker = !opt["no-worker"];
  const stack: Stack = opt.url
    ? { base: new URL(opt.url), databaseUrl: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/wms", stop: async () => {} }
    : await startStack(withWorker);
  // lib/db (the probe product, the invariant check) must point at the benchmarked database.
  process.env.DATABASE_URL = stack.databaseUrl;
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2, application_name: "bench" });
  try {
    const driverPid = String(process.pid);
    const ourGroups = () => {
      const web = stack.serverPid ? childrenOf(stack.serverPid) : lines("pgrep", ["-f", "next-server|next/dist/bin/next"]);
      const worker = stack.workerPid ? [String(stack.workerPid)] : opt.url ? lines("pgrep", ["-f", "jobs/worker.ts"]) : [];
      return { web, worker, ...postgresGroups(stack.databaseUrl), redis: lines("pgrep", ["-x", "redis-server"]), driver: [driverPid] };
    };
    const ours: Target = { name: "wms", base: stack.base, location: (n) => DEMO_LOCATIONS[n % 50], token: await token(stack.base), batch: true, cpuGroups: ourGroups, databaseUrl: stack.databaseUrl };
    const hasWorker = ourGroups().worker.length > 0;
    if (hasWorker) await ensureProbe(pool);

    let peer: Target | undefined;
    if (opt.peer) {
      const peerPid = opt["peer-pid"] ?? lines("pgrep", ["-o", "-f", "gunicorn"])[0];
      peer = {
        name: "peer", base: new URL(opt.peer), location: peerLocation, token: opt["peer-token"], batch: false, databaseUrl: opt["peer-db"],
        cpuGroups: () => ({ web: peerPid ? [peerPid, ...childrenOf(peerPid)] : [], ...postgresGroups(opt["peer-db"]), driver: [driverPid] }),
      };
    }

    for (const url of [stack.databaseUrl, peer?.databaseUrl].filter(Boolean) as string[]) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("VACUUM ANALYZE");
      await c.end();
    }
    console.log(`movements benchmark: ${seconds} s per cell after ${WARMUP_MS / 1000} s warm-up, ${runs} runs, cells ${opt.cells}, ` +
      `worker ${hasWorker ? "running" : "NOT running"}${peer ? `, peer ${peer.base.origin} interleaved` : ""} (VACUUM ANALYZE done)`);

    const summary: string[] = [];
    for (const cell of cells) {
      const mine: Result[] = [];
      const theirs: Result[] = [];
      for (let r = 1; r <= runs; r++) {
        const until = Date.now() + WARMUP_MS + seconds * 1000;
        const [res, lags] = await Promise.all([load(ours, cell), hasWorker ? sleep(WARMUP_MS).then(() => probeLag(ours, pool, until)) : Promise.resolve(null)]);
        const sorted = lags?.sort((a, b) => a - b);
        const mineRes: Result = { ...res, lag: sorted?.length ? { p50: pct(sorted, 50), p95: pct(sorted, 95), n: sorted.length } : null, backlog: hasWorker ? await backlogAfterLoad(pool) : null };
        console.log(`  ${cell.mode} C=${cell.clients} run ${r} wms : ${fmt(mineRes)}`);
        mine.push(mineRes);
        if (peer) {
          await sleep(1000);
          const p = await load(peer, cell);
          console.log(`  ${cell.mode} C=${cell.clients} run ${r} peer: ${fmt(p)}`);
          theirs.push(p);
        }
        await sleep(1000);
      }
      const m = medianResult(mine);
      summary.push(`${cell.mode.padEnd(6)} C=${String(cell.clients).padEnd(2)} wms : ${fmt(m)}`);
      if (peer) {
        const p = medianResult(theirs);
        summary.push(`${" ".repeat(11)} peer: ${fmt(p)}`);
        summary.push(`${" ".repeat(11)} ratio (movements/s): ${(m.mps / p.mps).toFixed(2)}×${cell.mode === "batch" ? ` (peer: single movements at C=${cell.clients})` : ""}`);
      }
    }
    console.log(`\nmedians of ${runs} runs (errors summed):\n` + summary.join("\n"));

    const { checkStock } = await import("../../lib/stock/reconcile");
    const { systemActor } = await import("../../lib/auth/system-actor");
    const { db } = await import("../../lib/db");
    const { discrepancies } = await checkStock(systemActor());
    console.log(discrepancies.length ? `INVARIANT BROKEN: ${discrepancies.length} discrepancies` : "invariant holds: every level equals the sum of its ledger");
    await db.$disconnect();
    if (discrepancies.length) process.exitCode = 1;
  } finally {
    await pool.end();
    await stack.stop();
  }
}
