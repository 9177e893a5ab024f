// The next number of a sequence, for any document of the system:
//
//   const number = await nextNumber("stock.move.in", { date: "2026-03-05", tx });
//
// Pass the document's transaction. For `no_gap` sequences that is what makes them gap-free: the
// counter row stays locked until the document commits, and a rollback gives the number back (so
// take the number as late as possible, after the document's other row locks, in the same order
// everywhere). For `standard` sequences the number comes from nextval, which never rolls back.
//
// Cost: one round trip (SQL numbering_next resolves, finds the range and draws) when the date range
// exists; the first number of a new period creates the range and draws again.
import { db, poolSql, sqlOf, type Sql, type Tx } from "../db";
import { AppError } from "../errors";
import { createDateRange } from "./date-range";
import { documentDate, formatRow, LOOKUP_ARGS, lookupParams, pgErrorCode, RESOLVED_COLUMNS, sequenceNotFound, type NumberOptions, type ResolvedRow } from "./lookup";

/**
 * no_gap lock wait: 1 s per attempt, 3 attempts. Documents hold the counter for milliseconds, so
 * a 3 s wait means something is stuck; the total stays under Prisma's default interactive
 * transaction timeout (5 s), so the caller gets our UNAVAILABLE naming the sequence rather than a
 * generic transaction timeout. See numbering_take_no_gap in the migration for the mechanics.
 */
export const NO_GAP_LOCK_WAIT_MS = 1000;
export const NO_GAP_LOCK_ATTEMPTS = 3;

const NEXT_SQL = `SELECT ${RESOLVED_COLUMNS}, value FROM numbering_next(${LOOKUP_ARGS}, $6::int, $7::int)`;

type DrawRow = ResolvedRow & { value: bigint | string | null };

export type IssuedNumber = { value: string; number: number; sequenceId: string; rangeId: string | null };

/** The next number of the sequence `code`, formatted. Throws NOT_FOUND for an unknown code. */
/**
 * `tx`: the document's Prisma transaction; `sql`: the document's transaction as a Sql runner (the
 * stock hot path). With `sql`, a missing date range is created in a transaction of its own (as
 * without either), which is safe: a range is not part of any document.
 */
export async function nextNumber(code: string, opts: NumberOptions & { tx?: Tx; sql?: Sql } = {}): Promise<string> {
  return (await takeNumber(code, opts)).value;
}

/** Like nextNumber, with where the number came from (for audit rows and tests). */
export async function takeNumber(code: string, opts: NumberOptions & { tx?: Tx; sql?: Sql } = {}): Promise<IssuedNumber> {
  const params = [...lookupParams(code, opts), NO_GAP_LOCK_WAIT_MS, NO_GAP_LOCK_ATTEMPTS];
  // Outside a transaction, straight to pg with a statement prepared once per connection: Prisma's
  // per-query overhead would otherwise cost about half of the throughput (tests/bench).
  const sql = opts.sql ?? (opts.tx ? sqlOf(opts.tx) : poolSql);
  try {
    // The second pass follows the creation of the date range, by this caller or a concurrent one;
    // a third covers a concurrent range that conflicted without containing our date.
    for (let pass = 0; pass < 3; pass++) {
      const [row] = await sql<DrawRow>("numbering_next", NEXT_SQL, params);
      if (!row) throw sequenceNotFound(code);
      if (row.value !== null) {
        const n = Number(row.value);
        return { value: formatRow(row, n), number: n, sequenceId: row.sequence_id, rangeId: row.range_id };
      }
      if (row.range_id === null) await createRangeFor(row, opts.tx);
    }
    throw new Error(`numbering: no date range for "${code}" after creating one`);
  } catch (e) {
    throw numberingError(e, code);
  }
}

/** First use of a period: creates the range of the row's document date, in `tx` or in a transaction of its own. */
async function createRangeFor(row: ResolvedRow, tx: Tx | undefined): Promise<void> {
  const date = documentDate(row);
  if (tx) await createDateRange(tx, row, date);
  else await db.$transaction((own) => createDateRange(own, row, date));
}

const RESOLVE_SQL = `SELECT ${RESOLVED_COLUMNS} FROM numbering_resolve(${LOOKUP_ARGS})`;

/**
 * Makes sure the date range of `code` containing the document date exists, creating it as first use
 * would; for documents that draw their number inside SQL (stock_post). With `tx`, in that
 * transaction; otherwise in one of its own.
 */
export async function ensureDateRange(code: string, opts: NumberOptions & { tx?: Tx } = {}): Promise<void> {
  const sql = opts.tx ? sqlOf(opts.tx) : poolSql;
  // A concurrent first use may create a conflicting range first; then we look again.
  for (let pass = 0; pass < 3; pass++) {
    const [row] = await sql<ResolvedRow>("numbering_resolve", RESOLVE_SQL, lookupParams(code, opts));
    if (!row) throw sequenceNotFound(code);
    if (!row.use_date_range || row.range_id !== null) return;
    await createRangeFor(row, opts.tx);
  }
  throw new Error(`numbering: no date range for "${code}" after creating one`);
}

/** A busy no_gap counter (WN001) as UNAVAILABLE naming the sequence; other errors unchanged. */
export function numberingError(e: unknown, code: string): unknown {
  if (e instanceof AppError) return e;
  if (pgErrorCode(e) === "WN001") {
    return new AppError("UNAVAILABLE", `Sequence "${code}" is busy: another document holds its counter. Try again.`, {
      code,
      waitedMs: NO_GAP_LOCK_WAIT_MS * NO_GAP_LOCK_ATTEMPTS,
    });
  }
  return e;
}
