// Input validation, and the one place that makes text, dates and numbers safe for PostgreSQL.
//
// PostgreSQL refuses some values our zod schemas would otherwise pass: a NUL character in text or
// jsonb (`\u0000`), a lone UTF-16 surrogate in jsonb (`"\ud800"`; in text it would silently become
// U+FFFD), the year 0 and years past 9999 in our dates, bigints past 2^63 − 1 and integers past
// 2^31 − 1. Everything that reaches the database passes through here first:
//  - `parse()` (every domain operation's validation) refuses unsafe text anywhere in its input,
//    keys included, with the path of each offender;
//  - lib/http.ts runs the same walk over JSON bodies, query strings and path parameters, and
//    lib/pagination.ts over decoded cursors;
//  - the schemas take their dates from `isoDate` / `isoDateTime` below and bigint cursors from
//    lib/pagination.ts;
//  - what is left (e.g. a stock level pushed past the `int` range by many receipts) is mapped from
//    the database's SQLSTATE class 22 to 422 by `fromDatabaseError` (lib/errors.ts).
// This module is bundled for the browser too (the forms use the schemas): no server imports.
import { z } from "zod";
import { validationError, zodIssues, type Issue } from "./errors";

/** PostgreSQL `integer` (stock quantities, counters). */
export const PG_INT_MAX = 2_147_483_647;
/** PostgreSQL `bigint` (ledger ids). */
export const PG_BIGINT_MAX = 9_223_372_036_854_775_807n;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL would refuse this text (NUL, a lone surrogate), or null when it is fine. */
export function textProblem(s: string): string | null {
  if (s.includes("\0")) return "NUL characters are not allowed.";
  if (LONE_SURROGATE.test(s)) return "Text must be valid Unicode (a lone UTF-16 surrogate is not).";
  return null;
}

/**
 * Every string and object key in `value` that PostgreSQL would refuse, as issues with dotted paths
 * (`lines.0.lot`). Iterative, so a deeply nested body cannot overflow the stack; stops after
 * `max` issues.
 */
export function unsafeTextIssues(value: unknown, root = "", max = 20): Issue[] {
  const issues: Issue[] = [];
  const stack: [unknown, string][] = [[value, root]];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length && issues.length < max) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) issues.push({ path, message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], at(path, String(i))]);
    } else if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      for (const [k, child] of Object.entries(v)) {
        const problem = textProblem(k);
        if (problem) issues.push({ path: at(path, safeKey(k)), message: `Key: ${problem}` });
        stack.push([child, at(path, safeKey(k))]);
      }
    }
  }
  return issues;
}

/** A key as it may be shown in an error path: without the characters that made it unsafe. */
function safeKey(k: string): string {
  return k.replace(/\0/g, "").replace(/[\uD800-\uDFFF]/g, "\uFFFD");
}

/** Throws VALIDATION_FAILED when `value` holds text PostgreSQL would refuse. */
export function assertSafeText(value: unknown, root = ""): void {
  const issues = unsafeTextIssues(value, root);
  if (issues.length) throw validationError(issues, issues[0].message);
}

/** Parses input with a zod schema or throws VALIDATION_FAILED with `details.issues`. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertSafeText(input);
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(zodIssues(r.error));
  return r.data;
}

// ── Dates PostgreSQL stores ──────────────────────────────────────────────────────────────────
// JavaScript and zod accept the year 0000 (and offsets that push an instant into it); PostgreSQL
// has no year 0. Our dates live in years 1 to 9999.
const FIRST_INSTANT = new Date("0001-01-01T00:00:00Z").getTime();
const END_INSTANT = new Date("+010000-01-01T00:00:00Z").getTime();

/** True when the instant (or YYYY-MM-DD date) lies in the years 1 to 9999. */
export function inDateRange(value: string): boolean {
  const t = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value).getTime();
  return Number.isFinite(t) && t >= FIRST_INSTANT && t < END_INSTANT;
}

const DATE_RANGE_MESSAGE = "Use a date between 0001-01-01 and 9999-12-31.";

/** A calendar date `YYYY-MM-DD` PostgreSQL accepts. */
export function isoDate(message = "Use YYYY-MM-DD.") {
  return z.iso.date(message).refine(inDateRange, DATE_RANGE_MESSAGE);
}

/** An ISO 8601 date-time with offset (or a plain date) PostgreSQL accepts. */
export function isoDateTime(opts: { dateOnly?: boolean } = { dateOnly: true }) {
  const dt = z.iso.datetime({ offset: true });
  return (opts.dateOnly ? z.union([dt, z.iso.date()]) : dt).refine(inDateRange, DATE_RANGE_MESSAGE);
}

/** A whole number within PostgreSQL's `integer`. */
export function pgInt(message = "Whole numbers only.") {
  return z.number().int(message).min(-PG_INT_MAX - 1).max(PG_INT_MAX);
}
