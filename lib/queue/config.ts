// The one registry of background work: queue names and their options (concurrency, attempts,
// exponential backoff, retention), every job's zod payload schema and queue, the deterministic
// jobIds, and the outbox event types with the jobs each one fans out to. The worker, the outbox
// dispatcher, the health check and the queue dashboard all read from here.
import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { MOVEMENT_TYPES } from "../stock/schemas";

// ── Queues ───────────────────────────────────────────────────────────────────────────────────

export const QUEUE_NAMES = ["alerts", "stock", "email", "maintenance"] as const;
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
};

// ── Jobs ─────────────────────────────────────────────────────────────────────────────────────

const productJob = z.object({ productId: z.uuid() }).strict();
const empty = z.object({}).strict();

export const JOBS = {
  /** Opens, escalates, de-escalates or resolves the product's alert from its on-hand. */
  "alerts.check-product": { queue: "alerts", schema: productJob },
  /** Every product with a threshold or an unresolved alert, checked again (hourly). */
  "alerts.sweep": { queue: "alerts", schema: empty },
  /** Product.inStock from available stock (seed 003). */
  "stock.in-stock": { queue: "stock", schema: productJob },
  /** REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_summary. */
  "stock.refresh-summary": { queue: "stock", schema: z.object({ reason: z.enum(["movements", "manual"]) }).strict() },
  /** Delivers one email_messages row. */
  "email.send": { queue: "email", schema: z.object({ emailId: z.uuid() }).strict() },
  /** Checks the ledger invariant; notifies admins of any discrepancy (nightly). */
  "maintenance.reconcile": { queue: "maintenance", schema: empty },
  /** Deletes expired idempotency keys, old dispatched outbox rows and old sent emails (daily). */
  "maintenance.cleanup": { queue: "maintenance", schema: empty },
  /** pg_dump -Fc to BACKUP_DIR, then prunes dumps past the retention (daily). */
  "maintenance.backup": { queue: "maintenance", schema: empty },
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

/**
 * Jobs per product are deduplicated while one is queued: a second request for the same product
 * joins the waiting job (it will read the database when it runs, so it sees both changes). While
 * one is running, `keepLastIfActive` parks one follow-up to start when it finishes, so a change
 * committed during a run is never missed and two runs for one product never overlap.
 */
function perProduct(name: "alerts.check-product" | "stock.in-stock", productId: string, source: string): PlannedJob {
  return planJob(name, { productId }, { jobId: id(name, productId, source), deduplication: { id: id(name, productId), keepLastIfActive: true } });
}

export const jobIds = { id };

// ── Outbox events ────────────────────────────────────────────────────────────────────────────

export const OUTBOX_EVENTS = {
  /** Written by stock_post with every movement (lib/stock/post-movement.ts). */
  "movement.posted": z.object({ movementId: z.uuid(), type: z.enum(MOVEMENT_TYPES), productIds: z.array(z.uuid()).min(1) }),
  /** A product's thresholds changed, or it was deleted or restored (lib/catalog): check its alert. */
  "product.changed": z.object({ productIds: z.array(z.uuid()).min(1) }),
  /** An email_messages row to deliver (lib/notifications). */
  "email.requested": z.object({ emailId: z.uuid() }),
};
export type OutboxEventType = keyof typeof OUTBOX_EVENTS;
export type OutboxPayload<T extends OutboxEventType> = z.output<(typeof OUTBOX_EVENTS)[T]>;
export const OUTBOX_EVENT_TYPES = Object.keys(OUTBOX_EVENTS) as OutboxEventType[];

/**
 * The jobs an outbox row fans out to. Pure: jobIds derive from the row id, so dispatching the same
 * row twice (a worker died between adding the jobs and marking the row) adds nothing new.
 * Throws a ZodError when the payload does not fit its event type.
 */
export function jobsForEvent(event: { id: bigint | number | string; type: OutboxEventType; payload: unknown }, settings: { summaryDebounceMs: number }): PlannedJob[] {
  const source = `e${event.id}`;
  switch (event.type) {
    case "movement.posted": {
      const p = OUTBOX_EVENTS["movement.posted"].parse(event.payload);
      const products = [...new Set(p.productIds)];
      return [
        ...products.map((productId) => perProduct("stock.in-stock", productId, source)),
        ...products.map((productId) => perProduct("alerts.check-product", productId, source)),
        // Debounced: the first movement schedules a refresh `summaryDebounceMs` later and every
        // movement until it runs joins it, so the view refreshes at most once per window.
        planJob("stock.refresh-summary", { reason: "movements" }, {
          jobId: id("stock.refresh-summary", source),
          delay: settings.summaryDebounceMs,
          deduplication: { id: "stock.refresh-summary", keepLastIfActive: true },
        }),
      ];
    }
    case "product.changed": {
      const p = OUTBOX_EVENTS["product.changed"].parse(event.payload);
      return [...new Set(p.productIds)].map((productId) => perProduct("alerts.check-product", productId, source));
    }
    case "email.requested": {
      const p = OUTBOX_EVENTS["email.requested"].parse(event.payload);
      return [planJob("email.send", p, { jobId: id("email.send", p.emailId) })];
    }
  }
}

/** A job for an explicit request (dashboard button, sweep): its id carries the request's key. */
export function manualJob<N extends JobName>(name: N, data: JobData<N>, key: string): PlannedJob {
  return planJob(name, data, { jobId: id(name, key) });
}

// ── Settings from the environment ────────────────────────────────────────────────────────────

function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}

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
    outboxBatchSize: intEnv("OUTBOX_BATCH_SIZE", 100, 1),
    /** How often the dispatcher looks for pending outbox rows (and the retry pace while Redis is down). */
    outboxPollMs: intEnv("OUTBOX_POLL_MS", 250, 50),
    summaryDebounceMs: intEnv("SUMMARY_REFRESH_DEBOUNCE_MS", 5_000, 0),
    outboxRetentionDays: intEnv("OUTBOX_RETENTION_DAYS", 7, 1),
    emailRetentionDays: intEnv("EMAIL_RETENTION_DAYS", 30, 1),
    backupDir: process.env.BACKUP_DIR || "backups",
    backupRetentionDays: intEnv("BACKUP_RETENTION_DAYS", 30, 1),
    shutdownTimeoutMs: intEnv("WORKER_SHUTDOWN_TIMEOUT_MS", 25_000, 1_000),
  };
}
export type JobsSettings = ReturnType<typeof jobsSettings>;
