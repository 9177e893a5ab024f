// Workers die and multiply: SIGKILL in the middle of a backlog loses nothing and applies nothing
// twice (stalled jobs run again, processors are idempotent); two workers draining one outbox
// dispatch every row exactly once.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getQueue } from "@/lib/queue/queues";
import { postMovement } from "@/lib/stock/post-movement";
import type { Actor } from "@/lib/auth/permissions";
import { actorFor } from "../../support/fixtures";
import { capturedMail, cleanupQueues, jobsTestEnv, pendingOutbox, startWorker, stopAll, waitFor, waitIdle, type LogLine } from "../../support/jobs";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

const env = jobsTestEnv({ OUTBOX_BATCH_SIZE: "5" });

// A test that failed half-way must not leave its workers draining the next test's outbox.
afterEach(() => stopAll());

afterAll(() => cleanupQueues(env.QUEUE_PREFIX));

/** Products with thresholds, stocked at `stock` at one location, with the worker idle afterwards. */
async function stockedProducts(n: number, stock: number) {
  const manager = await actorFor("manager");
  const [loc] = await makeLocations(1);
  const skus: string[] = [];
  for (let i = 0; i < n; i++) skus.push(await makeProduct(manager, { minStock: 10, safetyStock: 4 }));
  await postMovement(manager, { type: "in", lines: skus.map((sku) => ({ sku, location: loc, quantity: stock })) });
  const ids = (await db.product.findMany({ where: { sku: { in: skus } }, select: { id: true } })).map((p) => p.id);
  return { manager, loc, skus, ids };
}

async function issueEach(clerk: Actor, loc: string, skus: string[], times: number, quantity: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < times; i++) {
    for (const sku of skus) ids.push((await postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity }] })).result.id);
  }
  return ids;
}

async function expectOneWarningEach(ids: string[], skus: string[], manager: Actor) {
  for (const id of ids) {
    const alerts = await db.stockAlert.findMany({ where: { productId: id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "open", level: "warning", onHand: 7, revision: 1 });
  }
  expect(await db.notification.count({ where: { userId: manager.id, alert: { productId: { in: ids } } } })).toBe(ids.length);
  expect(await db.emailMessage.count({ where: { dedupeKey: { startsWith: "alert:" }, OR: skus.map((s) => ({ subject: { contains: ` ${s} ` } })) } })).toBe(ids.length);
  const mails = capturedMail(env.MAIL_CAPTURE_DIR).filter((m) => skus.some((s) => m.subject.includes(` ${s} `)));
  expect(mails).toHaveLength(ids.length);
  expect(await db.product.count({ where: { id: { in: ids }, inStock: true } })).toBe(ids.length);
}

describe("worker killed with SIGKILL mid-batch", () => {
  it("picks up stalled jobs and outbox rows after a restart: nothing lost, nothing applied twice", async () => {
    const first = await startWorker(env);
    const { manager, loc, skus, ids } = await stockedProducts(120, 12);
    await waitIdle();
    await first.stop();

    // A backlog while no worker runs: 240 movements, each product 12 → 7 (a warning).
    const clerk = await actorFor("clerk");
    await issueEach(clerk, loc, skus, 1, 3);
    await issueEach(clerk, loc, skus, 1, 2);
    expect(await pendingOutbox()).toBeGreaterThanOrEqual(240);

    const victim = await startWorker(env);
    const jobsDone = () => victim.logs.filter((l) => l.msg === "job done").length;
    // Kill it while it is busy: some jobs done, some running, outbox not drained.
    await waitFor("the victim to be mid-way", async () => {
      if (jobsDone() < 20) return false;
      const active = (await Promise.all(["alerts", "stock"].map((q) => getQueue(q as "alerts").getActiveCount()))).reduce((a, b) => a + b, 0);
      return active > 0;
    }, { interval: 5, timeout: 30_000 });
    await victim.kill();
    const pendingAtKill = await pendingOutbox();
    const activeAtKill = (await Promise.all(["alerts", "stock", "email"].map((q) => getQueue(q as "alerts").getActiveCount()))).reduce((a, b) => a + b, 0);
    expect(activeAtKill).toBeGreaterThan(0); // jobs left holding locks of a dead worker
    expect(pendingAtKill + activeAtKill).toBeGreaterThan(0);

    const survivor = await startWorker(env);
    await waitIdle(60_000);
    // The dead worker's jobs were detected as stalled (lock expired) and ran again.
    expect(survivor.logs.some((l: LogLine) => l.msg === "job stalled; it runs again")).toBe(true);
    expect(await pendingOutbox()).toBe(0);
    expect([...victim.logs, ...survivor.logs].filter((l) => l.msg === "job failed for good")).toEqual([]);
    await expectOneWarningEach(ids, skus, manager);
    await survivor.stop();
  });
});

describe("two workers at once", () => {
  it("dispatch each outbox row exactly once between them", async () => {
    const setup = await startWorker(env);
    const { manager, loc, skus, ids } = await stockedProducts(40, 12);
    await waitIdle();
    await setup.stop();

    const clerk = await actorFor("clerk");
    const movementIds = [...(await issueEach(clerk, loc, skus, 1, 3)), ...(await issueEach(clerk, loc, skus, 1, 2))];
    const [a, b] = await Promise.all([startWorker(env), startWorker(env)]);
    await waitIdle(60_000);

    const dispatchedBy = (w: typeof a) => w.logs.filter((l) => l.msg === "outbox dispatched").flatMap((l) => l.ids as string[]);
    const fromA = dispatchedBy(a);
    const fromB = dispatchedBy(b);
    const all = [...fromA, ...fromB];
    expect(new Set(all).size).toBe(all.length); // no row twice
    const ours = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM outbox_events WHERE payload->>'movementId' = ANY(${movementIds}::text[])`;
    expect(ours).toHaveLength(80);
    for (const r of ours) expect(all).toContain(String(r.id));
    // Both took part (the backlog was there before either started, in batches of 5).
    expect(fromA.length).toBeGreaterThan(0);
    expect(fromB.length).toBeGreaterThan(0);
    // And the jobs they produced ran once each, across both.
    const done = [...a.logs, ...b.logs].filter((l) => l.msg === "job done").map((l) => String(l.jobId));
    expect(new Set(done).size).toBe(done.length);
    await expectOneWarningEach(ids, skus, manager);
    await Promise.all([a.stop(), b.stop()]);
  });
});
