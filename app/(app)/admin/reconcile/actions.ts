"use server";
// Reconciliation actions (admin): the domain checks reconcile.run, locks and audits the rebuild.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { assertCan } from "@/lib/auth/permissions";
import { localizeResult } from "@/lib/i18n/localize-error";
import { rebuildStock, refreshInventorySummary } from "@/lib/stock/reconcile";

export async function rebuildStockAction(): Promise<ActionResult<{ fixed: number }>> {
  const r = await runAction(async (actor) => ({ fixed: (await rebuildStock(actor)).fixed.length }));
  if (r.ok) {
    revalidatePath("/admin/reconcile");
    revalidatePath("/stock");
  }
  return localizeResult(r);
}

export async function refreshSummaryAction(): Promise<ActionResult<{ at: string }>> {
  return localizeResult(
    await runAction(async (actor) => {
      // refreshInventorySummary is also the job's entry point and checks nothing itself.
      assertCan(actor, "reconcile.run");
      await refreshInventorySummary();
      return { at: new Date().toISOString() };
    }),
  );
}
