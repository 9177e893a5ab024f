// Admin → Webhooks and /api/v1/webhooks: register, change, delete endpoints and rotate their
// signing secrets (docs/webhooks.md). The secret is returned once, by create and rotate; afterwards
// only its first characters are shown. URLs pass the SSRF guard (url-guard.ts) on every save.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError, validationError } from "../errors";
import { parse } from "../validation";
import { endpointAudit, endpointDto, endpointInclude } from "./dto";
import { webhookCreateSchema, webhookUpdateSchema, type WebhookEndpointDto } from "./schemas";
import { generateWebhookSecret } from "./signing";
import { targetProblem } from "./url-guard";

/** Endpoints a company registers are a handful: no paging, capped all the same. */
export async function listWebhookEndpoints(actor: Actor): Promise<WebhookEndpointDto[]> {
  assertCan(actor, "webhooks.manage");
  const rows = await db.webhookEndpoint.findMany({ include: endpointInclude, orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map(endpointDto);
}

export async function getWebhookEndpoint(actor: Actor, id: unknown): Promise<WebhookEndpointDto> {
  assertCan(actor, "webhooks.manage");
  const row = await db.webhookEndpoint.findUnique({ where: { id: parse(z.uuid(), id) }, include: endpointInclude });
  if (!row) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
  return endpointDto(row);
}

/** 422 on `url` with the guard's reason (not http(s), credentials, a private or loopback address…). */
async function assertTarget(url: string): Promise<void> {
  const problem = await targetProblem(url);
  if (problem) throw validationError([{ path: "url", message: problem }], problem);
}

export async function createWebhookEndpoint(actor: Actor, input: unknown): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
  assertCan(actor, "webhooks.manage");
  const data = parse(webhookCreateSchema, input);
  await assertTarget(data.url);
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { url: data.url, description: data.description ?? "", events: [...new Set(data.events)], active: data.active ?? true, secret, createdById: actor.id },
      include: endpointInclude,
    });
    await writeAudit(tx, actor, { action: "webhook.create", entity: "webhook", entityId: row.id, after: endpointAudit(row) });
    return { endpoint: endpointDto(row), secret };
  });
}

export async function updateWebhookEndpoint(actor: Actor, id: unknown, input: unknown): Promise<WebhookEndpointDto> {
  assertCan(actor, "webhooks.manage");
  const endpointId = parse(z.uuid(), id);
  const data = parse(webhookUpdateSchema, input);
  if (data.url !== undefined) await assertTarget(data.url);
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM webhook_endpoints WHERE id = ${endpointId}::uuid FOR UPDATE`;
    if (!before) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
    const current = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const enabling = data.active === true && !current.active;
    const disabling = data.active === false && current.active;
    const row = await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        ...(data.url !== undefined ? { url: data.url } : {}),
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.events !== undefined ? { events: [...new Set(data.events)] } : {}),
        // Turned back on: the failure streak starts again; turned off by hand: say so.
        ...(enabling ? { active: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : {}),
        ...(disabling ? { active: false, disabledAt: new Date(), disabledReason: "Turned off by an admin." } : {}),
      },
      include: endpointInclude,
    });
    await writeAudit(tx, actor, { action: "webhook.update", entity: "webhook", entityId: endpointId, before: endpointAudit(current), after: endpointAudit(row) });
    return endpointDto(row);
  });
}

/** Deletes the endpoint with its delivery log; deliveries still queued find nothing and stop. */
export async function deleteWebhookEndpoint(actor: Actor, id: unknown): Promise<void> {
  assertCan(actor, "webhooks.manage");
  const endpointId = parse(z.uuid(), id);
  await db.$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!current) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await writeAudit(tx, actor, { action: "webhook.delete", entity: "webhook", entityId: endpointId, before: endpointAudit(current) });
  });
}

/** A new secret, effective at once for every later attempt (including retries); returned once. */
export async function rotateWebhookSecret(actor: Actor, id: unknown): Promise<{ endpoint: WebhookEndpointDto; secret: string }> {
  assertCan(actor, "webhooks.manage");
  const endpointId = parse(z.uuid(), id);
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!current) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
    const row = await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { secret }, include: endpointInclude });
    await writeAudit(tx, actor, { action: "webhook.rotate_secret", entity: "webhook", entityId: endpointId, after: endpointAudit(row) });
    return { endpoint: endpointDto(row), secret };
  });
}
