// The queue dashboard's domain, payload validation, schedules and the scheduled jobs (sweep,
// reconciliation, cleanup, backup + restore), and the debounced summary refresh — through a real
// worker process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createBackup } from "@/lib/maintenance/backup";
import { listFailedJobs, queueDashboard, removeJob, retryFailedJob, runJobNow } from "@/lib/queue/dashboard";
import { getQueue } from "@/lib/queue/queues";
import { postMovement } from "@/lib/stock/post-movement";
import { dropDatabase } from "../../../scripts/lib/database";
import { actorFor } from "../../support/fixtures";
import { capturedMail, cleanupQueues, jobsTestEnv, startWorker, stopAll, waitFor, waitIdle, type WorkerProcess } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

const env = jobsTestEnv();
let worker: WorkerProcess;
const scratchDatabases: string[] = [];

beforeAll(async () => {
  worker = await startWorker(env);
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
  for (const url of scratchDatabases) await dropDatabase(url);
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("queue dashboard and payload validation", () => {
  it("a job whose payload fails validation fails at once, without retries, and shows on the dashboard", async () => {
    const admin = await actorFor("admin");
    // Straight into BullMQ, past the validation that enqueueing does: a worker must still refuse it.
    await getQueue("alerts").add("alerts.check-product", { productId: "not-a-uuid" }, { jobId: "invalid-payload-test", attempts: 6 });
    const failed = await waitFor("the job to fail", async () => (await listFailedJobs(admin, { queue: "alerts" })).find((j) => j.id === "invalid-payload-test"));
    expect(failed).toMatchObject({ queue: "alerts", name: "alerts.check-product", attemptsMade: 1, attempts: 6, data: { productId: "not-a-uuid" } });
    expect(failed.error).toMatch(/^Invalid payload for alerts\.check-product/);
    expect((await queueDashboard(admin)).queues.find((q) => q.name === "alerts")!.counts.failed).toBeGreaterThanOrEqual(1);

    // Only admins manage queues.
    const manager = await actorFor("manager");
    expect((await failure(listFailedJobs(manager))).code).toBe("FORBIDDEN");
    expect((await failure(retryFailedJob(manager, { queue: "alerts", jobId: "invalid-payload-test" }))).code).toBe("FORBIDDEN");

    // Retry puts it back (and it fails again, for the same reason); remove deletes it.
    await retryFailedJob(admin, { queue: "alerts", jobId: "invalid-payload-test" });
    await waitFor("the retried job to fail again", async () => (await getQueue("alerts").getJob("invalid-payload-test"))?.getState().then((s) => s === "failed"));
    expect((await failure(retryFailedJob(admin, { queue: "alerts", jobId: "no-such-job" }))).code).toBe("NOT_FOUND");
    await removeJob(admin, { queue: "alerts", jobId: "invalid-payload-test" });
    expect(await getQueue("alerts").getJob("invalid-payload-test")).toBeUndefined();
    const audit = await db.auditLog.findMany({ where: { entity: "job", entityId: "alerts/invalid-payload-test" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["job.retry", "job.remove"]);

    // A job nobody knows fails the same way.
    await getQueue("stock").add("stock.nonsense", {}, { jobId: "unknown-job-test" });
    const unknown = await waitFor("unknown job to fail", async () => (await listFailedJobs(admin, { queue: "stock" })).find((j) => j.id === "unknown-job-test"));
    expect(unknown).toMatchObject({ attemptsMade: 1, error: 'No processor for job "stock.nonsense".' });
  });

  it("an outbox row with a bad payload is set aside with its error, and the rest flows on", async () => {
    const admin = await actorFor("admin");
    const before = (await queueDashboard(admin)).outbox.rejected;
    await db.$executeRaw`INSERT INTO outbox_events (event_type, payload) VALUES ('movement.posted', '{"movementId": 42}'::jsonb)`;
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] });
    await waitFor("the good movement's in-stock", async () => (await db.product.findUniqueOrThrow({ where: { sku } })).inStock);
    const dash = await queueDashboard(admin);
    expect(dash.outbox.rejected).toBe(before + 1);
    expect(dash.outbox.latestRejected[0]).toMatchObject({ eventType: "movement.posted", error: expect.stringMatching(/^invalid payload/) });
    expect(dash.outbox.pending).toBe(0);
  });

  it("registers the schedules in UTC", async () => {
    const admin = await actorFor("admin");
    const dash = await queueDashboard(admin);
    const schedules = dash.queues.flatMap((q) => q.schedules.map((s) => `${q.name}/${s.id} ${s.job} ${s.pattern}`)).sort();
    expect(schedules).toEqual([
      "alerts/hourly-alert-sweep alerts.sweep 0 * * * *",
      "maintenance/daily-backup maintenance.backup 0 1 * * *",
      "maintenance/daily-cleanup maintenance.cleanup 30 3 * * *",
      "maintenance/nightly-reconciliation maintenance.reconcile 0 2 * * *",
      "webhooks/hourly-webhook-resume webhooks.resume 15 * * * *",
    ]);
    const raw = await getQueue("maintenance").getJobSchedulers();
    expect(raw.every((s) => s.tz === "UTC")).toBe(true);
  });
});

describe("scheduled jobs", () => {
  it("the hourly sweep opens an alert no movement announced", async () => {
    const admin = await actorFor("admin");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await postMovement(admin, { type: "in", lines: [{ sku, location: loc, quantity: 3 }] });
    await waitIdle();
    await db.$executeRaw`UPDATE products SET min_stock = 5, safety_stock = 2 WHERE sku = ${sku}`; // behind the app's back
    await runJobNow(admin, "alerts.sweep");
    await waitFor("the sweep's alert", () => db.stockAlert.findFirst({ where: { product: { sku }, level: "warning", status: "open" } }));
  });

  it("nightly reconciliation alerts the admins when levels disagree with the ledger", async () => {
    const admin = await actorFor("admin");
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await postMovement(admin, { type: "in", lines: [{ sku, location: loc, quantity: 3 }] });
    await waitIdle();
    const level = await db.stockLevel.findFirstOrThrow({ where: { product: { sku } } });
    await db.stockLevel.update({ where: { id: level.id }, data: { quantity: 4 } }); // corrupt it
    try {
      const { jobId } = await runJobNow(admin, "maintenance.reconcile");
      const note = await waitFor("the admin's notification", () => db.notification.findFirst({ where: { userId: admin.id, kind: "reconcile.discrepancy", dedupeKey: `reconcile:${jobId}` } }));
      expect((note.data as { count: number }).count).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(note.data)).toContain(sku);
      expect(await db.notification.count({ where: { userId: manager.id, kind: "reconcile.discrepancy" } })).toBe(0);
      await waitIdle();
      const mail = capturedMail(env.MAIL_CAPTURE_DIR).filter((m) => m.ref === `reconcile:${jobId}`);
      expect(mail).toHaveLength(1);
      expect(mail[0].subject).toMatch(/^\[WMS\] Reconciliation found \d+ discrepanc/);
    } finally {
      await db.stockLevel.update({ where: { id: level.id }, data: { quantity: 3 } });
    }
  });

  it("daily cleanup removes expired idempotency keys and old dispatched outbox rows only", async () => {
    const admin = await actorFor("admin");
    await db.$executeRaw`INSERT INTO idempotency_keys (actor_id, key, request_hash, response_status, response_body, expires_at)
      VALUES (${admin.id}::uuid, 'old-key', 'x', 201, '{}'::jsonb, now() - interval '1 hour'),
             (${admin.id}::uuid, 'fresh-key', 'x', 201, '{}'::jsonb, now() + interval '1 hour')`;
    const [{ id: oldRow }] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO outbox_events (event_type, payload, created_at, dispatched_at)
      VALUES ('email.requested', '{}'::jsonb, now() - interval '30 days', now() - interval '30 days') RETURNING id`;
    const [{ id: recentRow }] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO outbox_events (event_type, payload, dispatched_at) VALUES ('email.requested', '{}'::jsonb, now()) RETURNING id`;
    await runJobNow(admin, "maintenance.cleanup");
    await waitFor("cleanup", async () => (await db.outboxEvent.count({ where: { id: oldRow } })) === 0);
    expect(await db.outboxEvent.count({ where: { id: recentRow } })).toBe(1);
    expect((await db.idempotencyKey.findMany({ where: { actorId: admin.id } })).map((k) => k.key)).toEqual(["fresh-key"]);
  });

  it("the summary refresh is debounced: many movements, few refreshes, the view ends up current", async () => {
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await waitIdle();
    const refreshes = () => worker.logs.filter((l) => l.msg === "job done" && l.job === "stock.refresh-summary").length;
    const before = refreshes();
    const started = Date.now();
    for (let i = 0; i < 30; i++) await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] });
    const seconds = (Date.now() - started) / 1000;
    await waitIdle();
    const ran = refreshes() - before;
    expect(ran).toBeGreaterThanOrEqual(1);
    // At most one per 300 ms window (+ the trailing one), far fewer than one per movement.
    expect(ran).toBeLessThanOrEqual(Math.ceil(seconds / 0.3) + 2);
    expect(ran).toBeLessThan(30);
    const [row] = await db.$queryRaw<{ on_hand: bigint }[]>`SELECT on_hand FROM inventory_summary WHERE sku = ${sku}`;
    expect(Number(row.on_hand)).toBe(30);
  });
});

