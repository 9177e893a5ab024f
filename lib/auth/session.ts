// Session helpers for pages and server actions. The JWT says who; the database says whether they
// are still active and what role they have now.
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { AppError } from "../errors";
import { auth } from "./config";
import { can, type Action, type Actor } from "./permissions";

export type SessionUser = { id: string; email: string; name: string; role: Actor["role"] };

/** The signed-in, active user of this request, or null. Cached per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: redirects to /login when signed out, renders 403 when the role lacks `action`. */
export async function requirePage(action?: Action, callbackUrl?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  if (action && !can(user.role, action)) forbidden();
  return user;
}

/** For server actions: the acting user, or UNAUTHENTICATED. */
export async function requireActor(channel: Actor["channel"] = "web"): Promise<Actor> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return { id: user.id, role: user.role, channel };
}
