// Revoking is immediate: actorFromBearer reads the token row on every request.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { apiTokenAudit, apiTokenDto, apiTokenInclude } from "./api-token-dto";
import type { ApiTokenDto } from "./schemas";

export async function revokeApiToken(actor: Actor, input: unknown): Promise<ApiTokenDto> {
  assertCan(actor, "apiToken.manage");
  const id = parse(z.uuid(), input);
  return db.$transaction(async (tx) => {
    const current = await tx.apiToken.findUnique({ where: { id } });
    if (!current) throw new AppError("NOT_FOUND", "API token not found.");
    if (current.revokedAt) throw new AppError("INVALID_TRANSITION", "This token is already revoked.");
    const row = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, include: apiTokenInclude });
    await writeAudit(tx, actor, { action: "apiToken.revoke", entity: "apiToken", entityId: id, before: apiTokenAudit(current), after: apiTokenAudit(row) });
    return apiTokenDto(row);
  });
}
