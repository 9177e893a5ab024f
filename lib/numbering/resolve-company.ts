import type { DbClient } from "../db";
import { AppError } from "../errors";

/** A company code from a request to its id; undefined when none was given. */
export async function companyIdByCode(client: DbClient, code: string | undefined): Promise<string | undefined> {
  if (code === undefined) return undefined;
  const company = await client.company.findUnique({ where: { code }, select: { id: true } });
  if (!company) throw new AppError("VALIDATION_FAILED", `Unknown company "${code}".`, { issues: [{ path: "company", message: "Unknown company." }] });
  return company.id;
}
