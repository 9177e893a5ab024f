// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; quotes doubled.
// A leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvField).join(",") + "\r\n").join("");
}
