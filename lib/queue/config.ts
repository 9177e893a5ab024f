// The one registry of background work: queue names and their options (concurrency, attempts,
// exponential backoff, retention), every job's zod payload schema and queue, the deterministic
// jobIds, and the outbox event types with the jobs each one fans out to. The worker, the outbox
// dispatcher, the health check and the queue dashboard all read from here.
import crypto from "node:crypto";
import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { intEnv } from "../env";
import { MOVEMENT_TYPES } from "../stock/schemas";
import { WEBHOOK_ONLY_EVENTS } from "../webhooks/events";

// ── Queues ───────────────────────────────────────────────────────────────────────────────────

export const QUEUE_NAMES = ["alerts", "stock", "email", "maintenance", "webhooks"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

type QueueConfig = { concurrency: number; defaultJobOptions: JobsOptions; description: string };

/**
 * Completed jobs are kept for a day (and at most a few thousand) so that a re-dispatched outbox row
 * finds its jobId and is a no-op; failed jobs stay two weeks for the dashboard.
 */
export const QUEUES: Record<QueueName, QueueConfig> = {
  alerts: {
    description: "Low-stock alert checks per product and the hourly sweep.",
    concurrency: 4,
    defaultJobOptions: {
      attempts: 6,
      backoff: { type: "exponential", delay: 1_000 },
      removeOnComplete: { age: DAY, count: 10_000 },
      removeOnFail: { age: 14 * DAY, count: 5_000 },
    },
  },
  stock: {
    description: "In-stock flags per product and the inventory_summary refresh.",
    concurrency: 4,
    defaultJobOptions: {
      attempts: 6,
      backoff: { type: "exponential", delay: 1_000 },
      removeOnComplete: { age: DAY, count: 10_000 },
      removeOnFail: { age: 14 * DAY, count: 5_000 },
    },
  },
  email: {
    description: "Outgoing email (SMTP, or .eml capture in development).",
    concurrency: 2,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: "exponential", delay: 5_000 },
      removeOnComplete: { age: 7 * DAY, count: 5_000 },
      removeOnFail: { age: 30 * DAY, count: 5_000 },
    },
  },
  maintenance: {
    description: "Scheduled: reconciliation, cleanup, database backups.",
    concurrency: 1,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 60_000 },
      removeOnComplete: { age: 30 * DAY, count: 500 },
      removeOnFail: { age: 30 * DAY, count: 500 },
    },
  },
  webhooks: {
    // HTTP failures are not job failures: the delivery records them and schedules its own next
    // attempt (lib/webhooks/deliver.ts, Svix's schedule). These attempts cover the job itself failing
    // (database unreachable).
    description: "Outgoing webhooks: fan-out of events to endpoints, and signed deliveries with retries.",
    concurrency: 8,
    defaultJobOptions: {
      attempts: 6,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: { age: 2 * DAY, count: 20_000 },
      removeOnFail: { age: 14 * DAY, count: 5_000 },
    },
  },
};

// ── Jobs ─────────────────────────────────────────────────────────────────────────────────────

const productJob = z.object({ productId: z.uuid() }).strict();
const empty = z.object({}).strict();

/** Products per stock.followups job (and per follow-up transaction, lib/stock/followups.ts). */
export const FOLLOWUP_PRODUCTS_PER_JOB = 500;
/** Outbox events per webhooks.fanout job (a batch larger than this is split). */
export const FANOUT_EVENTS_PER_JOB = 1_000;

