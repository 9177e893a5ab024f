"use server";
// Handheld server actions: every one acts through the "handheld" channel, so movements and counts
// made here are recorded as such. The domain does permission, validation and locking.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { getCountSession, recordCount, type BlindLine } from "@/lib/counts/count-sessions";
import { AppError } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { postMovement } from "@/lib/stock/post-movement";
import { locationContents, productLookup, resolveScan, type LocationContentRow, type ProductLookup, type Scanned } from "@/lib/stock/scan-lookup";
import type { MovementLineResult } from "@/lib/stock/schemas";

export type Shortage = { sku: string; location: string; requested: number; available: number };
export type FloorPosted =
  | { ok: true; data: { number: string; line: MovementLineResult; replayed: boolean } }
  | { ok: false; error: { code: string; message: string }; shortage?: Shortage };

const isText = (v: unknown, max = 255): v is string => typeof v === "string" && v.trim().length > 0 && v.length <= max;

/** Posts a one-line receipt, issue or transfer from the handheld, with the submit's Idempotency-Key. */
export async function floorPostAction(input: unknown, idempotencyKey: unknown): Promise<FloorPosted> {
  let shortage: Shortage | undefined;
  const r = await runAction(async (actor) => {
    try {
      const { result, replayed } = await postMovement(actor, input, { idempotencyKey: isText(idempotencyKey) ? idempotencyKey : null });
      return { number: result.number, line: result.lines[0], replayed };
    } catch (e) {
      if (e instanceof AppError && e.code === "INSUFFICIENT_STOCK" && e.details) {
        const d = e.details as Partial<Shortage>;
        shortage = { sku: String(d.sku), location: String(d.location), requested: Number(d.requested), available: Number(d.available) };
      }
      throw e;
    }
  }, "handheld");
  if (r.ok) {
    revalidatePath("/stock");
    revalidatePath("/movements");
    return r;
  }
  const { error } = (await localizeStockResult(r)) as Extract<ActionResult<unknown>, { ok: false }>;
  // A field issue says more than the summary ("Unknown location "X"." rather than "not valid").
  const message = error.issues?.[0]?.message ?? error.message;
  return { ok: false, error: { code: error.code, message }, ...(shortage ? { shortage } : {}) };
}

/** What a scanned code is: the expected kind is tried first. */
export async function resolveScanAction(code: unknown, expect: "product" | "location"): Promise<ActionResult<Scanned | null>> {
  if (!isText(code, 64)) return { ok: true, data: null };
  return localizeStockResult(await runAction((actor) => resolveScan(actor, code, expect === "location" ? "location" : "product"), "handheld"));
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
