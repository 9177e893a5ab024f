import { inject } from "vitest";

// Runs before each test file imports the app's modules, so lib/db connects to the test database.
process.env.DATABASE_URL = inject("databaseUrl");
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.AUTH_SECRET ||= "integration-tests-secret-0123456789abcdef";
