"use server";
// Server actions of the sequences admin page: each parses nothing itself and checks nothing itself;
// the domain operation does both (permission, zod, transaction, audit).
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action";
import { createSequence } from "@/lib/numbering/create-sequence";
import { previewDraft } from "@/lib/numbering/preview-draft";
import { updateDateRange } from "@/lib/numbering/update-date-range";
import { updateSequence } from "@/lib/numbering/update-sequence";

const PATH = "/admin/sequences";

export async function createSequenceAction(input: unknown) {
  const result = await runAction((actor) => createSequence(actor, input));
  if (result.ok) revalidatePath(PATH);
  return result;
}

export async function updateSequenceAction(id: string, input: unknown) {
  const result = await runAction((actor) => updateSequence(actor, id, input));
  if (result.ok) revalidatePath(PATH, "layout");
  return result;
}

export async function updateDateRangeAction(rangeId: string, input: unknown) {
  const result = await runAction((actor) => updateDateRange(actor, rangeId, input));
  if (result.ok) revalidatePath(PATH, "layout");
  return result;
}

/** The live preview while the admin types; reads only. */
export async function previewDraftAction(input: unknown) {
  return runAction((actor) => previewDraft(actor, input));
}
