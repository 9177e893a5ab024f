// Signed webhooks end to end (docs/webhooks.md): endpoints registered through the domain, events
// from the outbox (movements, alerts), a real worker process delivering them to a local receiver
// (WEBHOOK_ALLOW_PRIVATE=1 — the receiver is on loopback), signatures verified with the reference
// implementation of Standard Webhooks (the `standardwebhooks` package).
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, pgPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cleanup } from "@/lib/maintenance/cleanup";
import { addJobs, getQueue } from "@/lib/queue/queues";
import { createCustomer } from "@/lib/sales/customers";
import { createSalesOrder, transitionSalesOrder } from "@/lib/sales/orders";
import { postMovement } from "@/lib/stock/post-movement";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import { redeliverWebhook } from "@/lib/webhooks/deliveries";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { fanoutWebhookEvents } from "@/lib/webhooks/fanout";
import { attemptJobId, resumeStalledDeliveries } from "@/lib/webhooks/resume";
import { sendWebhook } from "@/lib/webhooks/send";
import { forbiddenAddress } from "@/lib/webhooks/url-guard";
import { actorFor, uniq } from "../support/fixtures";
import { cleanupQueues, jobsTestEnv, startWorker, stopAll, waitFor, waitIdle } from "../support/jobs";
import { makeLocations, makeProduct } from "../support/stock-fixtures";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

const DISABLE_AFTER = 4;
const env = jobsTestEnv({ WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_DELAYS_MS: "100,100,100,100", WEBHOOK_DISABLE_AFTER: String(DISABLE_AFTER), WEBHOOK_TIMEOUT_MS: "3000" });

let receiver: Receiver;
const created: string[] = [];

beforeAll(async () => {
  // /flaky fails its first three requests; /down… always fails; everything else answers 200.
  receiver = await startReceiver((path, n) => (path === "/flaky" ? (n <= 3 ? 500 : 200) : path.startsWith("/down") ? 503 : 200));
  await startWorker(env);
});

afterEach(async () => {
  // Each test's endpoint leaves, so later events do not reach it.
  const admin = await actorFor("admin");
  for (const id of created.splice(0)) await deleteWebhookEndpoint(admin, id).catch(() => {});
});

afterAll(async () => {
  await stopAll();
  await cleanupQueues(env.QUEUE_PREFIX);
  await receiver.close();
});

async function register(path: string, events: string[]) {
  const admin = await actorFor("admin");
  const out = await createWebhookEndpoint(admin, { url: receiver.url(path), events, description: `test ${path}` });
  created.push(out.endpoint.id);
  return { ...out, admin };
}

async function moveIn(units = 5) {
  const manager = await actorFor("manager");
  const [loc] = await makeLocations(1);
  const sku = await makeProduct(manager);
  const { result } = await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: units }] });
  return { movementId: result.id, sku, loc, manager };
}

