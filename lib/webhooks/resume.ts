// The hourly safety net of webhook deliveries (job webhooks.resume). A delivery's attempts form a
// chain — each failed attempt queues the next (lib/webhooks/deliver.ts) — and a chain can break when
// the attempt job itself fails for good (e.g. the database was unreachable through all of BullMQ's
// retries) or vanished with a Redis that lost its data. Then the delivery would stay `pending` with
// nothing queued. This finds pending deliveries of active endpoints that have been quiet for a while,
// asks the queue whether their next automatic attempt is still waiting there, and queues it again
// when it is not. A live chain is never doubled: a job that waits, is delayed or runs counts as live.
import { pgPool } from "../db";
import { jobIds, planJob, type PlannedJob } from "../queue/config";

/** States of a BullMQ job that will still run. */
const LIVE = new Set(["waiting", "delayed", "active", "prioritized", "waiting-children"]);

/** The jobId of a delivery's n-th automatic attempt in its normal chain (fan-out: a1; deliver: a2…). */
export function attemptJobId(deliveryId: string, attempt: number): string {
  return jobIds.id("webhooks.deliver", deliveryId, `a${attempt}`);
}

export async function resumeStalledDeliveries(opts: {
  /** The state of a job in the webhooks queue, or null when the queue does not have it. */
  jobState: (jobId: string) => Promise<string | null>;
  addJobs: (jobs: PlannedJob[]) => Promise<void>;
  /** Only deliveries without an attempt (or creation) for this long are looked at. */
  quietForMs?: number;
  limit?: number;
  now?: Date;
}): Promise<{ checked: number; resumed: number }> {
  const quietForMs = opts.quietForMs ?? 10 * 60_000;
  const now = opts.now ?? new Date();
  const { rows } = await pgPool.query<{ id: string; auto: number }>(
    `SELECT d.id::text AS id,
            (SELECT count(*) FROM webhook_attempts a WHERE a.delivery_id = d.id AND NOT a.manual)::int AS auto
     FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.active
     WHERE d.status = 'pending' AND coalesce(d.last_attempt_at, d.created_at) < $1::timestamptz - make_interval(secs => $2::double precision / 1000)
     ORDER BY d.created_at, d.id LIMIT $3`,
    [now, quietForMs, opts.limit ?? 1000],
  );
  const jobs: PlannedJob[] = [];
  for (const d of rows) {
    const next = d.auto + 1;
    const state = await opts.jobState(attemptJobId(d.id, next));
    if (state && LIVE.has(state)) continue;
    // A new id: the broken chain's job may still sit in the queue as failed (ids are never reused).
    jobs.push(planJob("webhooks.deliver", { deliveryId: d.id, attempt: next, manual: false }, { jobId: jobIds.id("webhooks.deliver", d.id, `a${next}`, `r${now.getTime()}`) }));
  }
  if (jobs.length) await opts.addJobs(jobs);
  return { checked: rows.length, resumed: jobs.length };
}
