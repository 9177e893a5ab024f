// Redis goes away (a private redis-server this test starts and stops — never the shared one):
// movements keep committing, their outbox rows pile up, and when Redis is back every follow-up runs
// exactly once and the outbox empties.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor } from "../../support/fixtures";
import { capturedMail, cleanupQueues, jobsTestEnv, pendingOutbox, redisServer, startWorker, stopAll, waitFor, waitIdle, type RedisServer, type WorkerProcess } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

let redis: RedisServer;
let env: ReturnType<typeof jobsTestEnv>;
let worker: WorkerProcess;

beforeAll(async () => {
  redis = await redisServer();
  env = jobsTestEnv({ REDIS_URL: redis.url });
  worker = await startWorker(env);
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX, redis.url);
});

it("movements commit while Redis is down; when it returns every follow-up runs once and the outbox drains", async () => {
  const manager = await actorFor("manager");
  const clerk = await actorFor("clerk");
  const [loc] = await makeLocations(1);
  const skus: string[] = [];
  for (let i = 0; i < 5; i++) skus.push(await makeProduct(manager, { minStock: 10, safetyStock: 4 }));
  await postMovement(clerk, { type: "in", lines: skus.map((sku) => ({ sku, location: loc, quantity: 100 })) });
  await waitIdle();
  const ids = (await db.product.findMany({ where: { sku: { in: skus } }, select: { id: true } })).map((p) => p.id);
  expect(await db.product.count({ where: { id: { in: ids }, inStock: true } })).toBe(5);

  await redis.stop();
  expect((await checkHealth()).redis).toBe("down");

  // 50 movements: each product issued 10 × 10, from 100 down to 0.
  const movementIds: string[] = [];
  for (let round = 0; round < 10; round++) {
    for (const sku of skus) {
      const { result } = await postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity: 10 }] });
      movementIds.push(result.id);
    }
  }
  expect(movementIds).toHaveLength(50);
  expect(await db.stockLevel.aggregate({ where: { productId: { in: ids } }, _sum: { quantity: true } })).toEqual({ _sum: { quantity: 0 } });
  // Nothing ran: the rows wait in the outbox (the dispatcher keeps failing and retrying).
  expect(await pendingOutbox()).toBeGreaterThanOrEqual(50);
  const health = await checkHealth();
  expect(health).toMatchObject({ status: "degraded", db: "ok", redis: "down", queues: {} });
  expect(health.outboxPending).toBeGreaterThanOrEqual(50);
  expect(await db.stockAlert.count({ where: { productId: { in: ids } } })).toBe(0);
  await waitFor("the dispatcher to notice", () => worker.logs.some((l) => l.msg === "outbox dispatch failed; rows stay pending"));

  await redis.start(); // same port, empty: jobs added before the outage are gone, schedules too
  await waitIdle(60_000);

  // The outbox is empty and each of the 50 rows was dispatched once, without error.
  expect(await pendingOutbox()).toBe(0);
  const rows = await db.$queryRaw<{ id: bigint; error: string | null }[]>`
    SELECT id, error FROM outbox_events WHERE payload->>'movementId' = ANY(${movementIds}::text[])`;
  expect(rows).toHaveLength(50);
  expect(rows.every((r) => r.error === null)).toBe(true);
  const dispatched = worker.logs.filter((l) => l.msg === "outbox dispatched").flatMap((l) => l.ids as string[]);
  for (const r of rows) expect(dispatched.filter((id) => id === String(r.id))).toHaveLength(1);

  // Every follow-up ran, none twice, none failed.
  const done = worker.logs.filter((l) => l.msg === "job done").map((l) => String(l.jobId));
  expect(new Set(done).size).toBe(done.length);
  expect(worker.logs.filter((l) => l.msg === "job failed" || l.msg === "job failed for good")).toEqual([]);
  expect(await db.product.count({ where: { id: { in: ids }, inStock: false } })).toBe(5);
  for (const id of ids) {
    const alerts = await db.stockAlert.findMany({ where: { productId: id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "open", level: "out", onHand: 0 });
  }
  // One email per product (its alert opened at "out"), one notification per manager per product.
  const mails = capturedMail(env.MAIL_CAPTURE_DIR).filter((m) => skus.some((s) => m.subject.includes(` ${s} `)));
  expect(mails).toHaveLength(5);
  expect(new Set(mails.map((m) => m.ref)).size).toBe(5);
  expect(await db.notification.count({ where: { userId: manager.id, alert: { productId: { in: ids } } } })).toBe(5);
  expect((await checkHealth()).redis).toBe("ok");
});
