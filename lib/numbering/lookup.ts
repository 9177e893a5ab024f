// Finding the sequence a number comes from, shared by next-number.ts and preview.ts: one SQL
// statement resolves the code (the company's own active sequence first, then the shared one), the
// time zone, the document's local date and time, and the date range containing that date.
//
// Local times are computed by PostgreSQL (`AT TIME ZONE`) rather than in JavaScript so that the
// date that picks the range and the date printed by the placeholders come from one tz database.
import { AppError } from "../errors";
import { Prisma } from "../db";
import { isIsoDate, parseLocalDateTime, type RangePeriod } from "./calendar";
import { formatSequenceNumber } from "./format";
import type { Implementation } from "./schemas";

export type NumberOptions = {
  /**
   * The document date. `YYYY-MM-DD` is a calendar date (time placeholders read 00:00:00); a Date
   * is an instant, read in the company's time zone. Default: now.
   */
  date?: string | Date;
  /** The requesting company: its own sequence wins over the shared one, and its time zone applies. */
  companyId?: string | null;
  /** The moment `current_` placeholders read. Default: now. */
  now?: Date;
};

export type LookupQuery = { code: string; companyId: string | null; date: string | null; instant: string; now: string };

/** A resolved sequence with its document-date context, as the CTE below returns it. */
export type ResolvedRow = {
  id: string;
  implementation: Implementation;
  use_date_range: boolean;
  range_period: RangePeriod;
  prefix: string;
  suffix: string;
  padding: number;
  increment: number;
  /** Document date and time, local: `YYYY-MM-DD HH:MM:SS`. */
  eff: string;
  /** Now, local. */
  cur: string;
  range_id: string | null;
  range_from: string | null;
};

export function lookupQuery(code: string, opts: NumberOptions): LookupQuery {
  const now = opts.now ?? new Date();
  let date: string | null = null;
  let instant = now;
  if (typeof opts.date === "string") {
    if (!isIsoDate(opts.date)) {
      throw new AppError("VALIDATION_FAILED", "Use a date written YYYY-MM-DD.", { issues: [{ path: "date", message: "Use a date written YYYY-MM-DD." }] });
    }
    date = opts.date;
  } else if (opts.date instanceof Date) {
    instant = opts.date;
  }
  return { code, companyId: opts.companyId ?? null, date, instant: instant.toISOString(), now: now.toISOString() };
}

/**
 * `WITH s, d, r`: s = the winning sequence (≤ 1 row), d = s with local times, r = its date range
 * containing the document date (≤ 1 row: ranges never overlap). Callers append their SELECT.
 */
export function lookupCte(q: LookupQuery): Prisma.Sql {
  return Prisma.sql`
    WITH s AS (
      SELECT s.id, s.implementation::text AS implementation, s.use_date_range, s.range_period::text AS range_period,
             s.prefix, s.suffix, s.padding, s.increment, s.number_next,
             COALESCE(own.time_zone, req.time_zone, 'UTC') AS tz
      FROM sequences s
      LEFT JOIN companies own ON own.id = s.company_id
      LEFT JOIN companies req ON req.id = ${q.companyId}::uuid
      WHERE s.code = ${q.code} AND s.active AND (s.company_id = ${q.companyId}::uuid OR s.company_id IS NULL)
      ORDER BY s.company_id NULLS LAST
      LIMIT 1
    ), d AS (
      SELECT s.*,
             COALESCE(${q.date}::date::timestamp, ${q.instant}::timestamptz AT TIME ZONE s.tz) AS eff,
             ${q.now}::timestamptz AT TIME ZONE s.tz AS cur
      FROM s
    ), r AS (
      SELECT r.id, r.date_from, r.number_next
      FROM sequence_date_ranges r JOIN d ON r.sequence_id = d.id
      WHERE d.use_date_range AND r.date_from <= d.eff::date AND r.date_to >= d.eff::date
    )`;
}

/** The resolved columns every caller selects from `d LEFT JOIN r`. */
export const resolvedColumns = Prisma.sql`
  d.id::text AS id, d.implementation, d.use_date_range, d.range_period, d.prefix, d.suffix, d.padding, d.increment,
  to_char(d.eff, 'YYYY-MM-DD HH24:MI:SS') AS eff, to_char(d.cur, 'YYYY-MM-DD HH24:MI:SS') AS cur,
  r.id::text AS range_id, to_char(r.date_from, 'YYYY-MM-DD') AS range_from`;

/** The document's local calendar date, which picks the date range. */
export function documentDate(row: Pick<ResolvedRow, "eff">): string {
  return row.eff.slice(0, 10);
}

/**
 * The formatted number. Without a date range, `range_` placeholders read the document date (Odoo
 * reads the clock there, which prints the wrong year for back-dated documents).
 */
export function formatRow(row: ResolvedRow, n: number, rangeFrom: string | null = row.range_from): string {
  const effective = parseLocalDateTime(row.eff);
  return formatSequenceNumber(row, n, {
    effective,
    range: rangeFrom ? parseLocalDateTime(rangeFrom) : effective,
    current: parseLocalDateTime(row.cur),
  });
}

export function sequenceNotFound(code: string): AppError {
  return new AppError("NOT_FOUND", `No active sequence with code "${code}".`, { code });
}

/** The SQLSTATE of a failed raw query, through Prisma's driver-adapter error. */
export function pgErrorCode(e: unknown): string | undefined {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const cause = (e.meta?.driverAdapterError as { cause?: { originalCode?: string; code?: string } } | undefined)?.cause;
  return cause?.originalCode ?? cause?.code;
}
