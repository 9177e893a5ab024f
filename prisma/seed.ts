// `npm run db:seed`: demo data for development and tests. Refuses to run in production.
import { seedDemo, seedOpeningStock } from "./seed/demo";
import { seedSequences } from "./seed/sequences";
import { seedPurchasing } from "./seed/purchasing";
import { seedSales } from "./seed/sales";
import { seedSerials } from "./seed/serials";
import { seedVariantGroups } from "./seed/variant-groups";
import { seedHistory } from "./seed/history";

if (process.env.NODE_ENV === "production" && process.env.ALLOW_DEMO_SEED !== "1") {
  console.error("Refusing to seed demo data with NODE_ENV=production (set ALLOW_DEMO_SEED=1 if you really mean it).");
  process.exit(1);
}

const { db } = await import("../lib/db");
try {
  const log = (line: string) => console.log(`seed: ${line}`);
  await seedSequences(db);
  await seedDemo(db, log);
  await seedOpeningStock(db, log);
  await seedVariantGroups(db, log);
  await seedPurchasing(db, log);
  await seedSerials(db, log);
  await seedSales(db, log);
  // 90 days of dated movements for 40 products (DEMO_HISTORY=0 skips it).
  await seedHistory(db, log);
  // Fresh statistics for the planner now, rather than whenever autovacuum gets to it (or never,
  // where it is off): a thousand products planned as an empty table get sequential scans.
  await db.$executeRawUnsafe("ANALYZE");
} finally {
  await db.$disconnect();
}
