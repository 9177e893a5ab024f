// /api/v1/webhooks against the production build: CRUD shapes, the secret answered once (create and
// rotate), admins only, URLs refused with 422, and a movement posted through the API delivered to a
// local receiver (the e2e runner sets WEBHOOK_ALLOW_PRIVATE=1), redelivered with the same id.
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { call, expectError, expectStatus, unique } from "./support";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

const ENDPOINT_KEYS = ["id", "url", "description", "events", "active", "disabledAt", "disabledReason", "consecutiveFailures", "secretPrefix", "createdBy", "createdAt", "updatedAt"].sort();

async function waitFor<T>(what: string, fn: () => T | undefined | false, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("an admin registers, reads, changes, rotates and deletes an endpoint; the secret is answered only twice", async ({ request }) => {
  const path = `/crud-${unique("W")}`;
  const created = await expectStatus(await call(request, "admin", "POST", "/webhooks", { url: receiver.url(path), description: "ERP", events: ["movement.posted", "alert.opened"] }), 201);
  expect(Object.keys(created).sort()).toEqual(["endpoint", "secret"]);
  expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const ep = created.endpoint;
  expect(Object.keys(ep).sort()).toEqual(ENDPOINT_KEYS);
  expect(ep).toMatchObject({ url: receiver.url(path), description: "ERP", events: ["movement.posted", "alert.opened"], active: true, consecutiveFailures: 0, disabledAt: null });
  expect(created.secret.startsWith(ep.secretPrefix.replace("…", ""))).toBe(true);

  // Never again in a read.
  const got = await call(request, "admin", "GET", `/webhooks/${ep.id}`);
  const text = await got.text();
  expect(got.status()).toBe(200);
  expect(text).not.toContain(created.secret);
  expect(Object.keys(JSON.parse(text)).sort()).toEqual(ENDPOINT_KEYS);
  const list = await expectStatus(await call(request, "admin", "GET", "/webhooks"), 200);
  expect(list.items.some((e: { id: string }) => e.id === ep.id)).toBe(true);
  expect(JSON.stringify(list)).not.toContain(created.secret);

  const changed = await expectStatus(await call(request, "admin", "PATCH", `/webhooks/${ep.id}`, { events: ["alert.resolved"], active: false }), 200);
  expect(changed).toMatchObject({ events: ["alert.resolved"], active: false, disabledReason: "Turned off by an admin." });
  await expectError(await call(request, "admin", "POST", `/webhooks/${ep.id}/ping`), 409, "INVALID_TRANSITION");
  const on = await expectStatus(await call(request, "admin", "PATCH", `/webhooks/${ep.id}`, { active: true }), 200);
  expect(on).toMatchObject({ active: true, disabledAt: null, disabledReason: null });

  const rotated = await expectStatus(await call(request, "admin", "POST", `/webhooks/${ep.id}/rotate-secret`), 200);
  expect(rotated.secret).toMatch(/^whsec_/);
  expect(rotated.secret).not.toBe(created.secret);

  const ping = await expectStatus(await call(request, "admin", "POST", `/webhooks/${ep.id}/ping`), 202);
  expect(ping).toMatchObject({ eventType: "webhook.ping", status: "pending", attempts: 0 });
  const hit = await waitFor("the ping", () => receiver.on(path).find((r) => r.json.type === "webhook.ping"));
  expect(new Webhook(rotated.secret).verify(hit.body, hit.headers)).toMatchObject({ type: "webhook.ping" });
  expect(() => new Webhook(created.secret).verify(hit.body, hit.headers)).toThrow();

  expect((await call(request, "admin", "DELETE", `/webhooks/${ep.id}`)).status()).toBe(204);
  await expectError(await call(request, "admin", "GET", `/webhooks/${ep.id}`), 404, "NOT_FOUND");
  await expectError(await call(request, "admin", "DELETE", `/webhooks/${ep.id}`), 404, "NOT_FOUND");
});

test("only admins manage webhooks: a clerk and a manager get 403", async ({ request }) => {
  for (const role of ["clerk", "manager"] as const) {
    await expectError(await call(request, role, "GET", "/webhooks"), 403, "FORBIDDEN");
    await expectError(await call(request, role, "POST", "/webhooks", { url: receiver.url("/nope"), events: ["movement.posted"] }), 403, "FORBIDDEN");
  }
});

test("a bad URL or body → 422 VALIDATION_FAILED on the field", async ({ request }) => {
  const cases: [unknown, string, RegExp][] = [
    [{ url: "ftp://erp.example.com/", events: ["movement.posted"] }, "url", /http and https/],
    [{ url: "https://me:pw@erp.example.com/", events: ["movement.posted"] }, "url", /user name or password/],
    [{ url: "erp.example.com", events: ["movement.posted"] }, "url", /full URL/],
    [{ url: "https://no-such-host.invalid/", events: ["movement.posted"] }, "url", /cannot be resolved|does not resolve/],
    [{ url: receiver.url("/x"), events: [] }, "events", /at least one/],
    [{ url: receiver.url("/x"), events: ["stock.everything"] }, "events.0", /./],
  ];
  for (const [body, path, message] of cases) {
    const e = await expectError(await call(request, "admin", "POST", "/webhooks", body), 422, "VALIDATION_FAILED");
    const issues = (e.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.find((i) => i.path === path)?.message, JSON.stringify(body)).toMatch(message);
  }
});

test("a movement posted through the API reaches the endpoint, shows in the log, and redelivers with the same id", async ({ request }) => {
  const path = `/moves-${unique("W")}`;
  const { endpoint, secret } = await expectStatus(await call(request, "admin", "POST", "/webhooks", { url: receiver.url(path), events: ["movement.posted"] }), 201);
  const moved = await expectStatus(await call(request, "manager", "POST", "/movements", { type: "in", reference: unique("WH"), lines: [{ sku: "SKU-00987", location: "A-01-01", quantity: 1 }] }), 201);
  const hit = await waitFor("movement.posted", () => receiver.on(path).find((r) => r.json.data.movementId === moved.id));
  expect(new Webhook(secret).verify(hit.body, hit.headers)).toMatchObject({ type: "movement.posted" });

  // The log: polled until the attempt is recorded (it commits just after the receiver answered).
  let delivery: { id: string; attempts: number; lastStatusCode: number } | undefined;
  for (let i = 0; !delivery && i < 100; i++) {
    const page = await expectStatus(await call(request, "admin", "GET", `/webhooks/${endpoint.id}/deliveries`), 200);
    delivery = page.items.find((d: { eventId: string; status: string }) => d.eventId === hit.headers["webhook-id"] && d.status === "succeeded");
    if (!delivery) await new Promise((r) => setTimeout(r, 100));
  }
  expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: 200 });

  await expectStatus(await call(request, "admin", "POST", `/webhooks/${endpoint.id}/deliveries/${delivery!.id}/redeliver`), 202);
  const again = await waitFor("the redelivery", () => receiver.on(path).length >= 2 && receiver.on(path)[1]);
  expect(again.headers["webhook-id"]).toBe(hit.headers["webhook-id"]);
  expect(again.body).toBe(hit.body);
  await expectError(await call(request, "admin", "POST", `/webhooks/${endpoint.id}/deliveries/00000000-0000-7000-8000-00000000abcd/redeliver`), 404, "NOT_FOUND");
  expect((await call(request, "admin", "DELETE", `/webhooks/${endpoint.id}`)).status()).toBe(204);
});
