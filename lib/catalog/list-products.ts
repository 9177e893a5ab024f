import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { db, type Prisma } from "../db";
import { decodeCursor, toPage, type Page } from "../pagination";
import { decodeSortCursor, defineSort, sortCursor, isDefaultSort, prismaAfter, prismaOrder, type Sort } from "../sorting";
import { parse } from "../validation";
import { onHandByProduct, productInclude, toProductDto } from "./product-dto";
import { categoryWithDescendants, resolveCategoryId } from "./resolve-category";
import { productListQuerySchema, type ProductDto } from "./schemas";

/** Columns the products page can sort by (the API always lists by SKU). */
export const productSort = defineSort(["sku", "name"], { sort: "sku", dir: "asc" });
export type ProductSortColumn = (typeof productSort.columns)[number];

/**
 * Products ordered by SKU (or by `opts.sort` for the web page), keyset-paginated; filters by text,
 * category subtree, stock state and spec.
 */
export async function listProducts(actor: Actor, query: unknown, opts: { sort?: Sort<ProductSortColumn> } = {}): Promise<Page<ProductDto>> {
  assertCan(actor, "catalog.read");
  const q = parse(productListQuerySchema, query);
  const sort = opts.sort ?? productSort.default;
  const plain = isDefaultSort(productSort, sort);
  const after = plain ? decodeCursor(q.cursor, z.string()) : undefined;
  const sortedAfter = plain ? undefined : decodeSortCursor(q.cursor, sort, 2);
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
  const keyset = prismaAfter(sort.sort, sort.dir, sortedAfter) as Prisma.ProductWhereInput | undefined;
  if (keyset) and.push(keyset);
  if (and.length) where.AND = and;

  const orderBy = plain ? { sku: "asc" as const } : (prismaOrder(sort.sort, sort.dir) as Prisma.ProductOrderByWithRelationInput[]);
  const rows = await db.product.findMany({ where, include: productInclude, orderBy, take: q.limit + 1 });
  const onHand = await onHandByProduct(db, rows.slice(0, q.limit).map((r) => r.id));
  return toPage(rows, q.limit, (r) => (plain ? r.sku : sortCursor(sort, [r[sort.sort], r.id])), (r) => toProductDto(r, onHand.get(r.id) ?? 0));
}
