"use server";
// Admin → Webhooks: every action calls the one domain function (lib/webhooks/) through runAction.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";
import { pingWebhook, redeliverWebhook } from "@/lib/webhooks/deliveries";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";

/** With rotate, the only time the secret leaves the server. */
export async function createWebhookAction(input: unknown): Promise<ActionResult<{ id: string; url: string; secret: string }>> {
  const r = await runAction(async (actor) => {
    const { endpoint, secret } = await createWebhookEndpoint(actor, input);
    return { id: endpoint.id, url: endpoint.url, secret };
  });
  if (r.ok) revalidatePath("/admin/webhooks");
  return localizeResult(r);
}

export async function updateWebhookAction(id: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await updateWebhookEndpoint(actor, id, input)).id }));
  if (r.ok) revalidatePath(`/admin/webhooks/${id}`);
  return localizeResult(r);
}

export async function rotateWebhookSecretAction(id: string): Promise<ActionResult<{ id: string; url: string; secret: string }>> {
  const r = await runAction(async (actor) => {
    const { endpoint, secret } = await rotateWebhookSecret(actor, id);
    return { id: endpoint.id, url: endpoint.url, secret };
  });
  if (r.ok) revalidatePath(`/admin/webhooks/${id}`);
  return localizeResult(r);
}

export async function deleteWebhookAction(id: string): Promise<ActionResult<{ href: string }>> {
  const r = await runAction(async (actor) => {
    await deleteWebhookEndpoint(actor, id);
    return { href: "/admin/webhooks" };
  });
  if (r.ok) revalidatePath("/admin/webhooks");
  return localizeResult(r);
}

export async function pingWebhookAction(id: string): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await pingWebhook(actor, id)).id }));
  if (r.ok) revalidatePath(`/admin/webhooks/${id}`);
  return localizeResult(r);
}

export async function redeliverWebhookAction(id: string, deliveryId: string): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(async (actor) => ({ id: (await redeliverWebhook(actor, id, deliveryId)).id }));
  if (r.ok) revalidatePath(`/admin/webhooks/${id}`);
  return localizeResult(r);
}
