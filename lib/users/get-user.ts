import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import type { UserDto } from "./list-users";
import { findUser } from "./update-user";
import { userDto } from "./user-dto";

export async function getUser(actor: Actor, id: string): Promise<UserDto> {
  assertCan(actor, "user.read");
  return userDto(await findUser(db, id));
}
