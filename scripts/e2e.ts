// `npm run test:e2e`: browser and API tests against the production build.
// A fresh database per run (created, migrated, seeded; dropped afterwards), the background worker
// (jobs/worker.ts, on a queue prefix of its own; it drains the seed's outbox during the build), then
// `next build` (skip with E2E_SKIP_BUILD=1 when the build is current) and Playwright, which starts
// `npm start` (scripts/serve.ts). The worker is stopped afterwards, whatever happened, and its Redis keys deleted.
// Both export metrics (METRICS_TOKEN; the worker on a free WORKER_METRICS_PORT) and log JSON lines to
// test-results/web.log and test-results/worker.log (docs/observability.md).
import fs from "node:fs";
import path from "node:path";
import { ensureChromium, CHROMIUM_PATH } from "./lib/chromium";
import { freePort } from "./lib/free-port";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";
import { run, runOrExit } from "./lib/run";
import { ensureSystemData } from "./lib/system-data";
import { deleteQueueKeys, startWorkerProcess, type StartedWorker } from "./lib/worker-process";

ensureChromium();
const base = process.env.TEST_DATABASE_BASE_URL || "postgresql://postgres@127.0.0.1:5432";
const databaseUrl = `${base}/wms_e2e_${Date.now()}_${process.pid}`;
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET || "e2e-tests-secret-0123456789abcdef0123",
  CHROMIUM_PATH,
  NEXT_TELEMETRY_DISABLED: "1",
  QUEUE_PREFIX: `wmse2e-${process.pid}-${Date.now()}`,
  // The specs' deliberate failed sign-ins (and the fuzz test's) must not use up the global failed-login
  // budget (lib/rate-limit.ts) for the specs that sign in after them; tests/integration/auth.test.ts covers it.
  LOGIN_FAILURE_BUDGET: process.env.LOGIN_FAILURE_BUDGET || "10000",
  // Emails are captured as .eml files here; specs may read them.
  MAIL_CAPTURE_DIR: path.resolve(process.env.MAIL_CAPTURE_DIR || `test-results/mail-${process.pid}`),
  // The webhook specs run their receiver on loopback, which the SSRF guard refuses without this
  // (docs/webhooks.md); short retries keep a failing receiver's schedule within a spec.
  WEBHOOK_ALLOW_PRIVATE: "1",
  WEBHOOK_RETRY_DELAYS_MS: process.env.WEBHOOK_RETRY_DELAYS_MS || "500,1000,2000",
  // Metrics on (docs/observability.md): the web's /metrics and the worker's port, read by tests/api/metrics.spec.ts.
  METRICS_TOKEN: process.env.METRICS_TOKEN || `e2e-metrics-${process.pid}-${Date.now()}`,
  WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT || String(await freePort()),
  WORKER_METRICS_HOST: "127.0.0.1",
  // The web server's log lines (playwright.config.ts sets LOG_FILE for it); the worker's go to test-results/worker.log.
  WEB_LOG_FILE: path.resolve("test-results/web.log"),
  // The worker logs to stdout, which startWorkerProcess writes to its file (and reads for "worker ready").
  LOG_FILE: "",
};
fs.rmSync(env.WEB_LOG_FILE, { force: true });

await ensureDatabase(databaseUrl);
let code = 1;
let worker: StartedWorker | undefined;
const stopWorker = async () => {
  await worker?.stop();
  worker = undefined;
};
// runOrExit ends the process on failure: make sure the worker goes with it.
process.on("exit", () => worker?.child.kill("SIGKILL"));
try {
  await migrate(databaseUrl);
  await ensureSystemData(databaseUrl);
  await runOrExit("node", ["--import", "tsx", "prisma/seed.ts"], { env: { ...env, NODE_ENV: "development" } });
  worker = await startWorkerProcess({ ...env, NODE_ENV: "test" }, "test-results/worker.log");
  if (process.env.E2E_SKIP_BUILD !== "1") await runOrExit("npx", ["next", "build"], { env });
  code = await run("npx", ["playwright", "test", ...process.argv.slice(2)], { env });
} finally {
  await stopWorker();
  await deleteQueueKeys(env.QUEUE_PREFIX);
  if (!process.env.KEEP_TEST_DATABASE) await dropDatabase(databaseUrl);
}
process.exit(code);
