"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { createCategory, deleteCategory, updateCategory } from "@/lib/catalog/categories";
import { localizeResult } from "@/lib/i18n/localize-error";

type Done = ActionResult<{ id: string }>;
const badRequest: Done = { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };
const isId = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v);

function done() {
  revalidatePath("/categories");
  revalidatePath("/products");
}

export async function createCategoryAction(input: unknown): Promise<Done> {
  const r = await runAction(async (actor) => ({ id: (await createCategory(actor, input)).id }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function updateCategoryAction(id: string, input: unknown): Promise<Done> {
  if (!isId(id)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ id: (await updateCategory(actor, id, input)).id }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function deleteCategoryAction(id: string): Promise<Done> {
  if (!isId(id)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => {
    await deleteCategory(actor, id);
    return { id };
  });
  if (r.ok) done();
  return localizeResult(r);
}
