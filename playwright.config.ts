// Browser and API tests against the production build served as in production (`npm start`: next start in cluster workers), driven by scripts/e2e.ts,
// which prepares a fresh database and sets E2E_BASE_URL / DATABASE_URL / AUTH_SECRET.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "tests",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  // One retry on CI: three phone floor specs (floor-offline:131, floor-offline-shell:110,
  // floor-scanner:98) failed once each across this session's full runs and passed 4/4 repeated
  // alone; a retried pass is reported as "flaky" in the output, not hidden. Root cause still open.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : [["list"]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure", locale: "en-US" },
  projects: [
    { name: "setup", testMatch: /e2e\/auth\.setup\.ts/, use: { ...chromium } },
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    {
      name: "desktop",
      testMatch: /e2e\/.*\.spec\.ts/,
      // The handheld screens (tests/e2e/floor*.spec.ts) are specified at phone size only.
      testIgnore: /e2e\/floor[^/]*\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...chromium, viewport: { width: 1440, height: 900 } },
    },
    {
      name: "phone",
      testMatch: /e2e\/.*\.spec\.ts/,
      // One server answers both projects: the hostile-address sweep runs once, at desktop size; the
      // purchase order spec too (one order's story across roles; its approver part sets a phone viewport),
      // the serial items spec (desktop pages; its data is made through the domain), the outbound flow
      // spec (it opens its own phone context for the clerk) and the customer order spec (one order's
      // story across roles, desktop pages).
      testIgnore: /e2e\/(hostile-pages|purchasing-orders|serials|sales-flow|sales)\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...chromium, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    // A keep-alive timeout longer than any idle gap between requests of one test context, so a
    // pooled API socket is never closed by the server just as the client reuses it (ECONNRESET).
    command: `node --import tsx scripts/serve.ts -H 127.0.0.1 -p ${port} --keepAliveTimeout 70000`,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    // Its log lines (lib/log.ts) go to a file the specs may read (tests/api/metrics.spec.ts).
    env: { ...(process.env as Record<string, string>), LOG_FILE: process.env.WEB_LOG_FILE || "test-results/web.log" },
  },
});
