// POST /api/v1/sequences/{code}/next: an admin draws a number by hand (e.g. for a paper document).
// Other documents call nextNumber inside their own transaction instead.
import { writeAudit } from "../audit/write-audit";
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { parse } from "../validation";
import { takeNumber } from "./next-number";
import { companyIdByCode } from "./resolve-company";
import { numberRequestSchema } from "./schemas";

export async function issueNumber(actor: Actor, code: string, input: unknown): Promise<{ value: string }> {
  assertCan(actor, "sequence.manage");
  const req = parse(numberRequestSchema, input ?? {});
  return db.$transaction(async (tx) => {
    const companyId = await companyIdByCode(tx, req.company);
    const issued = await takeNumber(code, { date: req.date, companyId, tx });
    // The audit row commits with the number: who took which number by hand, and for which date.
    await writeAudit(tx, actor, {
      action: "sequence.next",
      entity: "sequence",
      entityId: issued.sequenceId,
      after: { code, value: issued.value, number: issued.number, rangeId: issued.rangeId, date: req.date ?? null, company: req.company ?? null },
    });
    return { value: issued.value };
  });
}
