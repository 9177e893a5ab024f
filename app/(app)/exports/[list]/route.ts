// CSV export of a desk list (products, stock) with the list page's filters and sort as query string.
// Session-authenticated like the pages: 401 when signed out, 403 without the list's read permission,
// 422 for a filter the list refuses. The body streams batch by batch (lib/list-exports.ts).
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { csvDownload } from "@/lib/csv";
import { errorResponse } from "@/lib/http";
import { LIST_EXPORTS, listCsv, listCsvFileName, type ListExport } from "@/lib/list-exports";
import { firstValues } from "@/lib/reports/report";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ list: string }> }): Promise<Response> {
  try {
    const { list } = await params;
    if (!(LIST_EXPORTS as readonly string[]).includes(list)) throw new AppError("NOT_FOUND", "No such list.");
    const actor = await requireActor();
    const body = await listCsv(actor, list as ListExport, firstValues(new URL(req.url).searchParams));
    return csvDownload(body, listCsvFileName(list as ListExport));
  } catch (e) {
    const res = errorResponse(e, req);
    res.headers.set("Cache-Control", "no-store");
    return res;
  }
}
