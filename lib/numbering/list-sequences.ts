import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import type { SequenceDto } from "./schemas";
import { loadSequences } from "./sequence-dto";

/** Every sequence, active or not, by code then company (a short list: one per document type). */
export async function listSequences(actor: Actor): Promise<SequenceDto[]> {
  assertCan(actor, "sequence.read");
  return loadSequences(db);
}
