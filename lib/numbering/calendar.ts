// Calendar arithmetic on plain dates (no time zone: the database converts instants to the
// company's local time before anything here runs). Pure; shared by formatting and date ranges.

/** A wall-clock date and time in the company's time zone. */
export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

export type RangePeriod = "year" | "month";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). Years before 1000 are
 * refused: no document is dated then, and it keeps JavaScript's two-digit-year quirks away.
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (the form the database returns local times in). */
export function parseLocalDateTime(value: string): LocalDateTime {
  const m = LOCAL.exec(value);
  if (!m) throw new Error(`Not a local date-time: ${value}`);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
}

export function isoDate(dt: Pick<LocalDateTime, "year" | "month" | "day">): string {
  return `${String(dt.year).padStart(4, "0")}-${pad2(dt.month)}-${pad2(dt.day)}`;
}

export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** 1 for January 1st. */
export function dayOfYear(dt: Pick<LocalDateTime, "year" | "month" | "day">): number {
  return Math.round((utcMidnight(dt) - Date.UTC(dt.year, 0, 1)) / 86_400_000) + 1;
}

/** 0 = Sunday … 6 = Saturday, like strftime's %w. */
export function weekday(dt: Pick<LocalDateTime, "year" | "month" | "day">): number {
  return new Date(utcMidnight(dt)).getUTCDay();
}

/**
 * Week of the year with Monday as the first day, like strftime's %W: days before the year's first
 * Monday are in week 0.
 */
export function mondayWeekOfYear(dt: Pick<LocalDateTime, "year" | "month" | "day">): number {
  const mondayBased = (weekday(dt) + 6) % 7;
  return Math.floor((dayOfYear(dt) - 1 + 7 - mondayBased) / 7);
}

/** The calendar year or month containing `date` (YYYY-MM-DD), as inclusive bounds. */
export function periodBounds(date: string, period: RangePeriod): { from: string; to: string } {
  const { year, month } = parseLocalDateTime(date);
  if (period === "year") return { from: isoDate({ year, month: 1, day: 1 }), to: isoDate({ year, month: 12, day: 31 }) };
  return { from: isoDate({ year, month, day: 1 }), to: isoDate({ year, month, day: daysInMonth(year, month) }) };
}

function utcMidnight(dt: Pick<LocalDateTime, "year" | "month" | "day">): number {
  return Date.UTC(dt.year, dt.month - 1, dt.day);
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
