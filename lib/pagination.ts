// Keyset pagination for every list: `?limit=` (default 50, max 500) and an opaque `?cursor=`.
import { z } from "zod";
import { AppError } from "./errors";
import { PG_BIGINT_MAX, unsafeTextIssues } from "./validation";

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export type Page<T> = { items: T[]; nextCursor: string | null };

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * A bigint key (ledger ids) as a cursor carries it: decimal digits within PostgreSQL's `bigint`, so
 * a forged cursor is refused here instead of overflowing in the database.
 */
export const bigintCursorSchema = z
  .string()
  .regex(/^\d{1,19}$/)
  .refine((v) => BigInt(v) <= PG_BIGINT_MAX);

/**
 * The value of a cursor we issued, checked against `schema`; anything else — not base64url JSON,
 * another shape, text PostgreSQL cannot store (NUL, lone surrogates) — is 422 on `cursor`.
 */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (unsafeTextIssues(value, "", 1).length) throw new Error("unsafe text");
    return schema.parse(value);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", { issues: [{ path: "cursor", message: "Invalid cursor." }] });
  }
}

/** Given limit+1 fetched rows, returns the page and the cursor of its last row when more remain. */
export function toPage<R, T>(rows: R[], limit: number, cursorOf: (row: R) => unknown, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { items: page.map(map), nextCursor: more ? encodeCursor(cursorOf(page[page.length - 1])) : null };
}
