"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { createVariantGroup, deleteVariantGroup, updateVariantGroup } from "@/lib/catalog/save-variant-group";
import { localizeResult } from "@/lib/i18n/localize-error";

type Saved = ActionResult<{ id: string }>;
const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;
const badRequest: Saved = { ok: false, error: { code: "BAD_REQUEST", message: "The request is not valid." } };

export async function createVariantGroupAction(input: unknown): Promise<Saved> {
  const r = await runAction(async (actor) => ({ id: (await createVariantGroup(actor, input)).id }));
  if (r.ok) revalidatePath("/variant-groups");
  return localizeResult(r);
}

export async function updateVariantGroupAction(id: string, input: unknown): Promise<Saved> {
  if (!isId(id)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => ({ id: (await updateVariantGroup(actor, id, input)).id }));
  if (r.ok) revalidatePath("/variant-groups");
  return localizeResult(r);
}

export async function deleteVariantGroupAction(id: string): Promise<Saved> {
  if (!isId(id)) return localizeResult(badRequest);
  const r = await runAction(async (actor) => {
    await deleteVariantGroup(actor, id);
    return { id };
  });
  if (r.ok) revalidatePath("/variant-groups");
  return localizeResult(r);
}
