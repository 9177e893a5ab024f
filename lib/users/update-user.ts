// Edit a user's name and role; the guard rails keep an active admin and stop self-demotion.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { assertKeepsAnAdmin, lockUserRoles } from "./admin-guard";
import type { UserDto } from "./list-users";
import { userUpdateSchema } from "./schemas";
import { userDto, userSelect } from "./user-dto";

export async function updateUser(actor: Actor, id: string, input: unknown): Promise<UserDto> {
  assertCan(actor, "user.manage");
  const data = parse(userUpdateSchema, input);
  return db.$transaction(async (tx) => {
    await lockUserRoles(tx);
    const current = await findUser(tx, id);
    await assertKeepsAnAdmin(tx, actor, current, { role: data.role ?? current.role, active: current.active });
    const user = await tx.user.update({ where: { id }, data: { name: data.name, role: data.role, locale: data.locale }, select: userSelect });
    const before = userDto(current);
    const after = userDto(user);
    if (before.name !== after.name || before.role !== after.role) {
      await writeAudit(tx, actor, { action: "user.update", entity: "user", entityId: id, before, after });
    }
    return after;
  });
}

export async function findUser(tx: DbClient, id: string) {
  const user = UUID.test(id) ? await tx.user.findUnique({ where: { id }, select: userSelect }) : null;
  if (!user) throw new AppError("NOT_FOUND", "User not found.");
  return user;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
