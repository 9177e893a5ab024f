// Webhook endpoint forms and API bodies (shared with the admin form in the browser: no server imports).
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./events";

const url = z.string().trim().min(1, "URL is required.").max(2000, "The URL is at most 2000 characters.");
const description = z.string().trim().max(500, "Description is at most 500 characters.");
const events = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "Choose at least one event.").max(WEBHOOK_EVENT_TYPES.length);

export const webhookCreateSchema = z.object({
  url,
  description: description.optional(),
  events,
  active: z.boolean().optional(),
});
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.object({
  url: url.optional(),
  description: description.optional(),
  events: events.optional(),
  /** true re-enables a disabled endpoint (its failure count starts again from 0). */
  active: z.boolean().optional(),
});
export type WebhookUpdateInput = z.input<typeof webhookUpdateSchema>;

export const webhookDeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  status: z.enum(["pending", "succeeded", "failed"]).optional(),
});

export const webhookEndpointDtoSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  active: z.boolean().meta({ description: "false: turned off by an admin, or disabled after WEBHOOK_DISABLE_AFTER failed attempts in a row (see disabledReason)." }),
  disabledAt: z.iso.datetime().nullable(),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  secretPrefix: z.string().meta({ description: "The first characters of the signing secret, to tell secrets apart; the secret itself is answered only by create and rotate-secret." }),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookEndpointDto = z.infer<typeof webhookEndpointDtoSchema>;

/** The answer of create and rotate-secret: the only time the secret is shown. */
export const webhookEndpointWithSecretSchema = z.object({
  endpoint: webhookEndpointDtoSchema,
  secret: z.string().meta({ description: "`whsec_` + base64 of 32 random bytes: the key of the HMAC-SHA256 signatures (docs/webhooks.md). Shown once." }),
});

export const webhookDeliveryDtoSchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string().meta({ description: "The `webhook-id` header: the same on every attempt and redelivery; de-duplicate by it." }),
  eventType: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastDurationMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  payload: z.unknown().meta({ description: "The body sent: `{ type, timestamp, data }`." }),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDtoSchema>;
