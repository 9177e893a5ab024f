// `npm run test:e2e`: browser and API tests against the production build.
// A fresh database per run (created, migrated, seeded; dropped afterwards), then `next build`
// (skip with E2E_SKIP_BUILD=1 when the build is current) and Playwright, which starts `next start`.
import { ensureChromium, CHROMIUM_PATH } from "./lib/chromium";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";
import { run, runOrExit } from "./lib/run";
import { ensureSystemData } from "./lib/system-data";

ensureChromium();
const base = process.env.TEST_DATABASE_BASE_URL || "postgresql://postgres@127.0.0.1:5432";
const databaseUrl = `${base}/wms_e2e_${Date.now()}_${process.pid}`;
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET || "e2e-tests-secret-0123456789abcdef0123",
  CHROMIUM_PATH,
  NEXT_TELEMETRY_DISABLED: "1",
};

await ensureDatabase(databaseUrl);
let code = 1;
try {
  await migrate(databaseUrl);
  await ensureSystemData(databaseUrl);
  await runOrExit("node", ["--import", "tsx", "prisma/seed.ts"], { env: { ...env, NODE_ENV: "development" } });
  if (process.env.E2E_SKIP_BUILD !== "1") await runOrExit("npx", ["next", "build"], { env });
  code = await run("npx", ["playwright", "test", ...process.argv.slice(2)], { env });
} finally {
  if (!process.env.KEEP_TEST_DATABASE) await dropDatabase(databaseUrl);
}
process.exit(code);
