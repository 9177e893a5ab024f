// Admin → Users → New: a user with an initial password (bcrypt), audited without the hash.
import { hashPassword } from "../auth/password";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { fromDatabaseError } from "../errors";
import { parse } from "../validation";
import type { UserDto } from "./list-users";
import { queueInvitation } from "./invitation";
import { userCreateSchema } from "./schemas";
import { userDto, userSelect } from "./user-dto";

export async function createUser(actor: Actor, input: unknown): Promise<UserDto> {
  assertCan(actor, "user.manage");
  const data = parse(userCreateSchema, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, locale: data.locale ?? "en", passwordHash },
        select: userSelect,
      });
      const dto = userDto(user);
      await writeAudit(tx, actor, { action: "user.create", entity: "user", entityId: user.id, after: dto });
      if (data.sendInvitation) await queueInvitation(tx, dto);
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}
