import type { WebhookDeliveryDto, WebhookEndpointDto } from "./schemas";
import { maskSecret } from "./signing";

export const endpointInclude = { createdBy: { select: { id: true, name: true } } } as const;

type EndpointRow = {
  id: string;
  url: string;
  description: string;
  events: string[];
  secret: string;
  active: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

export function endpointDto(r: EndpointRow): WebhookEndpointDto {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    active: r.active,
    disabledAt: r.disabledAt?.toISOString() ?? null,
    disabledReason: r.disabledReason,
    consecutiveFailures: r.consecutiveFailures,
    secretPrefix: maskSecret(r.secret),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The audit log's view of an endpoint: never the secret. */
export function endpointAudit(r: Pick<EndpointRow, "id" | "url" | "description" | "events" | "active" | "disabledReason">) {
  return { id: r.id, url: r.url, description: r.description, events: r.events, active: r.active, disabledReason: r.disabledReason };
}

type DeliveryRow = {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export function deliveryDto(r: DeliveryRow): WebhookDeliveryDto {
  return {
    id: r.id,
    endpointId: r.endpointId,
    eventId: r.eventId,
    eventType: r.eventType,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastDurationMs: r.lastDurationMs,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    payload: r.payload,
  };
}
