// Integration tests: real PostgreSQL (a fresh database per run, created and migrated by the global
// setup, dropped afterwards) and real Redis. A missing service fails the run; nothing is skipped.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/integration-global-setup.ts"],
    setupFiles: ["tests/support/integration-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
