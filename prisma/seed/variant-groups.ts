// Demo variant groups (development and tests only): a few groups of demo products, so the pages and
// GET /api/v1/variant-groups have something to show. Skipped when any group exists.
import type { db as Db } from "../../lib/db";

type Client = typeof Db;

const GROUPS: { name: string; description: string; skus: string[] }[] = [
  { name: "Demo charger family", description: "Same charger, three cable lengths", skus: ["SKU-00001", "SKU-00002", "SKU-00003"] },
  { name: "Demo drill kit", description: "Preferred kit first, then the alternatives", skus: ["SKU-00010", "SKU-00020"] },
  { name: "Demo notebook", description: "A5 notebooks from two suppliers", skus: ["SKU-00100", "SKU-00101"] },
];

export async function seedVariantGroups(db: Client, log: (s: string) => void = () => {}): Promise<void> {
  if ((await db.variantGroup.count()) > 0) {
    log("variant groups: already seeded");
    return;
  }
  for (const g of GROUPS) {
    const products = await db.product.findMany({ where: { sku: { in: g.skus } }, select: { id: true, sku: true } });
    await db.variantGroup.create({
      data: {
        name: g.name,
        description: g.description,
        members: { create: g.skus.flatMap((sku, i) => products.filter((p) => p.sku === sku).map((p) => ({ productId: p.id, priority: i + 1 }))) },
      },
    });
  }
  log(`variant groups: ${GROUPS.length}`);
}
