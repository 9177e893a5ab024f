"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";
import { removeJob, retryFailedJob, runJobNow } from "@/lib/queue/dashboard";

function done() {
  revalidatePath("/admin/queues");
}

export async function retryJobAction(queue: string, jobId: string) {
  const r = await runAction((actor) => retryFailedJob(actor, { queue, jobId }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function removeJobAction(queue: string, jobId: string) {
  const r = await runAction((actor) => removeJob(actor, { queue, jobId }));
  if (r.ok) done();
  return localizeResult(r);
}

export async function runJobNowAction(name: string) {
  const r = await runAction((actor) => runJobNow(actor, name));
  if (r.ok) done();
  return localizeResult(r);
}
