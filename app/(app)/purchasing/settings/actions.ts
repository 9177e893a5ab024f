"use server";
// Purchasing settings (lib/purchasing/settings.ts checks purchase.settings, validates and audits).
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { setPurchasingSettings } from "@/lib/purchasing/settings";
import { localizeSupplierResult } from "../suppliers/localize";

export async function setPurchasingSettingsAction(input: unknown): Promise<ActionResult<{ approvalThreshold: string | null }>> {
  const r = await runAction(async (actor) => ({ approvalThreshold: (await setPurchasingSettings(actor, input)).approvalThreshold }));
  if (r.ok) revalidatePath("/purchasing/settings");
  return localizeSupplierResult(r);
}
