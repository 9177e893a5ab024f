// Date ranges are created on first use: the first number dated in a year (or month) without a
// range creates it. Concurrent first uses create exactly one: the insert is ON CONFLICT DO NOTHING
// against the unique (sequence_id, date_from) and the no-overlap exclusion constraint, so the
// loser waits for the winner's commit, inserts nothing, and reads the winner's range instead.
// This relies on READ COMMITTED (the default): under REPEATABLE READ the loser's snapshot cannot
// see the winner's row and PostgreSQL reports a serialization failure instead.
import type { DbClient, Tx } from "../db";
import { periodBounds, type RangePeriod } from "./calendar";
import { createPgSequence, pgSequenceName } from "./pg-sequence";
import type { Implementation } from "./schemas";

export type RangeOwner = { sequence_id: string; implementation: Implementation; range_period: RangePeriod; increment: number };

/**
 * The range first use on `date` creates: the calendar year or month, clipped so it does not
 * overlap ranges that already exist (they may stem from another period setting). Odoo does the
 * same but clips against the *last* following range, which can overlap; we clip against the first.
 */
export async function newRangeBounds(client: DbClient, sequenceId: string, period: RangePeriod, date: string): Promise<{ from: string; to: string }> {
  const { from, to } = periodBounds(date, period);
  const rows = await client.$queryRaw<{ from: string; to: string }[]>`
    SELECT to_char(GREATEST(${from}::date, (
             SELECT max(date_to) + 1 FROM sequence_date_ranges
             WHERE sequence_id = ${sequenceId}::uuid AND date_to >= ${from}::date AND date_to < ${date}::date)), 'YYYY-MM-DD') AS "from",
           to_char(LEAST(${to}::date, (
             SELECT min(date_from) - 1 FROM sequence_date_ranges
             WHERE sequence_id = ${sequenceId}::uuid AND date_from > ${date}::date AND date_from <= ${to}::date)), 'YYYY-MM-DD') AS "to"`;
  return rows[0];
}

/**
 * Creates the range containing `date` (and, for standard, its PostgreSQL SEQUENCE starting at 1)
 * in the caller's transaction. Returns false when a concurrent transaction created a conflicting
 * range first; the caller then looks the range up again.
 */
export async function createDateRange(tx: Tx, seq: RangeOwner, date: string): Promise<boolean> {
  const b = await newRangeBounds(tx, seq.sequence_id, seq.range_period, date);
  // gen_random_uuid: a raw insert cannot use Prisma's client-side uuid(7); ranges sort by date anyway.
  const inserted = await tx.$queryRaw<{ date_from: string }[]>`
    INSERT INTO sequence_date_ranges (id, sequence_id, date_from, date_to, number_next, updated_at)
    VALUES (gen_random_uuid(), ${seq.sequence_id}::uuid, ${b.from}::date, ${b.to}::date, 1, now())
    ON CONFLICT DO NOTHING
    RETURNING to_char(date_from, 'YYYY-MM-DD') AS date_from`;
  if (inserted.length === 0) return false;
  if (seq.implementation === "standard") await createPgSequence(tx, pgSequenceName(seq.sequence_id, b.from), 1, seq.increment);
  return true;
}
