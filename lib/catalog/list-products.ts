import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { db, type Prisma } from "../db";
import { decodeCursor, toPage, type Page } from "../pagination";
import { parse } from "../validation";
import { onHandByProduct, productInclude, toProductDto } from "./product-dto";
import { categoryWithDescendants, resolveCategoryId } from "./resolve-category";
import { productListQuerySchema, type ProductDto } from "./schemas";

/** Products ordered by SKU, keyset-paginated; filters by text, category subtree, stock state and spec. */
export async function listProducts(actor: Actor, query: unknown): Promise<Page<ProductDto>> {
  assertCan(actor, "catalog.read");
  const q = parse(productListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.string());
  const where: Prisma.ProductWhereInput = { deletedAt: q.deleted ? { not: null } : null };
  const and: Prisma.ProductWhereInput[] = [];
  if (q.q) {
    and.push({
      OR: [
        { sku: { contains: q.q, mode: "insensitive" } },
        { name: { contains: q.q, mode: "insensitive" } },
        { barcode: q.q },
      ],
    });
  }
  if (q.category) {
    const id = await resolveCategoryId(db, q.category);
    and.push({ categoryId: { in: await categoryWithDescendants(db, id!) } });
  }
  if (q.inStock !== undefined) and.push({ inStock: q.inStock });
  for (const f of q.spec ?? []) {
    const i = f.indexOf(":");
    and.push({ spec: { path: [f.slice(0, i)], equals: f.slice(i + 1) } });
  }
  if (after) and.push({ sku: { gt: after } });
  if (and.length) where.AND = and;

  const rows = await db.product.findMany({ where, include: productInclude, orderBy: { sku: "asc" }, take: q.limit + 1 });
  const onHand = await onHandByProduct(db, rows.slice(0, q.limit).map((r) => r.id));
  return toPage(rows, q.limit, (r) => r.sku, (r) => toProductDto(r, onHand.get(r.id) ?? 0));
}
