// The fan-out of a batch of outbox events to the endpoints that subscribe to them (job
// webhooks.fanout, planned by jobsForEvents in lib/queue/config.ts only when an active endpoint
// subscribes to one of the batch's event types). One delivery row per (endpoint, event) —
// UNIQUE(endpoint_id, event_id) + ON CONFLICT DO NOTHING, so a fan-out that runs again adds nothing —
// then one webhooks.deliver job per delivery not yet attempted (deterministic jobIds: a re-run adds
// no job either).
import { pgPool } from "../db";
import { jobIds, OUTBOX_EVENTS, planJob, type OutboxEventType, type PlannedJob } from "../queue/config";
import { isWebhookEventType, webhookEventId } from "./events";

/** The body every attempt of a delivery sends: the Standard Webhooks envelope. */
export type WebhookBody = { type: string; timestamp: string; data: unknown };

export function firstAttemptJob(deliveryId: string): PlannedJob {
  return planJob("webhooks.deliver", { deliveryId, attempt: 1, manual: false }, { jobId: jobIds.id("webhooks.deliver", deliveryId, "a1") });
}

export async function fanoutWebhookEvents(outboxIds: string[], addJobs: (jobs: PlannedJob[]) => Promise<void>): Promise<{ events: number; created: number; queued: number }> {
  const { rows } = await pgPool.query<{ id: string; event_type: string; payload: unknown; created_at: Date }>(
    "SELECT id::text AS id, event_type, payload, created_at FROM outbox_events WHERE id = ANY($1::bigint[]) ORDER BY id",
    [outboxIds],
  );
  const events = rows
    .filter((r) => isWebhookEventType(r.event_type))
    .map((r) => {
      // The schema drops what is internal to the outbox (e.g. a request id): `data` is the documented shape.
      const data = OUTBOX_EVENTS[r.event_type as OutboxEventType].parse(r.payload);
      const body: WebhookBody = { type: r.event_type, timestamp: r.created_at.toISOString(), data };
      return { eventId: webhookEventId(r.id), type: r.event_type, body };
    });
  if (events.length === 0) return { events: 0, created: 0, queued: 0 };
  const { rows: endpoints } = await pgPool.query<{ id: string; events: string[] }>("SELECT id::text AS id, events FROM webhook_endpoints WHERE active");
  const pairs = events.flatMap((e) => endpoints.filter((ep) => ep.events.includes(e.type)).map((ep) => ({ endpointId: ep.id, ...e })));
  if (pairs.length === 0) return { events: events.length, created: 0, queued: 0 };
  const { rowCount } = await pgPool.query(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload)
     SELECT gen_random_uuid(), p.endpoint_id, p.event_id, p.event_type, p.payload::jsonb
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS p(endpoint_id, event_id, event_type, payload)
     ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
    [pairs.map((p) => p.endpointId), pairs.map((p) => p.eventId), pairs.map((p) => p.type), pairs.map((p) => JSON.stringify(p.body))],
  );
  // Every delivery of these events not attempted yet, including ones a run that died before
  // queueing left behind; their jobIds make adding them again a no-op.
  const { rows: todo } = await pgPool.query<{ id: string }>(
    "SELECT id::text AS id FROM webhook_deliveries WHERE event_id = ANY($1::text[]) AND status = 'pending' AND attempts = 0 ORDER BY created_at, id",
    [events.map((e) => e.eventId)],
  );
  await addJobs(todo.map((d) => firstAttemptJob(d.id)));
  return { events: events.length, created: rowCount ?? 0, queued: todo.length };
}
