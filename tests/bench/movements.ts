// `npm run bench -- movements`: load on POST /api/v1/movements of a RUNNING production server
// (start it yourself, e.g. `npm run demo`; this script starts nothing). For C ∈ {1, 8, 32}
// keep-alive clients, 15 s each, two modes — `hot` (one SKU at one location) and `spread` (random
// over the demo SKUs at their own locations) — alternating `in` and `out` of 1 unit. Prints
// requests/s, p50/p95/p99 latency and error counts per run, then the median of 3 runs; finally
// checks level = Σ ledger for every product × location in the database.
// Env: BENCH_URL (http://127.0.0.1:3000), BENCH_SECONDS (15), BENCH_RUNS (3), BENCH_CLIENTS (1,8,32),
// BENCH_MODES (hot,spread), DATABASE_URL (for the invariant check), BENCH_EMAIL / BENCH_PASSWORD.
import http from "node:http";
import { locationCodes } from "../../prisma/seed/demo-codes";
import { cpuPerRequest, sampleCpu } from "./cpu";

type Result = { rps: number; p50: number; p95: number; p99: number; ok: number; errors: Record<string, number>; cpu: { server: number; postgres: number } | null };

const base = new URL(process.env.BENCH_URL || "http://127.0.0.1:3000");
const seconds = Number(process.env.BENCH_SECONDS || 15);
const runs = Number(process.env.BENCH_RUNS || 3);
const clientCounts = (process.env.BENCH_CLIENTS || "1,8,32").split(",").map(Number);
const modes = (process.env.BENCH_MODES || "hot,spread").split(",") as ("hot" | "spread")[];

function request(agent: http.Agent, method: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: string }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port || 80, path, method, agent, headers: { "content-type": "application/json", ...(data ? { "content-length": Buffer.byteLength(data) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
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

async function once(token: string, clients: number, mode: "hot" | "spread"): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const until = Date.now() + seconds * 1000;
  const cpuBefore = sampleCpu();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let i = 0;
      while (Date.now() < until) {
        // Each client alternates in/out, so stock stays around its starting level.
        const n = mode === "hot" ? 1 : 1 + Math.floor(Math.random() * 1000);
        const sku = `SKU-${String(n).padStart(5, "0")}`;
        const location = DEMO_LOCATIONS[n % 50];
        const type = (i + c) % 2 === 0 ? "in" : "out";
        const t0 = performance.now();
        try {
          const r = await request(agent, "POST", "/api/v1/movements", { type, reference: "BENCH", lines: [{ sku, location, quantity: 1 }] }, token);
          latencies.push(performance.now() - t0);
          if (r.status === 201) ok++;
          else {
            const code = (() => { try { return JSON.parse(r.body).error.code as string; } catch { return `HTTP_${r.status}`; } })();
            errors[code] = (errors[code] ?? 0) + 1;
          }
        } catch (e) {
          errors[(e as Error).message] = (errors[(e as Error).message] ?? 0) + 1;
        }
        i++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuPerRequest(cpuBefore, cpuBefore && sampleCpu(), latencies.length);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), ok, errors, cpu };
}

// Where the demo seed stocks product n: location n % 50.
const DEMO_LOCATIONS = locationCodes();

const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ok ${r.ok}  errors ${JSON.stringify(r.errors)}` +
  (r.cpu ? `  cpu/req server ${r.cpu.server.toFixed(2)} ms, postgres ${r.cpu.postgres.toFixed(2)} ms` : "");

export async function run(): Promise<void> {
  const agent = new http.Agent({ keepAlive: false });
  const login = await request(agent, "POST", "/api/v1/auth/token", { email: process.env.BENCH_EMAIL || "clerk@example.com", password: process.env.BENCH_PASSWORD || "demo-password" });
  if (login.status !== 200) throw new Error(`cannot get a token from ${base.origin}: ${login.status} ${login.body}`);
  const token = JSON.parse(login.body).token as string;
  console.log(`movements benchmark against ${base.origin}: ${seconds} s per run, ${runs} runs, clients ${clientCounts.join("/")}, modes ${modes.join("/")}`);
  const summary: string[] = [];
  for (const mode of modes) {
    for (const clients of clientCounts) {
      const results: Result[] = [];
      for (let r = 1; r <= runs; r++) {
        const res = await once(token, clients, mode);
        console.log(`  ${mode} C=${clients} run ${r}: ${fmt(res)}`);
        results.push(res);
      }
      const med: Result = {
        rps: median(results.map((x) => x.rps)), p50: median(results.map((x) => x.p50)), p95: median(results.map((x) => x.p95)), p99: median(results.map((x) => x.p99)),
        ok: median(results.map((x) => x.ok)),
        cpu: results.every((x) => x.cpu) ? { server: median(results.map((x) => x.cpu!.server)), postgres: median(results.map((x) => x.cpu!.postgres)) } : null,
        errors: results.reduce((acc, x) => { for (const [k, v] of Object.entries(x.errors)) acc[k] = (acc[k] ?? 0) + v; return acc; }, {} as Record<string, number>),
      };
      summary.push(`${mode.padEnd(6)} C=${String(clients).padEnd(2)} median: ${fmt(med)}`);
    }
  }
  console.log("\nmedians of " + runs + " runs (errors summed):\n" + summary.join("\n"));

  const { checkStock } = await import("../../lib/stock/reconcile");
  const { systemActor } = await import("../../lib/auth/system-actor");
  const { db } = await import("../../lib/db");
  const { discrepancies } = await checkStock(systemActor());
  console.log(discrepancies.length ? `INVARIANT BROKEN: ${discrepancies.length} discrepancies` : "invariant holds: every level equals the sum of its ledger");
  await db.$disconnect();
  if (discrepancies.length) process.exitCode = 1;
}
