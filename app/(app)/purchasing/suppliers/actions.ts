"use server";
// Supplier server actions: the domain (lib/purchasing/suppliers.ts) checks permission, validates,
// writes and audits; here we only localise errors and refresh the affected pages.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import {
  createSupplier,
  deleteSupplier,
  removeSupplierProduct,
  setSupplierProduct,
  setSupplierTolerance,
  updateSupplier,
} from "@/lib/purchasing/suppliers";
import { searchProducts } from "@/lib/stock/scan-lookup";
import { localizeSupplierResult } from "./localize";

type Saved = ActionResult<{ code: string }>;

// Arguments of a server action come from the client as-is: a code must at least be a string.
const badRequest = { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } } as const satisfies ActionResult<never>;
const isKey = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

function done(code?: string) {
  revalidatePath("/purchasing/suppliers");
  if (code) revalidatePath(`/purchasing/suppliers/${encodeURIComponent(code)}`);
}

export async function createSupplierAction(input: unknown): Promise<Saved> {
  const r = await runAction(async (actor) => ({ code: (await createSupplier(actor, input)).code }));
  if (r.ok) done(r.data.code);
  return localizeSupplierResult(r);
}

export async function updateSupplierAction(code: string, input: unknown): Promise<Saved> {
  if (!isKey(code)) return localizeSupplierResult(badRequest);
  const r = await runAction(async (actor) => ({ code: (await updateSupplier(actor, code, input)).code }));
  if (r.ok) done(r.data.code);
  return localizeSupplierResult(r);
}

export async function setSupplierToleranceAction(code: string, input: unknown): Promise<ActionResult<{ receiptTolerancePct: string }>> {
  if (!isKey(code)) return localizeSupplierResult(badRequest);
  const r = await runAction(async (actor) => ({ receiptTolerancePct: (await setSupplierTolerance(actor, code, input)).receiptTolerancePct }));
  if (r.ok) done(code);
  return localizeSupplierResult(r);
}

/** Soft delete; IN_USE (orders reference the supplier) comes back with the domain's message, localised. */
export async function deleteSupplierAction(code: string): Promise<Saved> {
  if (!isKey(code)) return localizeSupplierResult(badRequest);
  const r = await runAction(async (actor) => ({ code: (await deleteSupplier(actor, code)).code }));
  if (r.ok) done(r.data.code);
  return localizeSupplierResult(r);
}

export async function setSupplierProductAction(code: string, input: unknown): Promise<ActionResult<{ sku: string }>> {
  if (!isKey(code)) return localizeSupplierResult(badRequest);
  const r = await runAction(async (actor) => ({ sku: (await setSupplierProduct(actor, code, input)).sku }));
  if (r.ok) done(code);
  return localizeSupplierResult(r);
}

export async function removeSupplierProductAction(code: string, sku: string): Promise<ActionResult<null>> {
  if (!isKey(code) || !isKey(sku)) return localizeSupplierResult(badRequest);
  const r = await runAction(async (actor) => {
    await removeSupplierProduct(actor, code, sku);
    return null;
  });
  if (r.ok) done(code);
  return localizeSupplierResult(r);
}

/** Product autocomplete for the "supplies" form (lib/stock/scan-lookup.ts searchProducts), shaped for LocationInput's datalist. */
export async function searchSupplierProductsAction(text: unknown): Promise<ActionResult<{ code: string; name: string }[]>> {
  if (typeof text !== "string") return { ok: true, data: [] };
  return runAction(async (actor) => (await searchProducts(actor, text)).map((p) => ({ code: p.sku, name: p.name })));
}
