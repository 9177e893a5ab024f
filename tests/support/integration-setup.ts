import { inject } from "vitest";

// Runs before each test file imports the app's modules, so lib/db connects to the test database.
process.env.DATABASE_URL = inject("databaseUrl");
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.AUTH_SECRET ||= "integration-tests-secret-0123456789abcdef";

// Test files share the database and run one at a time. Outbox rows earlier files left behind
// (the reports test alone posts 100,000 ledger rows) are not this file's work: mark them dispatched,
// so a job test's worker starts on an empty outbox and waits only for what the file itself causes.
{
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("UPDATE outbox_events SET dispatched_at = now() WHERE dispatched_at IS NULL");
  } finally {
    await client.end();
  }
}