describe("backups", () => {
  it("the daily backup job writes a pg_dump and prunes dumps past the retention", async () => {
    const admin = await actorFor("admin");
    const old = path.join(env.BACKUP_DIR, "wms-old_db-20200101T000000Z.dump");
    fs.writeFileSync(old, "stale");
    const forty = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    fs.utimesSync(old, forty, forty);
    const unrelated = path.join(env.BACKUP_DIR, "notes.txt");
    fs.writeFileSync(unrelated, "keep me");
    fs.utimesSync(unrelated, forty, forty);

    await runJobNow(admin, "maintenance.backup");
    const dump = await waitFor("a dump", () => fs.readdirSync(env.BACKUP_DIR).find((f) => /^wms-wms_test_\w+-\d{8}T\d{6}Z\.dump$/.test(f)));
    await waitIdle();
    expect(fs.readFileSync(path.join(env.BACKUP_DIR, dump)).subarray(0, 5).toString()).toBe("PGDMP"); // custom format
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });

  it("scripts/restore.ts restores a dump into a scratch database, identical and with its triggers", async () => {
    const source = inject("databaseUrl");
    await waitIdle();
    const { file } = await createBackup({ databaseUrl: source, dir: env.BACKUP_DIR });
    const target = `${source}_restore`;
    scratchDatabases.push(target);
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "scripts/restore.ts", ...args], { cwd: path.resolve(import.meta.dirname, "../../.."), env: { ...process.env, DATABASE_URL: target } });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d));
        child.stderr.on("data", (d: Buffer) => (out += d));
        child.on("exit", (code) => resolve({ code, out }));
      });
    const first = await run([file]);
    expect(first.out).toContain("restored");
    expect(first.code).toBe(0);
    // A second restore over the now non-empty database is refused without --clean.
    const again = await run([file]);
    expect(again.code).toBe(2);
    expect(again.out).toContain("refusing to restore");

    const count = async (url: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const q = async (sql: string) => (await c.query<{ n: string }>(sql)).rows[0].n;
        return {
          products: await q("SELECT count(*) AS n FROM products"),
          movements: await q("SELECT count(*) AS n FROM movements"),
          ledger: await q("SELECT count(*) || ':' || COALESCE(sum(delta), 0) AS n FROM ledger_entries"),
          migrations: await q("SELECT count(*) AS n FROM _prisma_migrations"),
          summary: await q("SELECT count(*) AS n FROM inventory_summary"),
        };
      } finally {
        await c.end();
      }
    };
    const [a, b] = await Promise.all([count(source), count(target)]);
    expect(b).toEqual(a);
    // The restored ledger is still append-only.
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    try {
      await expect(c.query("UPDATE ledger_entries SET delta = delta WHERE id = (SELECT min(id) FROM ledger_entries)")).rejects.toThrow(/append-only/);
    } finally {
      await c.end();
    }
  });
});
