// The transactional outbox: follow-up work is written as a row in the same transaction as the change
// that causes it (movements write theirs in stock_post), and the worker's dispatcher moves it into
// BullMQ after commit. A rolled-back change leaves no row, so nothing runs for it; Redis being down
// only lets rows pile up until it returns.
import { z } from "zod";
import { pgPool, type DbClient } from "../db";
import { log } from "../log";
import { currentRequestId } from "../request-context";
import { withRequestIds } from "./job-meta";
import { jobsForEvents, OUTBOX_EVENT_TYPES, OUTBOX_EVENTS, parseOutboxEvent, type OutboxEvent, type OutboxEventType, type OutboxPayload, type PlannedJob } from "./config";

/** Writes an outbox row inside the caller's transaction; the dispatcher's next poll after commit picks it up. */
export async function writeOutbox<T extends OutboxEventType>(tx: DbClient, type: T, payload: OutboxPayload<T>): Promise<void> {
  const data = OUTBOX_EVENTS[type].parse(payload);
  // The request id is written explicitly: a Prisma transaction has not set wms.request_id.
  await tx.$executeRaw`INSERT INTO outbox_events (event_type, payload, request_id) VALUES (${type}, ${JSON.stringify(data)}::jsonb, ${currentRequestId() ?? null})`;
}

/** `requestIds`: the distinct request ids of the batch's rows (capped), passed on to its jobs. */
export type DispatchResult = { dispatched: string[]; rejected: string[]; requestIds: string[] };

/**
 * Moves one batch of pending rows into BullMQ, in id order:
 *  1. locks up to `batchSize` pending rows FOR UPDATE SKIP LOCKED — another dispatcher skips them
 *     and takes the next ones, so several workers never dispatch a row twice;
 *  2. adds their jobs, coalesced (jobsForEvents: one follow-ups job for all the products the batch
 *     touched; deterministic jobIds: if we die after this step, the next dispatch of the same rows
 *     adds nothing new);
 *  3. marks them dispatched and commits. If adding fails (Redis down) the transaction rolls back
 *     and the rows stay pending.
 * A row whose payload does not fit its type is marked dispatched with `error` set, so one bad row
 * cannot block the rest; it stays visible on the queue dashboard until cleanup.
 * Every job carries the request ids of the batch's rows (lib/queue/job-meta.ts), so its log lines
 * can be found by the id of the request that caused it.
 */
export async function dispatchOutboxBatch(opts: {
  batchSize: number;
  summaryDebounceMs: number;
  addJobs: (jobs: PlannedJob[]) => Promise<void>;
}): Promise<DispatchResult> {
  const client = await pgPool.connect();
  let released = false;
  try {
    await client.query("BEGIN");
    // A dispatcher that hangs (e.g. on Redis) must not hold its row locks forever.
    await client.query("SET LOCAL idle_in_transaction_session_timeout = '60s'");
    const { rows } = await client.query<{ id: string; event_type: OutboxEventType; payload: unknown; request_id: string | null }>(
      `SELECT id::text AS id, event_type, payload, request_id FROM outbox_events
       WHERE dispatched_at IS NULL AND event_type = ANY($1::text[])
       ORDER BY outbox_events.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [OUTBOX_EVENT_TYPES, opts.batchSize],
    );
    if (rows.length === 0) {
      await client.query("COMMIT");
      return { dispatched: [], rejected: [], requestIds: [] };
    }
    const events: OutboxEvent[] = [];
    const ok: string[] = [];
    const rejected: { id: string; error: string }[] = [];
    for (const row of rows) {
      try {
        events.push(parseOutboxEvent({ id: row.id, type: row.event_type, payload: row.payload }));
        ok.push(row.id);
      } catch (e) {
        const error = e instanceof z.ZodError ? `invalid payload: ${z.prettifyError(e)}` : String(e);
        rejected.push({ id: row.id, error });
        log.error("outbox row rejected", { outboxId: row.id, eventType: row.event_type, error });
      }
    }
    // The event types some active webhook endpoint subscribes to (a tiny table; usually empty).
    const { rows: hooked } = await client.query<{ t: string }>("SELECT DISTINCT unnest(events) AS t FROM webhook_endpoints WHERE active");
    const requestIds = distinctRequestIds(rows.map((r) => r.request_id));
    await opts.addJobs(withRequestIds(jobsForEvents(events, { ...opts, webhookEventTypes: new Set(hooked.map((h) => h.t)) }), requestIds));
    await client.query(
      `UPDATE outbox_events o SET dispatched_at = now(), error = r.error
       FROM unnest($1::bigint[], $2::text[]) AS r(id, error) WHERE o.id = r.id`,
      [[...ok, ...rejected.map((r) => r.id)], [...ok.map(() => null), ...rejected.map((r) => r.error)]],
    );
    await client.query("COMMIT");
    return { dispatched: ok, rejected: rejected.map((r) => r.id), requestIds };
  } catch (e) {
    try {
      await client.query("ROLLBACK");
    } catch {
      // The connection is gone; the server rolled back for us. Do not reuse it.
      client.release(true);
      released = true;
    }
    throw e;
  } finally {
    if (!released) client.release();
  }
}

function distinctRequestIds(ids: (string | null)[]): string[] {
  const out = new Set<string>();
  for (const id of ids) if (id) out.add(id);
  return [...out];
}

/** Rows not yet dispatched (the health check's outboxPending). Uses the partial index. */
export async function outboxPending(): Promise<number> {
  const { rows } = await pgPool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_events WHERE dispatched_at IS NULL");
  return Number(rows[0].n);
}

/** Rows the dispatcher rejected and cleanup has not removed yet. */
export async function outboxRejected(): Promise<{ count: number; latest: { id: string; eventType: string; error: string; createdAt: string }[] }> {
  const [{ rows: c }, { rows }] = await Promise.all([
    pgPool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_events WHERE error IS NOT NULL"),
    pgPool.query<{ id: string; event_type: string; error: string; created_at: Date }>(
      "SELECT id::text AS id, event_type, error, created_at FROM outbox_events WHERE error IS NOT NULL ORDER BY id DESC LIMIT 10",
    ),
  ]);
  return { count: Number(c[0].n), latest: rows.map((r) => ({ id: r.id, eventType: r.event_type, error: r.error, createdAt: r.created_at.toISOString() })) };
}
