// Data the system cannot run without, on every database (production included), created after
// migrations: the main company and the default document sequences (movements, purchase orders,
// count sessions). Idempotent; never changes what an admin has edited.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { seedSequences } from "../../prisma/seed/sequences";

export async function ensureSystemData(url: string): Promise<void> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    await seedSequences(client, { refresh: false });
  } finally {
    await client.$disconnect();
  }
}
