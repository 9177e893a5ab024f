import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { apiTokenDto, apiTokenInclude } from "./api-token-dto";
import type { ApiTokenDto } from "./schemas";

/** Every token, newest first; a company has a handful, so no pagination. Capped all the same. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenDto[]> {
  assertCan(actor, "apiToken.manage");
  const rows = await db.apiToken.findMany({ include: apiTokenInclude, orderBy: { createdAt: "desc" }, take: 500 });
  const now = new Date();
  return rows.map((r) => apiTokenDto(r, now));
}
