// Reading an uploaded CSV: UTF-8 with or without BOM, comma or semicolon (taken from the header
// line), a header row required. Column names are matched loosely: "Min stock", "min_stock" and
// "minStock" are the same column.
import { parse } from "csv-parse/sync";
import { AppError } from "../errors";

export type CsvRow = { row: number; values: Map<string, string> };
export type CsvTable = { columns: Map<string, string>; rows: CsvRow[] };

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

/** "Min stock" → "minstock". */
export const columnKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/**
 * Parses the file. `aliases` maps accepted header keys (columnKey) to the canonical column name.
 * Unknown columns are ignored. Throws VALIDATION_FAILED for an unreadable or empty file.
 */
export function readCsv(content: Buffer | string, aliases: Record<string, string>): CsvTable {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, { key: "fileTooLarge" });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The file is not UTF-8 text.", { key: "notUtf8" });
  }
  text = text.replace(/^\uFEFF/, "");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    throw new AppError("VALIDATION_FAILED", `The file is not valid CSV: ${(e as Error).message}`, { key: "badCsv" });
  }
  const data = records.filter((r) => r.record.some((v) => v !== ""));
  if (data.length === 0) throw new AppError("VALIDATION_FAILED", "The file is empty: a header row is required.", { key: "empty" });
  const [header, ...body] = data;
  if (body.length === 0) throw new AppError("VALIDATION_FAILED", "The file has a header row but no data rows.", { key: "noRows" });
  if (body.length > MAX_IMPORT_ROWS) throw new AppError("VALIDATION_FAILED", `At most ${MAX_IMPORT_ROWS} rows per file.`, { key: "tooManyRows", max: MAX_IMPORT_ROWS });

  // canonical column → header text as written in the file (for messages)
  const columns = new Map<string, string>();
  const index: [string, number][] = [];
  header.record.forEach((name, i) => {
    const canonical = aliases[columnKey(name)];
    if (canonical && !columns.has(canonical)) {
      columns.set(canonical, name);
      index.push([canonical, i]);
    }
  });
  const rows = body.map((r) => ({ row: r.info.lines, values: new Map(index.map(([c, i]) => [c, r.record[i] ?? ""])) }));
  return { columns, rows };
}

/** Refuses a file that lacks required columns (each entry: one name, or alternatives). */
export function requireColumns(table: CsvTable, required: (string | string[])[]): void {
  const missing = required.filter((r) => ![r].flat().some((c) => table.columns.has(c))).map((r) => [r].flat().join(" / "));
  if (missing.length) {
    throw new AppError("VALIDATION_FAILED", `Missing column(s): ${missing.join(", ")}.`, { key: "missingColumns", columns: missing.join(", ") });
  }
}
