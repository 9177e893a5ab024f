"use server";
// Company settings (lib/settings/entry-guard.ts checks settings.manage, validates and audits).
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";
import { setEntrySettings } from "@/lib/settings/entry-guard";

export async function setEntrySettingsAction(input: unknown): Promise<ActionResult<{ entryConfirmAbove: string | null }>> {
  const r = await runAction(async (actor) => ({ entryConfirmAbove: (await setEntrySettings(actor, input)).entryConfirmAbove }));
  if (r.ok) revalidatePath("/admin/settings");
  return localizeResult(r);
}
