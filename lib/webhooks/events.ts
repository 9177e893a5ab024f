// The events a webhook endpoint can subscribe to (docs/webhooks.md). Each is an outbox row written in
// the transaction of the change (lib/queue/config.ts OUTBOX_EVENTS); the webhook's `data` is the row's
// payload as parsed by the schema below (unknown keys dropped), and its id is `evt_<outbox row id>`,
// the same on every attempt and redelivery. `movement.posted` is written by stock_post and its schema
// lives with the other outbox events; the ones below exist only to be delivered.
// No server imports: the admin form lists the event types too.
import { z } from "zod";

const uuid = z.uuid();
const alertEvent = z.object({
  alertId: uuid,
  productId: uuid,
  sku: z.string(),
  level: z.enum(["warning", "critical", "out"]).nullable(),
  onHand: z.number().int(),
  threshold: z.number().int(),
});
const statusChange = z.object({ action: z.string(), from: z.string().nullable(), to: z.string() });

/** Outbox event types that only webhooks consume, with their payload (= the webhook's `data`). */
export const WEBHOOK_ONLY_EVENTS = {
  /** A low-stock alert opened (lib/alerts/check-products.ts). */
  "alert.opened": alertEvent,
  /** An open alert got worse (warning → critical → out). */
  "alert.escalated": alertEvent,
  /** Stock is back above the minimum (or the product was deleted). */
  "alert.resolved": alertEvent,
  /** A purchase order moved through its states: submit, approve, reject, reopen, cancel, close, receive. */
  "purchase_order.status_changed": statusChange.extend({ orderId: uuid, number: z.string(), movementId: uuid.optional() }),
  /** A customer order moved through its states: confirm, cancel, close, pack… */
  "sales_order.status_changed": statusChange.extend({ orderId: uuid, number: z.string() }),
  /** A shipment left: its order, the `out` movement and any backorder. */
  "shipment.shipped": z.object({ shipmentId: uuid, number: z.string(), orderId: uuid, orderNumber: z.string(), movementId: uuid, backorder: z.string().nullable() }),
  /** Goods came back from a shipment (a customer return, with its `in` movement). */
  "shipment.returned": z.object({ returnId: uuid, number: z.string(), shipmentId: uuid, shipmentNumber: z.string(), movementId: uuid }),
  /** A serial item changed state (in stock, out of stock, in transit…). */
  "serial_item.status_changed": z.object({ itemId: uuid, identifier: z.string(), action: z.string(), from: z.string().nullable(), to: z.string() }),
};

/** Every event type an endpoint may subscribe to, in the order the admin form lists them. */
export const WEBHOOK_EVENT_TYPES = [
  "movement.posted",
  "alert.opened",
  "alert.escalated",
  "alert.resolved",
  "purchase_order.status_changed",
  "sales_order.status_changed",
  "shipment.shipped",
  "shipment.returned",
  "serial_item.status_changed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The test event sent by "Send test event"; not subscribable, always delivered. */
export const PING_EVENT = "webhook.ping";

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/** An event type's message key (messages/<locale>/webhooks.json `eventTypes`): dots are namespace separators there. */
export function webhookEventKey(type: string): string {
  return type.replaceAll(".", "_");
}

/** The webhook-id of an outbox row's event: stable across attempts and redeliveries. */
export function webhookEventId(outboxId: string | bigint): string {
  return `evt_${outboxId}`;
}
