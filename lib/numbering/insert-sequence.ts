import type { Tx } from "../db";
import { createPgSequence, pgSequenceName } from "./pg-sequence";
import type { SequenceCreate } from "./schemas";

/**
 * The record and, for standard, its PostgreSQL SEQUENCE, in the caller's transaction. Shared by
 * createSequence (admin, audited) and the seed; it checks nothing, its callers have.
 */
export async function insertSequence(tx: Tx, data: SequenceCreate): Promise<{ id: string }> {
  const seq = await tx.sequence.create({ data, select: { id: true } });
  if (data.implementation === "standard") await createPgSequence(tx, pgSequenceName(seq.id), data.numberNext, data.increment);
  return seq;
}