export const JOBS = {
  /** In-stock flags and alert checks of a set of products, set-based (one job per outbox batch). */
  "stock.followups": { queue: "stock", schema: z.object({ productIds: z.array(z.uuid()).min(1).max(FOLLOWUP_PRODUCTS_PER_JOB) }).strict() },
  /** The follow-ups of one product (manual runs; no longer planned by the dispatcher). */
  "alerts.check-product": { queue: "alerts", schema: productJob },
  /** Every product with a threshold or an unresolved alert, checked again (hourly). */
  "alerts.sweep": { queue: "alerts", schema: empty },
  /** The follow-ups of one product (kept for jobs queued by earlier versions). */
  "stock.in-stock": { queue: "stock", schema: productJob },
  /** Folds the settled ledger into the ledger summary, then REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_summary (lib/stock/reconcile.ts refreshInventorySummary). Must keep running after movements: reads add only the unfolded tail. */
  "stock.refresh-summary": { queue: "stock", schema: z.object({ reason: z.enum(["movements", "manual"]) }).strict() },
  /** Delivers one email_messages row. */
  "email.send": { queue: "email", schema: z.object({ emailId: z.uuid() }).strict() },
  /** Checks the ledger invariant; notifies admins of any discrepancy (nightly). */
  "maintenance.reconcile": { queue: "maintenance", schema: empty },
  /** Deletes expired idempotency keys, old dispatched outbox rows and old sent emails (daily). */
  "maintenance.cleanup": { queue: "maintenance", schema: empty },
  /** pg_dump -Fc to BACKUP_DIR, then prunes dumps past the retention (daily). */
  "maintenance.backup": { queue: "maintenance", schema: empty },
  /** Inserts a delivery per (event, subscribed active endpoint) for a batch's outbox rows and queues them (lib/webhooks/fanout.ts). */
  "webhooks.fanout": { queue: "webhooks", schema: z.object({ outboxIds: z.array(z.string().regex(/^\d+$/)).min(1).max(FANOUT_EVENTS_PER_JOB) }).strict() },
  /** One signed HTTP attempt of a delivery; `attempt` numbers the automatic ones, `manual` a redelivery (lib/webhooks/deliver.ts). */
  "webhooks.deliver": { queue: "webhooks", schema: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1), manual: z.boolean() }).strict() },
  /** Re-queues the next attempt of pending deliveries whose chain of attempts broke (hourly, lib/webhooks/resume.ts). */
  "webhooks.resume": { queue: "webhooks", schema: empty },
} as const satisfies Record<string, { queue: QueueName; schema: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.output<(typeof JOBS)[N]["schema"]>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/** A job ready to add: validated data and its options (always a deterministic jobId). */
export type PlannedJob = { queue: QueueName; name: JobName; data: unknown; opts: JobsOptions & { jobId: string } };

/** Validates the payload against the job's schema (throws a ZodError) and names its queue. */
export function planJob<N extends JobName>(name: N, data: JobData<N>, opts: JobsOptions & { jobId: string }): PlannedJob {
  const parsed = JOBS[name].schema.parse(data);
  return { queue: JOBS[name].queue, name, data: parsed, opts };
}

// BullMQ refuses ':' in custom ids, so the parts are joined with '.'.
const id = (...parts: (string | number | bigint)[]) => parts.join(".");

export const jobIds = { id };

// ── Outbox events ────────────────────────────────────────────────────────────────────────────

export const OUTBOX_EVENTS = {
  /** Written by stock_post with every movement (lib/stock/post-movement.ts). */
  "movement.posted": z.object({ movementId: z.uuid(), type: z.enum(MOVEMENT_TYPES), productIds: z.array(z.uuid()).min(1) }),
  /** A product's thresholds changed, or it was deleted or restored (lib/catalog): check its alert. */
  "product.changed": z.object({ productIds: z.array(z.uuid()).min(1) }),
  /** An email_messages row to deliver (lib/notifications). */
  "email.requested": z.object({ emailId: z.uuid() }),
  /** Events only webhooks consume (alerts, purchasing, outbound, serials): lib/webhooks/events.ts. */
  ...WEBHOOK_ONLY_EVENTS,
  /** A webhook delivery to attempt: a test ping's first attempt, or an admin's redelivery (manual). */
  "webhook.attempt": z.object({ deliveryId: z.uuid(), manual: z.boolean() }),
};
export type OutboxEventType = keyof typeof OUTBOX_EVENTS;
export type OutboxPayload<T extends OutboxEventType> = z.output<(typeof OUTBOX_EVENTS)[T]>;
export const OUTBOX_EVENT_TYPES = Object.keys(OUTBOX_EVENTS) as OutboxEventType[];

/** An outbox row whose payload was checked against its type (parseOutboxEvent). */
export type OutboxEvent = { [T in OutboxEventType]: { id: string; type: T; payload: OutboxPayload<T> } }[OutboxEventType];

/** Checks a row's payload against its event type; throws a ZodError when it does not fit. */
export function parseOutboxEvent(row: { id: bigint | number | string; type: OutboxEventType; payload: unknown }): OutboxEvent {
  return { id: String(row.id), type: row.type, payload: OUTBOX_EVENTS[row.type].parse(row.payload) } as OutboxEvent;
}

/**
 * The jobs a batch of outbox rows fans out to — as few as the work needs:
 *  - ONE `stock.followups` job for the distinct products that all its movements and threshold
 *    changes touched (split every FOLLOWUP_PRODUCTS_PER_JOB products), however many rows there are;
 *  - one debounced `stock.refresh-summary` if any movement is in the batch: the first movement
 *    schedules a refresh `summaryDebounceMs` later and every batch until it runs joins it, so the
 *    view refreshes at most once per window;
 *  - one `email.send` per email.
 * Pure: the follow-ups' jobId is a digest of the batch's row ids, so dispatching the same rows again
 * (a worker died between adding the jobs and marking the rows) adds nothing new; a different set of
 * rows is different work and gets its own job. Processors are idempotent either way.
 */
export function jobsForEvents(events: OutboxEvent[], settings: { summaryDebounceMs: number; webhookEventTypes?: ReadonlySet<string> }): PlannedJob[] {
  if (events.length === 0) return [];
  const products = new Set<string>();
  const moved: string[] = [];
  const jobs: PlannedJob[] = [];
  for (const e of events) {
    if (e.type === "movement.posted") moved.push(e.id);
    if (e.type === "movement.posted" || e.type === "product.changed") for (const p of e.payload.productIds) products.add(p);
    if (e.type === "email.requested") jobs.push(planJob("email.send", e.payload, { jobId: id("email.send", e.payload.emailId) }));
    if (e.type === "webhook.attempt") {
      const { deliveryId, manual } = e.payload;
      jobs.push(planJob("webhooks.deliver", { deliveryId, attempt: 1, manual }, { jobId: id("webhooks.deliver", deliveryId, manual ? `m${e.id}` : "a1") }));
    }
  }
  // Webhooks: one fan-out job for the batch's events that some active endpoint subscribes to; none
  // at all (the usual case, and the movement benchmark's) when no endpoint is active.
  const hooked = settings.webhookEventTypes?.size ? events.filter((e) => settings.webhookEventTypes!.has(e.type)).map((e) => e.id) : [];
  if (hooked.length) {
    const batch = batchKey(hooked);
    for (let i = 0; i < hooked.length; i += FANOUT_EVENTS_PER_JOB) {
      jobs.push(planJob("webhooks.fanout", { outboxIds: hooked.slice(i, i + FANOUT_EVENTS_PER_JOB) }, { jobId: id("webhooks.fanout", batch, i / FANOUT_EVENTS_PER_JOB) }));
    }
  }
  const stockJobs: PlannedJob[] = [];
  if (products.size) {
    const batch = batchKey(events.filter((e) => e.type === "movement.posted" || e.type === "product.changed").map((e) => e.id));
    const all = [...products].sort();
    for (let i = 0; i < all.length; i += FOLLOWUP_PRODUCTS_PER_JOB) {
      const part = i / FOLLOWUP_PRODUCTS_PER_JOB;
      stockJobs.push(planJob("stock.followups", { productIds: all.slice(i, i + FOLLOWUP_PRODUCTS_PER_JOB) }, { jobId: id("stock.followups", batch, part) }));
    }
  }
  if (moved.length) {
    stockJobs.push(planJob("stock.refresh-summary", { reason: "movements" }, {
      jobId: id("stock.refresh-summary", `e${moved[0]}`),
      delay: settings.summaryDebounceMs,
      deduplication: { id: "stock.refresh-summary", keepLastIfActive: true },
    }));
  }
  return [...stockJobs, ...jobs];
}

/** `e<first>-<last>.<digest>` of outbox row ids: readable, and unique to the exact set. */
function batchKey(ids: string[]): string {
  const sorted = ids.map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = crypto.createHash("sha256").update(sorted.join(",")).digest("hex").slice(0, 16);
  return `e${sorted[0]}-${sorted[sorted.length - 1]}-${digest}`;
}

/** A job for an explicit request (dashboard button, sweep): its id carries the request's key. */
export function manualJob<N extends JobName>(name: N, data: JobData<N>, key: string): PlannedJob {
  return planJob(name, data, { jobId: id(name, key) });
}

// ── Settings from the environment ────────────────────────────────────────────────────────────


function defaultPrefix(): string {
  let db = "wms";
  try {
    db = decodeURIComponent(new URL(process.env.DATABASE_URL || "postgresql://localhost/wms").pathname.slice(1)) || "wms";
  } catch {
    // An unparsable DATABASE_URL fails elsewhere, loudly; the prefix just falls back.
  }
  return `wms-${db.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** Knobs of the worker and dispatcher; defaults suit production. See jobs/README.md. */
export function jobsSettings() {
  return {
    /**
     * Key prefix in Redis. By default it names the database (`wms-<db>`): the queues belong to the
     * data they act on, so two installations sharing one Redis never take each other's jobs, while
     * every web and worker process of one database agrees without configuration.
     */
    prefix: process.env.QUEUE_PREFIX || defaultPrefix(),
    /** A job whose worker stops renewing its lock for this long is stalled and runs again. */
    lockDurationMs: intEnv("JOBS_LOCK_DURATION_MS", 30_000, 1_000),
    outboxBatchSize: intEnv("OUTBOX_BATCH_SIZE", 500, 1),
    /** How often the dispatcher looks for pending outbox rows (and the retry pace while Redis is down). */
    outboxPollMs: intEnv("OUTBOX_POLL_MS", 500, 50),
    summaryDebounceMs: intEnv("SUMMARY_REFRESH_DEBOUNCE_MS", 5_000, 0),
    outboxRetentionDays: intEnv("OUTBOX_RETENTION_DAYS", 7, 1),
    emailRetentionDays: intEnv("EMAIL_RETENTION_DAYS", 30, 1),
    backupDir: process.env.BACKUP_DIR || "backups",
    backupRetentionDays: intEnv("BACKUP_RETENTION_DAYS", 30, 1),
    shutdownTimeoutMs: intEnv("WORKER_SHUTDOWN_TIMEOUT_MS", 25_000, 1_000),
  };
}
export type JobsSettings = ReturnType<typeof jobsSettings>;
