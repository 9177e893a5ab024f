"use server";
// Handheld server actions: every one acts through the "handheld" channel, so counts made here are
// recorded as such. The domain does permission, validation and locking. Movements are not posted
// here: the floor's outbox sends them through the REST API (components/floor/local/outbox.ts).
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { getCountSession, recordCount, type BlindLine } from "@/lib/counts/count-sessions";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { locationContents, productLookup, resolveScan, stockAt, type LocationContentRow, type ProductLookup, type Scanned, type StockAt } from "@/lib/stock/scan-lookup";

const isText = (v: unknown, max = 255): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max;

/** What a scanned code is: the expected kind is tried first. */
export async function resolveScanAction(code: unknown, expect: "product" | "location"): Promise<ActionResult<Scanned | null>> {
  if (!isText(code, 64)) return { ok: true, data: null };
  return localizeStockResult(await runAction((actor) => resolveScan(actor, code, expect === "location" ? "location" : "product"), "handheld"));
}

/** What a product has at a location now (Issue and Move show it before Confirm). */
export async function stockAtAction(sku: unknown, location: unknown): Promise<ActionResult<StockAt>> {
  if (!isText(sku, 64) || !isText(location, 64)) return { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };
  return localizeStockResult(await runAction((actor) => stockAt(actor, sku, location), "handheld"));
}

export type LookupResult =
  | { kind: "product"; product: ProductLookup }
  | { kind: "location"; location: Extract<Scanned, { kind: "location" }>; contents: LocationContentRow[] }
  | null;

/** Look up: a product's stock per location, or what a location holds. */
export async function lookupAction(code: unknown): Promise<ActionResult<LookupResult>> {
  if (!isText(code, 64)) return { ok: true, data: null };
  return localizeStockResult(
    await runAction(async (actor): Promise<LookupResult> => {
      const found = await resolveScan(actor, code, "product");
      if (!found) return null;
      if (found.kind === "product") {
        const product = await productLookup(actor, found.sku);
        return product ? { kind: "product", product } : null;
      }
      return { kind: "location", location: found, contents: await locationContents(actor, found.code) };
    }, "handheld"),
  );
}

/** Records a blind count; returns the line as counted now and everything this session has counted. */
export async function recordCountAction(sessionId: unknown, input: unknown): Promise<ActionResult<{ line: BlindLine; counted: BlindLine[] }>> {
  if (!isText(sessionId, 64)) return { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };
  const r = await runAction(async (actor) => {
    const line = await recordCount(actor, sessionId, input);
    const session = await getCountSession(actor, sessionId);
    return { line, counted: session.counted };
  }, "handheld");
  if (r.ok) revalidatePath(`/counts/${sessionId}`);
  return localizeStockResult(r);
}
