// Shared by the report pages: access (403 page without report.read), filters and one page of rows.
import type { SessionUser } from "@/lib/auth/session";
import { requirePage } from "@/lib/auth/session";
import { AppError, type Issue } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { firstValues, runReport, type ReportDef, type SearchParams } from "@/lib/reports/report";
import { hrefWith } from "@/components/ui/pagination";

export const REPORT_PAGE_SIZE = 50;

export type LoadedReport<F, R> = {
  user: SessionUser;
  /** The raw query (no cursor), for the filter form, the CSV link and the pager. */
  query: Record<string, string>;
  cursor?: string;
  filters: F | null;
  page: Page<R>;
  issues: Issue[] | null;
};

function split(sp: SearchParams) {
  const { cursor, limit: _limit, ...query } = firstValues(sp);
  void _limit;
  return { cursor, query };
}

/** The access check alone (before the page's Suspense boundary, so a refusal is a real 403). */
export async function reportAccess(def: { name: string }, sp: SearchParams): Promise<SessionUser> {
  const { cursor, query } = split(sp);
  return requirePage("report.read", hrefWith(`/reports/${def.name}`, { ...query, cursor }));
}

export async function loadReport<F, R>(def: ReportDef<F, R>, sp: SearchParams): Promise<LoadedReport<F, R>> {
  const { cursor, query } = split(sp);
  const user = await reportAccess(def, sp);
  try {
    const { filters, page } = await runReport(user, def, { ...query, ...(cursor ? { cursor } : {}), limit: String(REPORT_PAGE_SIZE) });
    return { user, query, cursor, filters, page, issues: null };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    return { user, query, cursor, filters: null, page: { items: [], nextCursor: null }, issues: (e.details?.issues as Issue[] | undefined) ?? [] };
  }
}
