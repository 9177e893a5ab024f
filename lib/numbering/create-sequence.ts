import { writeAudit } from "../audit/write-audit";
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { AppError, fromDatabaseError } from "../errors";
import { parse } from "../validation";
import { insertSequence } from "./insert-sequence";
import { sequenceCreateSchema, type SequenceDto } from "./schemas";
import { loadSequence } from "./sequence-dto";

/** A new sequence; a second one with the same code and company is DUPLICATE. */
export async function createSequence(actor: Actor, input: unknown): Promise<SequenceDto> {
  assertCan(actor, "sequence.manage");
  const data = parse(sequenceCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      if (data.companyId && !(await tx.company.findUnique({ where: { id: data.companyId }, select: { id: true } }))) {
        throw new AppError("VALIDATION_FAILED", "Unknown company.", { issues: [{ path: "companyId", message: "Unknown company." }] });
      }
      const { id } = await insertSequence(tx, data);
      const dto = (await loadSequence(tx, id))!;
      await writeAudit(tx, actor, { action: "sequence.create", entity: "sequence", entityId: id, after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}
