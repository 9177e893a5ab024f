// Admin → API tokens → New. The secret is returned once, here; only its sha256 is stored.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { validationError } from "../errors";
import { parse } from "../validation";
import { apiTokenAudit, apiTokenDto, apiTokenInclude } from "./api-token-dto";
import { apiTokenCreateSchema, type ApiTokenDto } from "./schemas";
import { generateSecret } from "./secret";

const DAY_MS = 86_400_000;

export async function createApiToken(actor: Actor, input: unknown): Promise<{ token: ApiTokenDto; secret: string }> {
  assertCan(actor, "apiToken.manage");
  const data = parse(apiTokenCreateSchema, input);
  const expiresAt = data.expiresOn ? new Date(new Date(`${data.expiresOn}T00:00:00.000Z`).getTime() + DAY_MS) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw validationError([{ path: "expiresOn", message: "Choose a date from today on." }]);
  }
  const { secret, hash, prefix } = generateSecret();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId }, select: { active: true } });
    if (!user || !user.active) throw validationError([{ path: "userId", message: "Choose an active user." }]);
    const row = await tx.apiToken.create({
      data: { name: data.name, userId: data.userId, scope: data.scope, tokenHash: hash, prefix, createdById: actor.id, expiresAt },
      include: apiTokenInclude,
    });
    await writeAudit(tx, actor, { action: "apiToken.create", entity: "apiToken", entityId: row.id, after: apiTokenAudit(row) });
    return { token: apiTokenDto(row), secret };
  });
}
