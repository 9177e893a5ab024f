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

export type WebhookEndpointDto = {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  /** The first characters of the signing secret, to tell secrets apart. */
  secretPrefix: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
};

export type WebhookDeliveryDto = {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: unknown;
};
