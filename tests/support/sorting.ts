// Helpers for tests of sorted, keyset-paginated lists.
import type { Page } from "@/lib/pagination";
import type { SortDir } from "@/lib/sorting";

/** Every row of a list, read page by page (`limit` rows each) through its cursors. */
export async function walk<T>(fetch: (limit: number, cursor?: string) => Promise<Page<T>>, limit: number): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await fetch(limit, cursor);
    all.push(...page.items);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

/** PostgreSQL's "natural" collation (ICU und-u-kn-true) as JavaScript compares it. */
export const naturalCompare = new Intl.Collator("en", { numeric: true }).compare;

/**
 * True when `keys` (one tuple per row) are in `dir` order. Strings compare in the database's C
 * collation (so `<` agrees), except the positions listed in `natural` (names and location codes,
 * whose columns use the natural collation; equal there, they fall back to code points as the
 * deterministic collation does).
 */
export function ordered(keys: (string | number)[][], dir: SortDir, natural: number[] = []): boolean {
  const cmp = (a: (string | number)[], b: (string | number)[]) => {
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      const n = natural.includes(i) && typeof a[i] === "string" ? naturalCompare(a[i] as string, b[i] as string) : 0;
      return n || (a[i] < b[i] ? -1 : 1);
    }
    return 0;
  };
  return keys.every((k, i) => i === 0 || (dir === "asc" ? cmp(keys[i - 1], k) < 0 : cmp(keys[i - 1], k) > 0));
}
