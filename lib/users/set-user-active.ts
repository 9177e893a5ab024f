// Deactivate / reactivate a user. A deactivated user's session, JWTs and API tokens stop working
// on their next request: currentUser and actorFromBearer read `active` every time.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { parse } from "../validation";
import { assertKeepsAnAdmin, lockUserRoles } from "./admin-guard";
import type { UserDto } from "./list-users";
import { findUser } from "./update-user";
import { userDto, userSelect } from "./user-dto";

export async function setUserActive(actor: Actor, id: string, input: unknown): Promise<UserDto> {
  assertCan(actor, "user.manage");
  const active = parse(z.boolean(), input);
  return db.$transaction(async (tx) => {
    await lockUserRoles(tx);
    const current = await findUser(tx, id);
    if (current.active === active) return userDto(current);
    await assertKeepsAnAdmin(tx, actor, current, { role: current.role, active });
    const user = await tx.user.update({ where: { id }, data: { active }, select: userSelect });
    const after = userDto(user);
    await writeAudit(tx, actor, { action: active ? "user.reactivate" : "user.deactivate", entity: "user", entityId: id, before: userDto(current), after });
    return after;
  });
}
