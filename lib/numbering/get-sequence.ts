import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { isUuid, type SequenceDto } from "./schemas";
import { loadSequence } from "./sequence-dto";

export async function getSequence(actor: Actor, id: string): Promise<SequenceDto> {
  assertCan(actor, "sequence.read");
  const seq = isUuid(id) ? await loadSequence(db, id) : null;
  if (!seq) throw new AppError("NOT_FOUND", "Sequence not found.");
  return seq;
}
