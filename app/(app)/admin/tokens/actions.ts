"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { localizeResult } from "@/lib/i18n/localize-error";

/** The only time the secret leaves the server: it is shown once and never stored in clear. */
export async function createApiTokenAction(input: unknown): Promise<ActionResult<{ id: string; name: string; secret: string }>> {
  const r = await runAction(async (actor) => {
    const { token, secret } = await createApiToken(actor, input);
    return { id: token.id, name: token.name, secret };
  });
  if (r.ok) revalidatePath("/admin/tokens");
  return localizeResult(r);
}

export async function revokeApiTokenAction(id: string): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await revokeApiToken(actor, id)).id }));
  if (r.ok) revalidatePath("/admin/tokens");
  return localizeResult(r);
}
