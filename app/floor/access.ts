// Who may use the handheld screens: roles that post movements or count (clerk and up). Each page
// calls requireFloor with its own path (for the sign-in redirect) and the action it needs.
import { forbidden } from "next/navigation";
import { can, type Action } from "@/lib/auth/permissions";
import { requirePage, type SessionUser } from "@/lib/auth/session";

export function canUseFloor(role: string): boolean {
  return can(role, "movement.post") || can(role, "count.perform");
}

export async function requireFloor(path: string, action?: Action): Promise<SessionUser> {
  const user = await requirePage(action, path);
  if (!canUseFloor(user.role)) forbidden();
  return user;
}
