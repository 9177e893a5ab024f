// `npm start`: the production web server. `next start` in WEB_CONCURRENCY worker processes (default:
// one per CPU) sharing one port through node:cluster, which hands incoming connections to the
// workers in turn. One Node.js process runs JavaScript on one core, and Next's request pipeline alone
// costs about 0.75 ms of CPU per request, so a single process caps the API near 1,300 requests/s
// even before any work; more processes let the web tier use every core PostgreSQL leaves free.
// Nothing in the app keeps per-process state that must be shared: sessions are JWTs, the login rate
// limiter lives in Redis, and caches (JWT signatures, token last-use throttling) are per process by
// design. Each worker has its own database pool of DATABASE_POOL_SIZE connections; unset, the
// workers share about 2 × CPUs + 2 (at least 2 each) — the classic size for a PostgreSQL on the
// same cores; set DATABASE_POOL_SIZE when PostgreSQL has a host of its own.
//
//   npm start -- -p 3000 -H 0.0.0.0     (arguments go to `next start`)
//
// A worker that dies is replaced (after a pause if workers keep dying); SIGTERM/SIGINT stop all.
import cluster, { type Worker } from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";
import { log } from "../lib/log";
import { serveClusterMetrics } from "../lib/metrics/cluster";

const require = createRequire(import.meta.url);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());

// Each worker runs scripts/web-server.ts (Next plus a direct path for the movement POSTs);
// WEB_FAST_PATH=0 runs plain `next start` instead.
cluster.setupPrimary(
  process.env.WEB_FAST_PATH === "0"
    ? { exec: require.resolve("next/dist/bin/next"), args: ["start", ...process.argv.slice(2)] }
    : { exec: new URL("./web-server.ts", import.meta.url).pathname, execArgv: ["--import", "tsx"], args: process.argv.slice(2) },
);

// GET /metrics on any web worker answers the whole cluster's (lib/metrics/cluster.ts); plain
// `next start` workers answer their own (app/metrics/route.ts).
if (process.env.WEB_FAST_PATH !== "0") serveClusterMetrics();

let stopping = false;
let recentDeaths: number[] = [];

// Few connections keep PostgreSQL busiest: a movement is one short statement, and more backends
// than cores only add context switches and lock contention (measured on 2 cores at 32 clients:
// 3 connections per worker posted about 40 % more movements than 10, at a third of the p99).
const poolSize = process.env.DATABASE_POOL_SIZE || String(Math.max(2, Math.ceil((2 * os.availableParallelism() + 2) / workers)));

function fork(): Worker {
  return cluster.fork({ NODE_ENV: "production", DATABASE_POOL_SIZE: poolSize, PG_APPLICATION_NAME: process.env.PG_APPLICATION_NAME || "wms-web" });
}

cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  const now = Date.now();
  recentDeaths = [...recentDeaths.filter((t) => now - t < 60_000), now];
  const delay = recentDeaths.length > workers * 3 ? 5_000 : 0; // crash loop: slow down
  log.error("web worker exited; starting another", { workerPid: worker.process.pid, exit: signal ?? code, delayMs: delay });
  setTimeout(() => !stopping && fork(), delay);
});

function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
  if (alive.length === 0) process.exit(0);
  for (const w of alive) w.process.kill(signal);
  // Next finishes in-flight requests on SIGTERM; don't wait forever.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGTERM"));

log.info("starting web workers", { workers, dbPoolEach: Number(poolSize) });
for (let i = 0; i < workers; i++) fork();
