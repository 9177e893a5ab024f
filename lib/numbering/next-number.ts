// The next number of a sequence, for any document of the system:
//
//   const number = await nextNumber("stock.move.in", { date: "2026-03-05", tx });
//
// Pass the document's transaction. For `no_gap` sequences that is what makes them gap-free: the
// counter row stays locked until the document commits, and a rollback gives the number back (so
// take the number as late as possible, after the document's other row locks, in the same order
// everywhere). For `standard` sequences the number comes from nextval, which never rolls back.
//
// Cost: one SQL statement when the date range exists (resolution, range lookup and nextval or
// the no_gap increment together), which is what makes standard sequences fast; the first number of
// a new period creates the range and draws again.
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { createDateRange } from "./date-range";
import { documentDate, formatRow, lookupCte, lookupQuery, pgErrorCode, resolvedColumns, sequenceNotFound, type NumberOptions, type ResolvedRow } from "./lookup";

/**
 * no_gap lock wait: 1 s per attempt, 3 attempts. Documents hold the counter for milliseconds, so
 * a 3 s wait means something is stuck; the total stays under Prisma's default interactive
 * transaction timeout (5 s), so the caller gets our UNAVAILABLE naming the sequence rather than a
 * generic transaction timeout. See numbering_take_no_gap in the migration for the mechanics.
 */
export const NO_GAP_LOCK_WAIT_MS = 1000;
export const NO_GAP_LOCK_ATTEMPTS = 3;

export type IssuedNumber = { value: string; number: number; sequenceId: string; rangeId: string | null };

/** The next number of the sequence `code`, formatted. Throws NOT_FOUND for an unknown code. */
export async function nextNumber(code: string, opts: NumberOptions & { tx?: Tx } = {}): Promise<string> {
  return (await takeNumber(code, opts)).value;
}

/** Like nextNumber, with where the number came from (for audit rows and tests). */
export async function takeNumber(code: string, opts: NumberOptions & { tx?: Tx } = {}): Promise<IssuedNumber> {
  const q = lookupQuery(code, opts);
  const client = opts.tx ?? db;
  try {
    // Two passes at most: the second follows the creation of the date range by this caller or a
    // concurrent one. A third covers a concurrent range that conflicted without containing our date.
    for (let pass = 0; pass < 3; pass++) {
      const rows = await client.$queryRaw<(ResolvedRow & { value: bigint | null })[]>`
        ${lookupCte(q)}
        SELECT ${resolvedColumns},
          CASE
            WHEN d.use_date_range AND r.id IS NULL THEN NULL
            WHEN d.implementation = 'standard' THEN nextval(numbering_pg_name(d.id, r.date_from)::regclass)
            ELSE numbering_take_no_gap(d.id, r.id, ${NO_GAP_LOCK_WAIT_MS}::int, ${NO_GAP_LOCK_ATTEMPTS}::int)
          END AS value
        FROM d LEFT JOIN r ON true`;
      const row = rows[0];
      if (!row) throw sequenceNotFound(code);
      if (row.value !== null) {
        const n = Number(row.value);
        return { value: formatRow(row, n), number: n, sequenceId: row.id, rangeId: row.range_id };
      }
      if (row.range_id === null) {
        const date = documentDate(row);
        if (opts.tx) await createDateRange(opts.tx, row, date);
        else await db.$transaction((tx) => createDateRange(tx, row, date));
      }
    }
    throw new Error(`numbering: no date range for "${code}" after creating one`);
  } catch (e) {
    throw numberingError(e, code);
  }
}

function numberingError(e: unknown, code: string): unknown {
  if (e instanceof AppError) return e;
  if (pgErrorCode(e) === "WN001") {
    return new AppError("UNAVAILABLE", `Sequence "${code}" is busy: another document holds its counter. Try again.`, {
      code,
      waitedMs: NO_GAP_LOCK_WAIT_MS * NO_GAP_LOCK_ATTEMPTS,
    });
  }
  return e;
}
