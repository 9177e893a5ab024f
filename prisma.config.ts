import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI wants a native schema engine it would download; this machine has no route to it.
// `prisma generate` only needs *an* executable in this variable, and our migrations are applied by
// scripts/migrate.ts (see prisma/README.md). On a connected machine with the engine, unset it.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && process.env.PRISMA_USE_NATIVE_ENGINE !== "1") {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(process.cwd(), "scripts", "prisma-engine-stub.sh");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "node --import tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/wms" },
});