describe("webhooks", () => {
  it("delivers movement.posted signed per Standard Webhooks, verifiable with the reference package", async () => {
    const { endpoint, secret } = await register("/ok", ["movement.posted"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint.secretPrefix).not.toBe(secret);
    const { movementId } = await moveIn();
    const hit = await waitFor("movement.posted at /ok", () => receiver.on("/ok").find((r) => r.json.data.movementId === movementId));
    expect(hit.json.type).toBe("movement.posted");
    expect(hit.json.data).toMatchObject({ movementId, type: "in" });
    expect(hit.headers["webhook-id"]).toMatch(/^evt_\d+$/);
    expect(Number(hit.headers["webhook-timestamp"])).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(hit.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(hit.headers["content-type"]).toBe("application/json");
    // The reference implementation accepts it; a tampered body or another secret is refused.
    expect(new Webhook(secret).verify(hit.body, hit.headers)).toMatchObject({ type: "movement.posted" });
    expect(() => new Webhook(secret).verify(hit.body.replace("movement", "mövement"), hit.headers)).toThrow();
    expect(() => new Webhook("whsec_" + Buffer.alloc(32, 1).toString("base64")).verify(hit.body, hit.headers)).toThrow();

    const delivery = await waitFor("delivery succeeded", () => db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id, status: "succeeded" } }));
    expect(delivery).toMatchObject({ eventId: hit.headers["webhook-id"], eventType: "movement.posted", attempts: 1, lastStatusCode: 200 });
    expect(delivery.lastDurationMs).toBeGreaterThanOrEqual(0);
  });

  it("retries a receiver that fails 3 times: 4 requests with one webhook-id, nothing after success", async () => {
    const { endpoint } = await register("/flaky", ["movement.posted"]);
    const { movementId } = await moveIn();
    const d = await waitFor("delivery succeeded", () => db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id, status: "succeeded" } }), { timeout: 30_000 });
    await waitIdle();
    await new Promise((r) => setTimeout(r, 600)); // longer than any retry delay: a stray attempt would show
    const hits = receiver.on("/flaky");
    expect(hits).toHaveLength(4);
    expect(new Set(hits.map((h) => h.headers["webhook-id"]))).toEqual(new Set([d.eventId]));
    expect(hits.every((h) => h.json.data.movementId === movementId)).toBe(true);
    expect(d).toMatchObject({ attempts: 4, lastStatusCode: 200 });
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: d.id }, orderBy: { createdAt: "asc" } });
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(0);
  });

  it(`disables an endpoint after ${DISABLE_AFTER} consecutive failures and notifies the admins once`, async () => {
    const { endpoint } = await register("/down", ["movement.posted"]);
    const admins = await db.user.count({ where: { role: "admin", active: true } });
    await moveIn();
    const off = await waitFor("endpoint disabled", () => db.webhookEndpoint.findFirst({ where: { id: endpoint.id, active: false } }), { timeout: 30_000 });
    await waitIdle();
    await new Promise((r) => setTimeout(r, 600));
    expect(off.consecutiveFailures).toBe(DISABLE_AFTER);
    expect(off.disabledAt).not.toBeNull();
    expect(off.disabledReason).toMatch(/HTTP 503/);
    // The schedule had room for a 5th attempt; the disabled endpoint gets none.
    expect(receiver.on("/down")).toHaveLength(DISABLE_AFTER);
    const d = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(d).toMatchObject({ status: "failed", attempts: DISABLE_AFTER, lastStatusCode: 503 });
    // One notice per admin, one audit row, one email.
    const notices = await db.notification.findMany({ where: { kind: "webhook.disabled", data: { path: ["endpointId"], equals: endpoint.id } } });
    expect(notices).toHaveLength(admins);
    expect(new Set(notices.map((n) => n.userId)).size).toBe(admins);
    expect(await db.auditLog.count({ where: { action: "webhook.disable", entityId: endpoint.id } })).toBe(1);
    expect(await db.emailMessage.count({ where: { subject: { contains: receiver.url("/down") } } })).toBe(1);
    // A later event is not even fanned out to it.
    await moveIn();
    await waitIdle();
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
  });

  it("disables once when several deliveries fail at the same time: one notice per admin, one audit row", async () => {
    const { endpoint } = await register("/down-many", ["movement.posted"]);
    const admins = await db.user.count({ where: { role: "admin", active: true } });
    await Promise.all(Array.from({ length: 6 }, () => moveIn(1)));
    await waitFor("endpoint disabled", () => db.webhookEndpoint.findFirst({ where: { id: endpoint.id, active: false } }), { timeout: 30_000 });
    await waitIdle();
    const off = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(off.consecutiveFailures).toBeGreaterThanOrEqual(DISABLE_AFTER);
    expect(await db.notification.count({ where: { kind: "webhook.disabled", data: { path: ["endpointId"], equals: endpoint.id } } })).toBe(admins);
    expect(await db.auditLog.count({ where: { action: "webhook.disable", entityId: endpoint.id } })).toBe(1);
    // Every delivery ended failed, none is left pending with a retry queued.
    const statuses = await db.webhookDelivery.groupBy({ by: ["status"], where: { endpointId: endpoint.id }, _count: true });
    expect(statuses.map((g) => g.status)).toEqual(["failed"]);
    // Every request the receiver saw is a recorded attempt (and the other way round).
    expect(await db.webhookAttempt.count({ where: { delivery: { endpointId: endpoint.id } } })).toBe(receiver.on("/down-many").length);
  });

  it("delivers alert.opened when a movement opens a low-stock alert", async () => {
    const { endpoint, secret } = await register("/alerts", ["alert.opened"]);
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager, { minStock: 10, safetyStock: 2 });
    await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 12 }] });
    await postMovement(manager, { type: "out", lines: [{ sku, location: loc, quantity: 5 }] });
    const hit = await waitFor("alert.opened", () => receiver.on("/alerts").find((r) => r.json.data.sku === sku));
    expect(hit.json).toMatchObject({ type: "alert.opened", data: { sku, level: "warning", onHand: 7, threshold: 10 } });
    expect(new Webhook(secret).verify(hit.body, hit.headers)).toBeTruthy();
    // Movements are not what it subscribed to.
    await waitIdle();
    expect(receiver.on("/alerts").every((r) => r.json.type === "alert.opened")).toBe(true);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
  });

  it("delivers document events written in the domain's transaction: a customer order confirmed", async () => {
    const { secret } = await register("/orders", ["sales_order.status_changed"]);
    const { sku, manager } = await moveIn(5);
    const customer = uniq("CUST");
    await createCustomer(manager, { code: customer, name: "Webhook customer", currency: "CNY", shippingAddress: "1 Main St" });
    const o = await createSalesOrder(manager, { customer, requestedDate: "2026-12-06", lines: [{ sku, quantity: 2, unitPrice: "10.00" }] });
    await transitionSalesOrder(manager, o.number, { action: "confirm" });
    const hit = await waitFor("sales_order.status_changed", () => receiver.on("/orders").find((r) => r.json.data.number === o.number));
    expect(hit.json).toMatchObject({ type: "sales_order.status_changed", data: { orderId: o.id, number: o.number, action: "confirm", from: "draft", to: "confirmed" } });
    expect(new Webhook(secret).verify(hit.body, hit.headers)).toBeTruthy();
    // Exactly the outbox row of that transition: the webhook-id names it.
    const [row] = await pgPool.query<{ event_type: string }>("SELECT event_type FROM outbox_events WHERE id = $1", [hit.headers["webhook-id"].replace(/^evt_/, "")]).then((r) => r.rows);
    expect(row.event_type).toBe("sales_order.status_changed");
  });

  it("redelivers a delivery with the same webhook-id, and a repeated fan-out adds no delivery", async () => {
    const { endpoint, admin } = await register("/again", ["movement.posted"]);
    await moveIn();
    const d = await waitFor("delivered", () => db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id, status: "succeeded" } }));
    await redeliverWebhook(admin, endpoint.id, d.id);
    await waitFor("a second request", () => receiver.on("/again").length === 2);
    const [first, second] = receiver.on("/again");
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(second.body).toBe(first.body);
    await waitIdle();
    const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(after).toMatchObject({ status: "succeeded", attempts: 2 });
    expect((await db.webhookAttempt.findMany({ where: { deliveryId: d.id } })).map((a) => a.manual).sort()).toEqual([false, true]);

    // The fan-out of the same outbox row again: nothing new in the table, nothing new sent.
    const outboxId = d.eventId.replace(/^evt_/, "");
    const again = await fanoutWebhookEvents([outboxId], addJobs);
    expect(again).toMatchObject({ events: 1, created: 0, queued: 0 });
    await waitIdle();
    expect(await db.webhookDelivery.count({ where: { eventId: d.eventId } })).toBe(1);
    expect(receiver.on("/again")).toHaveLength(2);
  });

  it("the hourly resume re-queues a delivery whose chain of attempts broke, and leaves a live one alone", async () => {
    // Two movements before any endpoint listens: their rows are dispatched with no webhook work.
    const broken = await moveIn();
    const live = await moveIn();
    await waitIdle();
    const { endpoint } = await register("/resume", ["movement.posted"]);
    const outboxIdOf = async (movementId: string) =>
      (await pgPool.query<{ id: string }>("SELECT id::text AS id FROM outbox_events WHERE event_type = 'movement.posted' AND payload->>'movementId' = $1", [movementId])).rows[0].id;
    // A chain that broke: the delivery exists, its first attempt never reached the queue.
    await fanoutWebhookEvents([await outboxIdOf(broken.movementId)], async () => {});
    // A live chain: its first attempt waits in the queue (delayed a minute).
    await fanoutWebhookEvents([await outboxIdOf(live.movementId)], (jobs) => addJobs(jobs.map((j) => ({ ...j, opts: { ...j.opts, delay: 60_000 } }))));
    const pending = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, status: "pending" }, orderBy: { createdAt: "asc" } });
    expect(pending).toHaveLength(2);
    const [brokenDelivery, liveDelivery] = pending;

    const jobState = async (jobId: string) => {
      const job = await getQueue("webhooks").getJob(jobId);
      return job ? job.getState() : null;
    };
    expect(await jobState(attemptJobId(brokenDelivery.id, 1))).toBeNull();
    expect(await jobState(attemptJobId(liveDelivery.id, 1))).toBe("delayed");
    const first = await resumeStalledDeliveries({ jobState, addJobs, quietForMs: 0 });
    expect(first).toMatchObject({ checked: 2, resumed: 1 });

    const delivered = await waitFor("the broken delivery delivered", () => db.webhookDelivery.findFirst({ where: { id: brokenDelivery.id, status: "succeeded" } }));
    expect(receiver.on("/resume").map((h) => h.headers["webhook-id"])).toEqual([delivered.eventId]);
    // Again: the delivered one is settled, the live one still waits — nothing is queued twice.
    expect(await resumeStalledDeliveries({ jobState, addJobs, quietForMs: 0 })).toMatchObject({ checked: 1, resumed: 0 });
    await (await getQueue("webhooks").getJob(attemptJobId(liveDelivery.id, 1)))?.remove();
  });

  it("refuses private and loopback targets without WEBHOOK_ALLOW_PRIVATE, at registration and at delivery", async () => {
    const admin = await actorFor("admin");
    const { endpoint } = await register("/ssrf", ["movement.posted"]); // registered while the flag is on
    const outboxId = (await pgPool.query<{ id: string }>("INSERT INTO outbox_events (event_type, payload, dispatched_at) VALUES ('webhook.test', '{}', now()) RETURNING id::text")).rows[0].id;
    const delivery = await db.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: `evt_${outboxId}`, eventType: "movement.posted", payload: { type: "movement.posted", timestamp: new Date().toISOString(), data: {} } } });
    process.env.WEBHOOK_ALLOW_PRIVATE = "";
    try {
      for (const url of ["http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/", "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://224.0.0.1/"]) {
        const err = await createWebhookEndpoint(admin, { url, events: ["movement.posted"] }).catch((e: unknown) => e);
        expect(err, url).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("VALIDATION_FAILED");
        expect((err as AppError).message, url).toMatch(/public addresses/);
      }
      for (const url of ["ftp://example.com/", "http://user:pw@example.com/", "not a url"]) {
        await expect(createWebhookEndpoint(admin, { url, events: ["movement.posted"] }), url).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
      }
      // Delivery: the same guard before connecting, for names (via the socket's lookup) and literals.
      const viaName = await sendWebhook({ url: receiver.url("/ssrf").replace("127.0.0.1", "localhost"), secret: "whsec_AAAA", id: "evt_1", body: "{}", timeoutMs: 2000 });
      expect(viaName).toMatchObject({ ok: false, statusCode: null });
      expect(viaName.error).toMatch(/loopback/);
      const out = await deliverWebhook({ jobKey: `test-ssrf-${delivery.id}`, deliveryId: delivery.id, attempt: 99, manual: false }, async () => {});
      expect(out.outcome).toBe("failed");
      const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(d.lastError).toMatch(/127\.0\.0\.1 .*loopback/);
      expect(receiver.on("/ssrf")).toHaveLength(0);
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    }
    expect(forbiddenAddress("8.8.8.8")).toBeNull();
    expect(forbiddenAddress("2001:4860:4860::8888")).toBeNull();
  });

  it("the daily cleanup deletes settled deliveries past the retention and keeps pending ones", async () => {
    const { endpoint } = await register("/old", ["movement.posted"]);
    const old = new Date(Date.now() - 40 * 86_400_000);
    const make = (status: "pending" | "succeeded" | "failed", createdAt: Date, n: number) =>
      db.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: `evt_cleanup_${n}`, eventType: "movement.posted", payload: {}, status, createdAt } });
    const [a, b, c, d] = await Promise.all([make("succeeded", old, 1), make("failed", old, 2), make("pending", old, 3), make("succeeded", new Date(), 4)]);
    const out = await cleanup({ outboxRetentionDays: 7, emailRetentionDays: 30 });
    expect(out.webhookDeliveries).toBeGreaterThanOrEqual(2);
    const left = await db.webhookDelivery.findMany({ where: { id: { in: [a.id, b.id, c.id, d.id] } }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([c.id, d.id].sort());
  });
});
