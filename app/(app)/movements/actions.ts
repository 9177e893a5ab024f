"use server";
// Movement server actions: postMovement does permission, validation, locking, ledger and audit;
// here a shortage becomes an issue on the line's quantity field, and messages get localised.
import { revalidatePath } from "next/cache";
import type { LineProduct } from "@/components/forms/movement-values";
import { runAction, type ActionResult } from "@/lib/action";
import { AppError, keyedIssue } from "@/lib/errors";
import { localizeStockResult } from "@/lib/i18n/localize-stock-error";
import { postMovement } from "@/lib/stock/post-movement";
import { reverseMovement } from "@/lib/stock/reverse-movement";
import { productLookup, searchLocations, searchProducts } from "@/lib/stock/scan-lookup";

type Posted = ActionResult<{ id: string; number: string; replayed: boolean }>;

/** INSUFFICIENT_STOCK names its line (1-based): put the message on that line's quantity. */
function shortageOnLine(e: unknown): unknown {
  if (e instanceof AppError && e.code === "INSUFFICIENT_STOCK" && typeof e.details?.line === "number") {
    const ref = e.messageKey ? { key: e.messageKey, params: e.params } : undefined;
    const issue = ref ? keyedIssue(`lines.${e.details.line - 1}.quantity`, e.message, ref.key, ref.params) : { path: `lines.${e.details.line - 1}.quantity`, message: e.message };
    return new AppError(e.code, e.message, { ...e.details, issues: [issue] }, ref);
  }
  return e;
}

export async function postMovementAction(input: unknown, idempotencyKey: string): Promise<Posted> {
  const key = typeof idempotencyKey === "string" && idempotencyKey ? idempotencyKey : null;
  const r = await runAction(async (actor) => {
    try {
      const { result, replayed } = await postMovement(actor, input, { idempotencyKey: key });
      return { id: result.id, number: result.number, replayed };
    } catch (e) {
      throw shortageOnLine(e);
    }
  });
  if (r.ok) {
    revalidatePath("/stock");
    revalidatePath("/movements");
  }
  return localizeStockResult(r);
}

/** SKU autocomplete for the movement form. */
export async function searchProductsAction(text: unknown): Promise<ActionResult<{ sku: string; name: string }[]>> {
  if (typeof text !== "string") return { ok: true, data: [] };
  return runAction((actor) => searchProducts(actor, text));
}

/** The product a line's SKU or barcode names (lib/stock/scan-lookup.ts productLookup), or null when none does. */
export async function lookupProductAction(code: unknown): Promise<ActionResult<LineProduct | null>> {
  if (typeof code !== "string") return { ok: true, data: null };
  return runAction(async (actor) => {
    const found = await productLookup(actor, code);
    if (!found) return null;
    const { sku, name, unit, tracking } = found.product;
    return { sku, name, unit, tracking, total: found.total, at: Object.fromEntries(found.stock.map((r) => [r.location, r.quantity])) };
  });
}

/** Location autocomplete for the stock and movements filters (lib/stock/scan-lookup.ts searchLocations). */
export async function searchLocationsAction(text: unknown): Promise<ActionResult<{ code: string; name: string }[]>> {
  return runAction((actor) => searchLocations(actor, typeof text === "string" ? text : ""));
}

/** Reverse a posted movement (lib/stock/reverse-movement.ts); answers where the reversal is. */
export async function reverseMovementAction(number: unknown, reason: unknown): Promise<ActionResult<{ href: string; number: string }>> {
  const r = await runAction(async (actor) => {
    const { result } = await reverseMovement(actor, typeof number === "string" ? number : "", { reason });
    return { href: `/movements/${result.id}?posted=1`, number: result.number };
  });
  if (r.ok) {
    revalidatePath("/stock");
    revalidatePath("/movements");
  }
  return localizeStockResult(r);
}
