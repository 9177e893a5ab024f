// Setting the next number of one date range (e.g. continuing a year started in another system).
import { writeAudit } from "../audit/write-audit";
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { peekPgSequence, pgSequenceName, restartPgSequence } from "./pg-sequence";
import { dateRangeUpdateSchema, isUuid, type SequenceDto } from "./schemas";
import { loadSequence } from "./sequence-dto";

export async function updateDateRange(actor: Actor, rangeId: string, input: unknown): Promise<SequenceDto> {
  assertCan(actor, "sequence.manage");
  const { numberNext } = parse(dateRangeUpdateSchema, input);
  if (!isUuid(rangeId)) throw new AppError("NOT_FOUND", "Date range not found.");
  return db.$transaction(async (tx) => {
    // The row lock waits for a document holding this no_gap counter, so its number is not reissued.
    const rows = await tx.$queryRaw<{ sequence_id: string; date_from: string; number_next: number; implementation: string }[]>`
      SELECT r.sequence_id::text AS sequence_id, to_char(r.date_from, 'YYYY-MM-DD') AS date_from, r.number_next, s.implementation::text AS implementation
      FROM sequence_date_ranges r JOIN sequences s ON s.id = r.sequence_id
      WHERE r.id = ${rangeId}::uuid
      FOR UPDATE OF r`;
    const range = rows[0];
    if (!range) throw new AppError("NOT_FOUND", "Date range not found.");
    let before = range.number_next;
    if (range.implementation === "standard") {
      const name = pgSequenceName(range.sequence_id, range.date_from);
      before = (await peekPgSequence(tx, name)) ?? before;
      await restartPgSequence(tx, name, numberNext);
    }
    await tx.sequenceDateRange.update({ where: { id: rangeId }, data: { numberNext } });
    await writeAudit(tx, actor, {
      action: "sequence.range.update",
      entity: "sequence",
      entityId: range.sequence_id,
      before: { rangeId, dateFrom: range.date_from, numberNext: before },
      after: { rangeId, dateFrom: range.date_from, numberNext },
    });
    return (await loadSequence(tx, range.sequence_id))!;
  });
}
