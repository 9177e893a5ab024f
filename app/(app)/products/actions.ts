"use server";
// Product server actions: a few lines each — the domain operation does permission, validation,
// transaction and audit; here we only localise errors and refresh the affected pages.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { createProduct } from "@/lib/catalog/create-product";
import { deleteProduct, restoreProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { localizeResult } from "@/lib/i18n/localize-error";

type Saved = ActionResult<{ sku: string }>;

// Arguments of a server action come from the client as-is: a SKU must at least be a string.
const badRequest: Saved = { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };
const isKey = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 200;

function done(sku: string) {
  revalidatePath("/products");
  revalidatePath(`/products/${encodeURIComponent(sku)}`);
}

export async function createProductAction(input: unknown): Promise<Saved> {
  const r = await runAction(async (actor) => ({ sku: (await createProduct(actor, input)).sku }));
  if (r.ok) done(r.data.sku);
  return localizeResult(r);
}

export async function updateProductAction(sku: string, input: unknown): Promise<Saved> {
  if (!isKey(sku)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ sku: (await updateProduct(actor, sku, input)).sku }));
  if (r.ok) done(r.data.sku);
  return localizeResult(r);
}

export async function deleteProductAction(sku: string): Promise<Saved> {
  if (!isKey(sku)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ sku: (await deleteProduct(actor, sku)).sku }));
  if (r.ok) done(r.data.sku);
  return localizeResult(r);
}

export async function restoreProductAction(sku: string): Promise<Saved> {
  if (!isKey(sku)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ sku: (await restoreProduct(actor, sku)).sku }));
  if (r.ok) done(r.data.sku);
  return localizeResult(r);
}
