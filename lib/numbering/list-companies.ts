import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";

export type CompanyOption = { id: string; code: string; name: string; timeZone: string };

/** Companies a sequence can belong to, for the admin form. */
export async function listCompanies(actor: Actor): Promise<CompanyOption[]> {
  assertCan(actor, "sequence.read");
  return db.company.findMany({ select: { id: true, code: true, name: true, timeZone: true }, orderBy: { code: "asc" } });
}
