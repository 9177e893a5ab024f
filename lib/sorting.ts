// Server-side sorting for list pages: `?sort=<column>&dir=asc|desc`, validated against a
// whitelist per list, with keyset cursors that stay valid per sort. A sorted cursor carries its
// sort (column and direction) and the row's key values, ending with a unique tie-breaker, so the
// order is total and "next page" never skips or repeats a row; a cursor from another sort is
// refused like any broken cursor (VALIDATION_FAILED → the page's "bad query" alert).
// Names and codes sort naturally ("Demo product 2" before "Demo product 10"): the columns carry the
// `natural` ICU collation (docs/product.md §1), so the ORDER BY and the keyset comparisons built
// here need no COLLATE clause and stay consistent with each other and with the indexes.
import { z } from "zod";
import { Prisma } from "./generated/prisma/client";
import { AppError } from "./errors";
import { isoDateTime, pgInt, unsafeTextIssues } from "./validation";

export type SortDir = "asc" | "desc";
export type Sort<C extends string = string> = { sort: C; dir: SortDir };
export type SortSpec<C extends string> = { columns: readonly [C, ...C[]]; default: Sort<C> };

export function defineSort<const C extends string>(columns: readonly [C, ...C[]], fallback: Sort<NoInfer<C>>): SortSpec<C> {
  return { columns, default: fallback };
}

/**
 * Reads `sort` and `dir` from search params: an unknown column or direction (or none) gives the
 * list's default order; a known column without `dir` sorts ascending.
 */
export function parseSort<C extends string>(spec: SortSpec<C>, params: Record<string, string | string[] | undefined>): Sort<C> {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const schema = z.object({ sort: z.enum(spec.columns as unknown as [C, ...C[]]), dir: z.enum(["asc", "desc"]).default("asc") });
  const r = schema.safeParse({ sort: first(params.sort), dir: first(params.dir) });
  return r.success ? { sort: r.data.sort as C, dir: r.data.dir } : spec.default;
}

export const isDefaultSort = <C extends string>(spec: SortSpec<C>, s: Sort<C>) => s.sort === spec.default.sort && s.dir === spec.default.dir;

/** URL params for a sort: none for the list's default order, so plain URLs stay plain. */
export function sortParams<C extends string>(spec: SortSpec<C>, s: Sort<C>): { sort?: string; dir?: string } {
  return isDefaultSort(spec, s) ? {} : { sort: s.sort, dir: s.dir };
}

/** Where a click on a column header goes: the same column flips direction, another starts ascending. */
export function nextSort<C extends string>(current: Sort<C>, column: C): Sort<C> {
  return current.sort === column ? { sort: column, dir: current.dir === "asc" ? "desc" : "asc" } : { sort: column, dir: "asc" };
}

type KeyValue = string | number;

/** What a sorted cursor holds (toPage encodes it): [column, dir, ...key values]. */
export function sortCursor(s: Sort, values: KeyValue[]): KeyValue[] {
  return [s.sort, s.dir, ...values];
}

const bad = () => new AppError("VALIDATION_FAILED", "The cursor is not valid.", { issues: [{ path: "cursor", message: "Invalid cursor." }] });

export function decodeSortCursor(cursor: string | undefined, s: Sort, size: number): KeyValue[] | undefined {
  if (!cursor) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const schema = z.tuple([z.literal(s.sort), z.literal(s.dir)], z.union([z.string().max(400), z.number()]));
  const r = schema.safeParse(raw);
  if (!r.success || r.data.length !== size + 2 || unsafeTextIssues(r.data, "", 1).length) throw bad();
  return r.data.slice(2) as KeyValue[];
}

/**
 * Keyset filter for Prisma lists sorted by one non-null scalar `field` with `id` as tie-breaker:
 * rows strictly after (field, id) in the sort's direction. The bound on `field` alone lets an index
 * on it start at the cursor (the OR by itself is only a filter).
 */
export function prismaAfter(field: string, dir: SortDir, after: KeyValue[] | undefined): object | undefined {
  if (!after) return undefined;
  const op = dir === "asc" ? "gt" : "lt";
  const [value, id] = after;
  return { AND: [{ [field]: { [`${op}e`]: value } }, { OR: [{ [field]: { [op]: value } }, { [field]: value, id: { [op]: id } }] }] };
}

export function prismaOrder(field: string, dir: SortDir) {
  return [{ [field]: dir }, { id: dir }];
}

/** One part of a raw-SQL sort key: a whitelisted SQL expression and the cast its cursor value needs. */
export type KeyPart = { sql: string; cast?: "timestamptz" | "uuid" | "int" };

/**
 * Raw-SQL keyset pieces for a sort key (the last parts must make it unique): the select list
 * (`k0, k1, …`), the row-comparison filter after a cursor, and the ORDER BY list. The filter also
 * bounds the first part on its own (`k0 >= v0` ascending): a row comparison over a join uses no
 * index, while the bound lets an index on the first part start at the cursor instead of at the
 * beginning (a last page of stock levels sorted by SKU read 150,000 rows).
 */
const CAST_VALUE = { timestamptz: isoDateTime({ dateOnly: false }), uuid: z.uuid(), int: pgInt() };

export function sqlKeyset(parts: KeyPart[], dir: SortDir, after: KeyValue[] | undefined) {
  if (after && (after.length !== parts.length || parts.some((p, i) => (p.cast ? !CAST_VALUE[p.cast].safeParse(after[i]).success : typeof after[i] !== "string")))) throw bad();
  const select = Prisma.raw(parts.map((p, i) => `${p.sql} AS k${i}`).join(", "));
  const order = Prisma.raw(parts.map((p) => `${p.sql} ${dir === "asc" ? "ASC" : "DESC"}`).join(", "));
  const value = (i: number) => (parts[i].cast ? Prisma.sql`${after![i]}::${Prisma.raw(parts[i].cast!)}` : Prisma.sql`${after![i]}`);
  const where = after
    ? Prisma.sql`AND ${Prisma.raw(parts[0].sql)} ${Prisma.raw(dir === "asc" ? ">=" : "<=")} ${value(0)}
        AND (${Prisma.raw(parts.map((p) => p.sql).join(", "))}) ${Prisma.raw(dir === "asc" ? ">" : "<")} (${Prisma.join(after.map((_, i) => value(i)))})`
    : Prisma.empty;
  return { select, order, where };
}

/** The cursor key values of a raw row selected with sqlKeyset (dates as ISO strings). */
export function rowKey(row: Record<string, unknown>, size: number): KeyValue[] {
  return Array.from({ length: size }, (_, i) => {
    const v = row[`k${i}`];
    return v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : (v as KeyValue);
  });
}
