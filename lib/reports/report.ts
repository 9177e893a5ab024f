// The frame every report shares: query-string filters validated with zod, keyset pages for the
// screens, and a CSV stream fed by the same keyset query in batches (so an export of any size
// never sits in memory). One definition per report (lib/reports/<report>.ts) serves both.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { csvStream, type CsvColumn } from "../csv";
import type { Page } from "../pagination";
import { onReplica } from "../read-replica";
import { isoDate, parse } from "../validation";

export const REPORT_NAMES = ["stock", "valuation", "movements", "slow-movers", "reorder", "open-orders"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export type Column<R> = CsvColumn<R>;

export type ReportDef<F, R> = {
  name: ReportName;
  /** Parses the query string (a record of strings) into the report's filters. */
  filters: z.ZodType<F>;
  /** One keyset page: rows after `cursor`, at most `limit`. */
  fetch: (filters: F, cursor: string | undefined, limit: number) => Promise<Page<R>>;
  /** CSV columns, in order (stable English headers, as integrations expect). */
  columns: Column<R>[];
};

/** An empty query-string value means "no filter". */
export const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optional = <S extends z.ZodType>(s: S) => z.preprocess(blank, s.optional());
export const DATE = isoDate("Use YYYY-MM-DD.");
export const searchText = optional(z.string().trim().max(100));

export const reportPageQuerySchema = z.object({
  cursor: optional(z.string().max(500)),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(50)),
});

export type SearchParams = Record<string, string | string[] | undefined>;

/** First value of each query parameter (Next gives arrays for repeated ones). */
export function firstValues(sp: SearchParams | URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (sp instanceof URLSearchParams) {
    for (const [k, v] of sp) if (!(k in out)) out[k] = v;
  } else {
    for (const [k, v] of Object.entries(sp)) {
      const one = Array.isArray(v) ? v[0] : v;
      if (one !== undefined) out[k] = one;
    }
  }
  return out;
}

/** Checks report.read and parses the filters; throws FORBIDDEN or VALIDATION_FAILED. */
export function reportFilters<F, R>(actor: Pick<Actor, "role">, def: ReportDef<F, R>, query: Record<string, string>): F {
  assertCan(actor, "report.read");
  return parse(def.filters, query);
}

/** Who reads a report: the role decides access, the id keeps a user's own recent change visible (lib/read-replica.ts). */
export type ReportReader = Pick<Actor, "role"> & { id?: string };

/** A page of the report for the screens, read from the replica when one is configured (lib/read-replica.ts). */
export async function runReport<F, R>(actor: ReportReader, def: ReportDef<F, R>, query: Record<string, string>): Promise<{ filters: F; page: Page<R> }> {
  const filters = reportFilters(actor, def, query);
  const { cursor, limit } = parse(reportPageQuerySchema, query);
  return { filters, page: await onReplica(actor, () => def.fetch(filters, cursor, limit)) };
}

export const CSV_BATCH = 2000;

/**
 * The whole report as CSV (csvStream): permission and filters are checked, and the first batch is
 * read, before the stream is returned — a refusal (or a query the database rejects) is a plain
 * error the route answers with its status, never a failure after a 200 status line.
 */
export async function reportCsv<F, R>(actor: ReportReader, def: ReportDef<F, R>, query: Record<string, string>, batch = CSV_BATCH): Promise<ReadableStream<Uint8Array>> {
  const filters = reportFilters(actor, def, query);
  // Each batch opens its own replica scope: later ones are read as the client pulls, outside this call.
  return csvStream(def.columns, (cursor, limit) => onReplica(actor, () => def.fetch(filters, cursor, limit)), batch);
}

/** `<report>-<YYYY-MM-DD>.csv` */
export function csvFileName(name: ReportName, now = new Date()): string {
  return `${name}-${now.toISOString().slice(0, 10)}.csv`;
}

/** The day after a YYYY-MM-DD date: "to" is inclusive on screen, exclusive in queries (UTC days). */
export function dayAfter(d: string): Date {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x;
}
