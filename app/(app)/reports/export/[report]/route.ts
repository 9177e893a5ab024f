// CSV export of a report, with the report page's filters as query string. Session-authenticated
// (the same cookie as the pages): 401 when signed out, 403 without report.read. The body streams
// batch by batch (lib/reports/report.ts reportCsv).
import { currentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { csvDownload } from "@/lib/csv";
import { errorResponse } from "@/lib/http";
import { REPORTS } from "@/lib/reports";
import { csvFileName, firstValues, REPORT_NAMES, reportCsv, type ReportName } from "@/lib/reports/report";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ report: string }> }): Promise<Response> {
  try {
    const { report } = await params;
    if (!(REPORT_NAMES as readonly string[]).includes(report)) throw new AppError("NOT_FOUND", "No such report.");
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to export reports.");
    const name = report as ReportName;
    const body = await reportCsv({ role: user.role, id: user.id }, REPORTS[name], firstValues(new URL(req.url).searchParams));
    return csvDownload(body, csvFileName(name));
  } catch (e) {
    const res = errorResponse(e, req);
    res.headers.set("Cache-Control", "no-store");
    return res;
  }
}
