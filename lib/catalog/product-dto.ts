import type { DbClient } from "../db";
import type { Prisma } from "../db";
import { toMoney } from "../money";
import type { ProductDto } from "./schemas";

export const productInclude = { category: { select: { id: true, name: true } } } as const;
type ProductRow = Prisma.ProductGetPayload<{ include: typeof productInclude }>;

/** On-hand per product for a page of products, in one grouped query (no N+1). */
export async function onHandByProduct(tx: DbClient, productIds: string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await tx.stockLevel.groupBy({ by: ["productId"], where: { productId: { in: productIds } }, _sum: { quantity: true } });
  return new Map(rows.map((r) => [r.productId, r._sum.quantity ?? 0]));
}

export function toProductDto(p: ProductRow, onHand: number): ProductDto {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    barcode: p.barcode,
    category: p.category,
    spec: p.spec as ProductDto["spec"],
    unit: p.unit,
    minStock: p.minStock,
    safetyStock: p.safetyStock,
    price: toMoney(p.priceAmount, p.priceCurrency),
    inStock: p.inStock,
    onHand,
    tracking: p.tracking,
    deletedAt: p.deletedAt?.toISOString() ?? null,
  };
}

export async function productDto(tx: DbClient, p: ProductRow): Promise<ProductDto> {
  const onHand = await onHandByProduct(tx, [p.id]);
  return toProductDto(p, onHand.get(p.id) ?? 0);
}
