// POST /api/v1/exchange-rates/import: a CSV file as the body (`Content-Type: text/csv`, columns
// currency, date, rate; comma or semicolon) → 201 {imported}. All rows or none: an invalid row
// answers 422 naming it (`row N.rate`). Another content type → 415; over 1 MiB → 413.
import { AppError } from "@/lib/errors";
import { apiRoute, json, MAX_BODY_BYTES, readLimited, tooLarge } from "@/lib/http";
import { importExchangeRates } from "@/lib/purchasing/exchange-rates";
import { unsupported } from "../../_lib/route";

function isCsv(contentType: string | null): boolean {
  return contentType?.split(";")[0].trim().toLowerCase() === "text/csv";
}

/** The raw CSV bytes, under the API's body limit (counted while they stream in, as readJson does). */
async function readCsvBody(req: Request): Promise<Buffer> {
  if (!isCsv(req.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as the body with Content-Type: text/csv.", { contentType: req.headers.get("content-type") });
  }
  if (Number(req.headers.get("content-length") || 0) > MAX_BODY_BYTES) throw tooLarge();
  const buf = await readLimited(req.body as unknown as AsyncIterable<Uint8Array> | null, MAX_BODY_BYTES);
  if (!buf) throw tooLarge();
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

export const POST = apiRoute(async ({ req, actor }) => json(await importExchangeRates(actor, await readCsvBody(req)), 201));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
