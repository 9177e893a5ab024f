"use server";
// User management server actions: the domain operations check permission, validate, audit; here
// the guard-rail refusals are put into the admin's language and the pages refreshed.
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";
import { createUser } from "@/lib/users/create-user";
import { setUserActive } from "@/lib/users/set-user-active";
import { updateUser } from "@/lib/users/update-user";

const GUARD_MESSAGES: Record<string, string> = {
  "You cannot deactivate or demote yourself.": "self",
  "The last active admin cannot be deactivated or demoted.": "lastAdmin",
};

async function localize<T>(r: ActionResult<T>): Promise<ActionResult<T>> {
  if (!r.ok && GUARD_MESSAGES[r.error.message]) {
    const t = await getTranslations("admin.users.errors");
    return { ok: false, error: { ...r.error, message: t(GUARD_MESSAGES[r.error.message]) } };
  }
  return localizeResult(r);
}

function done(id?: string) {
  revalidatePath("/admin/users");
  if (id) revalidatePath(`/admin/users/${id}`);
}

export async function createUserAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await createUser(actor, input)).id }));
  if (r.ok) done();
  return localize(r);
}

export async function updateUserAction(id: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await updateUser(actor, String(id), input)).id }));
  if (r.ok) done(id);
  return localize(r);
}

export async function setUserActiveAction(id: string, active: boolean): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await setUserActive(actor, String(id), active)).id }));
  if (r.ok) done(id);
  return localize(r);
}
