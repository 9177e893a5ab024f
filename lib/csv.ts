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

export type CsvColumn<R> = { header: string; value: (row: R) => unknown };

/** The first batch is small, so the download starts as soon as a page would have. */
export const CSV_FIRST_BATCH = 100;
const encoder = new TextEncoder();

/**
 * A keyset-paged list as a CSV stream: a UTF-8 BOM (so Excel reads Chinese correctly) and the
 * header first, then one chunk per batch (CSV_FIRST_BATCH rows, then `batch`), fetched only when
 * the consumer pulls — memory stays at one batch, whatever the size of the export. The first batch
 * is read before the stream is returned, so a refusal or a bad filter is an error the caller
 * answers with its status. Used by the reports (lib/reports/report.ts) and the list exports
 * (lib/list-exports.ts).
 */
export async function csvStream<R>(
  columns: CsvColumn<R>[],
  fetch: (cursor: string | undefined, limit: number) => Promise<{ items: R[]; nextCursor: string | null }>,
  batch: number,
): Promise<ReadableStream<Uint8Array>> {
  let page: { items: R[]; nextCursor: string | null } | null = await fetch(undefined, Math.min(batch, CSV_FIRST_BATCH));
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${columns.map((c) => csvField(c.header)).join(",")}\r\n`));
          return;
        }
        if (!page) return controller.close();
        if (page.items.length) controller.enqueue(encoder.encode(page.items.map((r) => columns.map((c) => csvField(c.value(r))).join(",") + "\r\n").join("")));
        page = page.nextCursor ? await fetch(page.nextCursor, batch) : null;
        if (!page) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A CSV attachment as the desk's export routes answer it (reports and list exports). */
export function csvDownload(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
