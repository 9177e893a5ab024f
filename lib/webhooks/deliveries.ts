// The delivery log of an endpoint, manual redelivery and the test ping (docs/webhooks.md). Both
// write an outbox row in their transaction; the dispatcher queues the attempt after commit, so a
// request never waits on Redis and a rolled-back one sends nothing.
import crypto from "node:crypto";
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { writeOutbox } from "../queue/outbox";
import { parse } from "../validation";
import { deliveryDto } from "./dto";
import { PING_EVENT } from "./events";
import { webhookDeliveriesQuerySchema, type WebhookDeliveryDto } from "./schemas";

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** Newest first, keyset-paged on (created_at, id). */
export async function listWebhookDeliveries(actor: Actor, endpointId: unknown, query: unknown = {}): Promise<Page<WebhookDeliveryDto>> {
  assertCan(actor, "webhooks.manage");
  const id = parse(z.uuid(), endpointId);
  const q = parse(webhookDeliveriesQuerySchema, query);
  if (!(await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
  const after = decodeCursor(q.cursor, cursorSchema);
  const where: Prisma.WebhookDeliveryWhereInput = {
    endpointId: id,
    ...(q.status ? { status: q.status } : {}),
    ...(after ? { OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }] } : {}),
  };
  const rows = await db.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], deliveryDto);
}

/** One more attempt of a delivery, with the same event id and body (signed anew). */
export async function redeliverWebhook(actor: Actor, endpointId: unknown, deliveryId: unknown): Promise<WebhookDeliveryDto> {
  assertCan(actor, "webhooks.manage");
  const eid = parse(z.uuid(), endpointId);
  const did = parse(z.uuid(), deliveryId);
  return db.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findFirst({ where: { id: did, endpointId: eid } });
    if (!d) throw new AppError("NOT_FOUND", "Webhook delivery not found.");
    await writeOutbox(tx, "webhook.attempt", { deliveryId: d.id, manual: true });
    await writeAudit(tx, actor, { action: "webhook.redeliver", entity: "webhook", entityId: eid, after: { deliveryId: d.id, eventId: d.eventId, eventType: d.eventType } });
    return deliveryDto(d);
  });
}

/** A `webhook.ping` event to an active endpoint, delivered (and retried) like any other. */
export async function pingWebhook(actor: Actor, endpointId: unknown): Promise<WebhookDeliveryDto> {
  assertCan(actor, "webhooks.manage");
  const eid = parse(z.uuid(), endpointId);
  return db.$transaction(async (tx) => {
    const ep = await tx.webhookEndpoint.findUnique({ where: { id: eid } });
    if (!ep) throw new AppError("NOT_FOUND", "Webhook endpoint not found.");
    if (!ep.active) throw new AppError("INVALID_TRANSITION", "Turn the endpoint on before sending a test event.");
    const eventId = `evt_ping_${crypto.randomUUID()}`;
    const d = await tx.webhookDelivery.create({
      data: { endpointId: eid, eventId, eventType: PING_EVENT, payload: { type: PING_EVENT, timestamp: new Date().toISOString(), data: { endpointId: eid, message: "Test event from WMS." } } },
    });
    await writeOutbox(tx, "webhook.attempt", { deliveryId: d.id, manual: false });
    await writeAudit(tx, actor, { action: "webhook.ping", entity: "webhook", entityId: eid, after: { deliveryId: d.id, eventId } });
    return deliveryDto(d);
  });
}
