// Editing a sequence. The live counters follow the record in the same transaction:
// - standard: a new `numberNext` restarts the PostgreSQL SEQUENCE, a new increment alters it and
//   every range's SEQUENCE;
// - standard → no_gap: each SEQUENCE's next value is carried into its row, then the SEQUENCEs go
//   (Odoo drops them and keeps the stale number_next, so numbering jumps back);
// - no_gap → standard: SEQUENCEs are created from each row's counter (Odoo starts every range's
//   SEQUENCE at the sequence's counter).
// A document drawing from a standard sequence at the very moment it is switched to no_gap fails
// (its SEQUENCE is gone); switching is a rare admin act, and the document can simply be retried.
import { writeAudit } from "../audit/write-audit";
import { assertCan, type Actor } from "../auth/permissions";
import { db, type Prisma, type Tx } from "../db";
import { AppError, fromDatabaseError } from "../errors";
import { parse } from "../validation";
import { createPgSequence, dropPgSequence, freezePgSequence, peekPgSequence, pgSequenceName, restartPgSequence, setPgSequenceIncrement } from "./pg-sequence";
import { isUuid, sequenceUpdateSchema, type SequenceDto, type SequenceUpdate } from "./schemas";
import { loadSequence } from "./sequence-dto";

export async function updateSequence(actor: Actor, id: string, input: unknown): Promise<SequenceDto> {
  assertCan(actor, "sequence.manage");
  const data = parse(sequenceUpdateSchema, input);
  if (!isUuid(id)) throw new AppError("NOT_FOUND", "Sequence not found.");
  try {
    return await db.$transaction(async (tx) => {
      // FOR UPDATE serialises admin edits, waits for documents holding a no_gap counter, and keeps
      // new date ranges (their foreign-key check) out until we commit; the ranges' own rows are
      // locked too so their counters cannot move under us.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM sequences WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new AppError("NOT_FOUND", "Sequence not found.");
      await tx.$queryRaw`SELECT id FROM sequence_date_ranges WHERE sequence_id = ${id}::uuid FOR UPDATE`;
      const before = (await loadSequence(tx, id))!;
      const numberNext = await applyCounters(tx, before, data);
      await tx.sequence.update({ where: { id }, data: fields(data, numberNext) });
      const after = (await loadSequence(tx, id))!;
      await writeAudit(tx, actor, { action: "sequence.update", entity: "sequence", entityId: id, before, after });
      return after;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

/** Brings the live counters in line with the edit; returns the value to store in number_next. */
async function applyCounters(tx: Tx, before: SequenceDto, data: SequenceUpdate): Promise<number | undefined> {
  const from = before.implementation;
  const to = data.implementation ?? from;
  const increment = data.increment ?? before.increment;
  const main = pgSequenceName(before.id);
  const ranges = before.ranges.map((r) => ({ ...r, pgName: pgSequenceName(before.id, r.dateFrom) }));

  if (from === "standard" && to === "standard") {
    if (data.numberNext !== undefined) await restartPgSequence(tx, main, data.numberNext);
    if (increment !== before.increment) {
      for (const name of [main, ...ranges.map((r) => r.pgName)]) await setPgSequenceIncrement(tx, name, increment);
    }
    return data.numberNext;
  }
  if (from === "standard" && to === "no_gap") {
    for (const r of ranges) {
      await freezePgSequence(tx, r.pgName);
      const next = (await peekPgSequence(tx, r.pgName)) ?? r.numberNext;
      await tx.sequenceDateRange.update({ where: { id: r.id }, data: { numberNext: next } });
      await dropPgSequence(tx, r.pgName);
    }
    await freezePgSequence(tx, main);
    const next = data.numberNext ?? (await peekPgSequence(tx, main)) ?? before.numberNext;
    await dropPgSequence(tx, main);
    return next;
  }
  if (from === "no_gap" && to === "standard") {
    const start = data.numberNext ?? before.numberNext;
    // DROP IF EXISTS first: a range created by a document racing an earlier switch may have left
    // a SEQUENCE behind; the row's counter is the truth here.
    for (const r of ranges) {
      await dropPgSequence(tx, r.pgName);
      await createPgSequence(tx, r.pgName, r.numberNext, increment);
    }
    await dropPgSequence(tx, main);
    await createPgSequence(tx, main, start, increment);
    return start;
  }
  return data.numberNext;
}

function fields(data: SequenceUpdate, numberNext: number | undefined): Prisma.SequenceUpdateInput {
  return {
    name: data.name,
    prefix: data.prefix,
    suffix: data.suffix,
    padding: data.padding,
    increment: data.increment,
    numberNext,
    implementation: data.implementation,
    useDateRange: data.useDateRange,
    rangePeriod: data.rangePeriod,
    active: data.active,
  };
}
