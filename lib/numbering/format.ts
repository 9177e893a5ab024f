// Prefix/suffix interpolation and number padding, with Odoo's syntax: `%(year)s`, `%(range_year)s`,
// `%(current_year)s`…, `%%` for a literal percent sign, the number zero-padded like `%0Nd`.
// Pure. Patterns are validated when a sequence is saved (zod, schemas.ts) so numbering never fails
// on a bad pattern; formatting a pattern that was never validated throws.
import { dayOfYear, mondayWeekOfYear, weekday, type LocalDateTime } from "./calendar";

/** The strftime fields Odoo offers, by placeholder name. */
export const PLACEHOLDER_KEYS = ["year", "month", "day", "y", "doy", "woy", "weekday", "h24", "h12", "min", "sec"] as const;
export type PlaceholderKey = (typeof PLACEHOLDER_KEYS)[number];

/**
 * Which moment a placeholder reads: plain names the document date, `range_` the first day of the
 * date range the number comes from, `current_` the moment of numbering.
 */
export type PlaceholderSource = "effective" | "range" | "current";
const SOURCES: Record<string, PlaceholderSource> = { "": "effective", range_: "range", current_: "current" };

export const PLACEHOLDERS: readonly string[] = Object.keys(SOURCES).flatMap((p) => PLACEHOLDER_KEYS.map((k) => `${p}${k}`));

export type PatternToken = string | { source: PlaceholderSource; key: PlaceholderKey };

export type PatternProblem =
  | { kind: "unknown_placeholder"; placeholder: string; index: number }
  | { kind: "unbalanced"; index: number }
  | { kind: "missing_conversion"; placeholder: string; index: number }
  | { kind: "lone_percent"; index: number };

export type NumberDates = { effective: LocalDateTime; range: LocalDateTime; current: LocalDateTime };
export type NumberFormat = { prefix: string; suffix: string; padding: number };

/** Splits a pattern into literal text and placeholders, collecting every problem found. */
export function parsePattern(pattern: string): { tokens: PatternToken[]; problems: PatternProblem[] } {
  const tokens: PatternToken[] = [];
  const problems: PatternProblem[] = [];
  let text = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c !== "%") {
      text += c;
      i++;
      continue;
    }
    const next = pattern[i + 1];
    if (next === "%") {
      text += "%";
      i += 2;
      continue;
    }
    if (next !== "(") {
      // Python's %-formatting (Odoo) would fail at numbering time; we refuse it when saving.
      problems.push({ kind: "lone_percent", index: i });
      i++;
      continue;
    }
    const close = pattern.indexOf(")", i + 2);
    const reopen = pattern.indexOf("%(", i + 2);
    if (close < 0 || (reopen >= 0 && reopen < close)) {
      problems.push({ kind: "unbalanced", index: i });
      i += 2;
      continue;
    }
    const name = pattern.slice(i + 2, close);
    if (pattern[close + 1] !== "s") {
      problems.push({ kind: "missing_conversion", placeholder: name, index: i });
      i = close + 1;
      continue;
    }
    const token = placeholderToken(name);
    if (!token) problems.push({ kind: "unknown_placeholder", placeholder: name, index: i });
    else {
      if (text) tokens.push(text);
      text = "";
      tokens.push(token);
    }
    i = close + 2;
  }
  if (text) tokens.push(text);
  return { tokens, problems };
}

export function patternProblems(pattern: string): PatternProblem[] {
  return parsePattern(pattern).problems;
}

/** English text for a problem (API and logs); the admin page translates from `kind` instead. */
export function describeProblem(p: PatternProblem): string {
  switch (p.kind) {
    case "unknown_placeholder":
      return `Unknown placeholder %(${p.placeholder})s.`;
    case "unbalanced":
      return `"%(" at position ${p.index + 1} is not closed by ")s".`;
    case "missing_conversion":
      return `Placeholder %(${p.placeholder}) must end with ")s".`;
    case "lone_percent":
      return `A single "%" at position ${p.index + 1}; write "%%" for a percent sign.`;
  }
}

// Patterns repeat (a handful of sequences, millions of numbers): parse each once.
const compiled = new Map<string, PatternToken[]>();
const MAX_CACHED = 1000;

export function compilePattern(pattern: string): PatternToken[] {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const { tokens, problems } = parsePattern(pattern);
  if (problems.length) throw new Error(`Invalid sequence pattern "${pattern}": ${problems.map(describeProblem).join(" ")}`);
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, tokens);
  return tokens;
}

export function interpolate(pattern: string, dates: NumberDates): string {
  if (!pattern.includes("%")) return pattern;
  let out = "";
  for (const t of compilePattern(pattern)) out += typeof t === "string" ? t : placeholderValue(t.key, dates[t.source]);
  return out;
}

/** `'%0Nd' % n`: at least `padding` digits, never truncated. */
export function padNumber(n: number, padding: number): string {
  const digits = String(Math.abs(n)).padStart(padding, "0");
  return n < 0 ? `-${digits}` : digits;
}

/** prefix + padded number + suffix, placeholders interpolated. */
export function formatSequenceNumber(format: NumberFormat, n: number, dates: NumberDates): string {
  return interpolate(format.prefix, dates) + padNumber(n, format.padding) + interpolate(format.suffix, dates);
}

/** The strftime value Odoo maps each key to (%Y %m %d %y %j %W %w %H %I %M %S). */
export function placeholderValue(key: PlaceholderKey, dt: LocalDateTime): string {
  switch (key) {
    case "year":
      return String(dt.year).padStart(4, "0");
    case "month":
      return pad(dt.month, 2);
    case "day":
      return pad(dt.day, 2);
    case "y":
      return pad(dt.year % 100, 2);
    case "doy":
      return pad(dayOfYear(dt), 3);
    case "woy":
      return pad(mondayWeekOfYear(dt), 2);
    case "weekday":
      return String(weekday(dt));
    case "h24":
      return pad(dt.hour, 2);
    case "h12":
      return pad(dt.hour % 12 === 0 ? 12 : dt.hour % 12, 2);
    case "min":
      return pad(dt.minute, 2);
    case "sec":
      return pad(dt.second, 2);
  }
}

function placeholderToken(name: string): Exclude<PatternToken, string> | null {
  for (const [prefix, source] of Object.entries(SOURCES)) {
    if (prefix && !name.startsWith(prefix)) continue;
    const key = name.slice(prefix.length);
    if ((PLACEHOLDER_KEYS as readonly string[]).includes(key)) return { source, key: key as PlaceholderKey };
  }
  return null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
