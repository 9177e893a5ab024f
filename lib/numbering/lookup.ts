// What next-number.ts and preview.ts share: the parameters of the SQL functions numbering_resolve
// and numbering_next (migration 20261122010000_numbering: company-first lookup, time zone, local
// document date-time, date range), the row they return, and its formatting.
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

/** The first five arguments of numbering_resolve / numbering_next, in order. */
export type LookupParams = [code: string, companyId: string | null, date: string | null, instant: string, now: string];

/** The SQL argument list matching LookupParams, numbered from $1. */
export const LOOKUP_ARGS = "$1, $2::uuid, $3::date, $4::timestamptz, $5::timestamptz";

/** A resolved sequence with its document-date context, as numbering_resolve returns it. */
export type ResolvedRow = {
  sequence_id: string;
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

/** The columns of ResolvedRow, selected from either function. */
export const RESOLVED_COLUMNS =
  "sequence_id::text AS sequence_id, implementation, use_date_range, range_period, prefix, suffix, padding, increment, eff, cur, range_id::text AS range_id, range_from";

export function lookupParams(code: string, opts: NumberOptions): LookupParams {
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
  return [code, opts.companyId ?? null, date, instant.toISOString(), now.toISOString()];
}

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

/** The SQLSTATE of a failed query, from pg directly or through Prisma's driver-adapter error. */
export function pgErrorCode(e: unknown): string | undefined {
  return pgErrorParts(e)?.code;
}

/** SQLSTATE, message and DETAIL of a failed query, from pg directly or through Prisma's driver adapter. */
export function pgErrorParts(e: unknown): { code: string; message: string; detail?: string } | undefined {
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    const cause = (e.meta?.driverAdapterError as { cause?: { originalCode?: string; code?: string; originalMessage?: string; message?: string; detail?: string } } | undefined)?.cause;
    const code = cause?.originalCode ?? cause?.code;
    return code ? { code, message: cause?.originalMessage ?? cause?.message ?? e.message, detail: cause?.detail } : undefined;
  }
  const err = e as { code?: unknown; message?: unknown; detail?: unknown } | null;
  if (typeof err?.code !== "string" || !/^[0-9A-Z]{5}$/.test(err.code)) return undefined;
  return { code: err.code, message: String(err.message ?? ""), detail: typeof err.detail === "string" ? err.detail : undefined };
}
