"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { localizeResult } from "@/lib/i18n/localize-error";

export async function acknowledgeAlertAction(alertId: string) {
  const r = await runAction((actor) => acknowledgeAlert(actor, alertId));
  if (r.ok) {
    revalidatePath("/alerts");
    revalidatePath("/");
  }
  return localizeResult(r);
}
