// The product list — the REST API's GET /products (keyset cursor, SKU order), the desk page (sorted,
// with page numbers and a total) and its CSV export — over one filter: text, category subtree,
// stock state, deleted, spec attributes. The filter is SQL so the spec match can ignore the case of
// keys and compare numbers by value, which Prisma's JSON filters cannot; count and page use it alike.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { decodeCursor, encodeCursor, type Page } from "../pagination";
import { decodeSortCursor, defineSort, isDefaultSort, rowKey, sortCursor, sqlKeyset, type KeyPart, type Sort } from "../sorting";
import { likeEscape } from "../stock/list-stock-levels";
import { parse } from "../validation";
import { onHandByProduct, productInclude, toProductDto } from "./product-dto";
import { categoryWithDescendants, resolveCategoryId } from "./resolve-category";
import { productListQuerySchema, type ProductDto, type ProductListQuery } from "./schemas";

/** Columns the products page can sort by (the API always lists by SKU). Names sort naturally (the column's collation). */
export const productSort = defineSort(["sku", "name"], { sort: "sku", dir: "asc" });
export type ProductSortColumn = (typeof productSort.columns)[number];
const PRODUCT_KEYS: Record<ProductSortColumn, KeyPart[]> = {
  sku: [{ sql: "p.sku" }],
  // products (name, id) index, in the natural collation of products.name.
  name: [{ sql: "p.name" }, { sql: "p.id", cast: "uuid" }],
};

/**
 * One spec term `key:value`: the key ignoring case; a text value ignoring case; a number also
 * matches a stored number by value (`watts:500` finds 500, 500.0 and "500"), true/false a stored
 * boolean. Matched by containment in the lower-cased spec (`lower(spec::text)::jsonb`), which the
 * GIN index products_spec_lower_idx answers — a scan of jsonb_each per product took 1.5 s at
 * 100,000 products.
 */
function specTerm(term: string): Prisma.Sql {
  const i = term.indexOf(":");
  const key = JSON.stringify(term.slice(0, i).trim().toLowerCase());
  const value = term.slice(i + 1).trim().toLowerCase();
  const forms = [`{${key}:${JSON.stringify(value)}}`];
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(value)) forms.push(`{${key}:${value}}`);
  if (value === "true" || value === "false") forms.push(`{${key}:${value}}`);
  return Prisma.sql`(${Prisma.join(
    forms.map((f) => Prisma.sql`lower(p.spec::text)::jsonb @> ${f}::jsonb`),
    " OR ",
  )})`;
}

/** The WHERE condition (over `products p`) of a parsed list query, cursor aside. */
async function productFilter(q: ProductListQuery): Promise<Prisma.Sql> {
  const and: Prisma.Sql[] = [q.deleted ? Prisma.sql`p.deleted_at IS NOT NULL` : Prisma.sql`p.deleted_at IS NULL`];
  if (q.q) {
    const text = `%${likeEscape(q.q)}%`;
    and.push(Prisma.sql`(p.sku ILIKE ${text} OR p.name ILIKE ${text} OR p.barcode = ${q.q})`);
  }
  if (q.category) {
    const id = await resolveCategoryId(readDb(), q.category);
    and.push(Prisma.sql`p.category_id = ANY(${await categoryWithDescendants(readDb(), id!)}::uuid[])`);
  }
  if (q.inStock !== undefined) and.push(Prisma.sql`p.in_stock = ${q.inStock}`);
  for (const term of q.spec ?? []) and.push(specTerm(term));
  return Prisma.join(and, " AND ");
}

/**
 * Products ordered by SKU (or by `opts.sort` for the web page), keyset-paginated by `cursor`; or,
 * with `opts.page` (1-based, the desk list's page numbers), that page by offset — `limit` rows
 * each, the cursor ignored.
 */
export async function listProducts(actor: Actor, query: unknown, opts: { sort?: Sort<ProductSortColumn>; page?: number } = {}): Promise<Page<ProductDto>> {
  assertCan(actor, "catalog.read");
  const q = parse(productListQuerySchema, query);
  const sort = opts.sort ?? productSort.default;
  const plain = isDefaultSort(productSort, sort);
  const parts = PRODUCT_KEYS[sort.sort];
  const cursor = opts.page ? undefined : q.cursor;
  const skuAfter = plain ? decodeCursor(cursor, z.string()) : undefined;
  const after = plain ? (skuAfter === undefined ? undefined : [skuAfter]) : decodeSortCursor(cursor, sort, parts.length);
  const key = sqlKeyset(parts, sort.dir, after);
  const offset = opts.page ? (opts.page - 1) * q.limit : 0;
  const keys = await readDb().$queryRaw<{ id: string; [k: `k${number}`]: unknown }[]>`
    SELECT p.id, ${key.select} FROM products p
    WHERE ${await productFilter(q)} ${key.where}
    ORDER BY ${key.order}
    LIMIT ${q.limit + 1} OFFSET ${offset}`;
  const page = keys.slice(0, q.limit);
  const rows = new Map((await readDb().product.findMany({ where: { id: { in: page.map((k) => k.id) } }, include: productInclude })).map((r) => [r.id, r]));
  const onHand = await onHandByProduct(readDb(), page.map((k) => k.id));
  const last = page[page.length - 1];
  const nextCursor = keys.length > q.limit && !opts.page ? encodeCursor(plain ? last.k0 : sortCursor(sort, rowKey(last, parts.length))) : null;
  return { items: page.map((k) => toProductDto(rows.get(k.id)!, onHand.get(k.id) ?? 0)), nextCursor };
}

/** How many products the list query matches (cursor and limit aside): count(*) with the same filter. */
export async function countProducts(actor: Actor, query: unknown): Promise<number> {
  assertCan(actor, "catalog.read");
  const q = parse(productListQuerySchema, query);
  const [row] = await readDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM products p WHERE ${await productFilter(q)}`;
  return row.n;
}
