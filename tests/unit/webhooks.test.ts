// Pure parts of outgoing webhooks: the Standard Webhooks signature (checked against the scheme's
// reference package), the address ranges the SSRF guard refuses, URL shapes, the retry settings and
// how the dispatcher plans webhook jobs (none when no endpoint subscribes).
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { FANOUT_EVENTS_PER_JOB, jobsForEvents, parseOutboxEvent } from "@/lib/queue/config";
import { generateWebhookSecret, signatureHeaders } from "@/lib/webhooks/signing";
import { webhookSettings } from "@/lib/webhooks/settings";
import { forbiddenAddress, urlShapeProblem } from "@/lib/webhooks/url-guard";

const M = "0193a3b4-0000-7000-8000-000000000001";
const P = "0193a3b4-0000-7000-8000-000000000002";
const movement = (id: number) => parseOutboxEvent({ id, type: "movement.posted", payload: { movementId: M, type: "in", productIds: [P] } });

describe("signatures", () => {
  it("verify with the reference implementation, and only with the right secret, id and body", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "movement.posted", timestamp: new Date().toISOString(), data: { movementId: M } });
    const headers = signatureHeaders(secret, "evt_42", Math.floor(Date.now() / 1000), body);
    expect(Object.keys(headers).sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: "movement.posted" });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "evt_43" })).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    // An old timestamp is refused by receivers (replay protection), so each attempt signs anew.
    const old = signatureHeaders(secret, "evt_42", Math.floor(Date.now() / 1000) - 3600, body);
    expect(() => new Webhook(secret).verify(body, old)).toThrow();
  });
});

describe("the SSRF guard's address rule", () => {
  it.each([
    ["127.0.0.1", "loopback"], ["::1", "loopback"], ["10.0.0.5", "private"], ["172.16.3.4", "private"], ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"], ["fe80::1", "linkLocal"], ["100.64.0.1", "carrierGradeNat"], ["fd00:ec2::254", "uniqueLocal"],
    ["224.0.0.251", "multicast"], ["ff02::1", "multicast"], ["0.0.0.0", "unspecified"], ["::", "unspecified"], ["::ffff:10.0.0.1", "private"],
    ["::ffff:127.0.0.1", "loopback"], ["255.255.255.255", "broadcast"], ["240.0.0.1", "reserved"],
  ])("refuses %s (%s)", (ip, range) => {
    expect(forbiddenAddress(ip)).toBe(range);
  });
  it.each(["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("allows %s", (ip) => {
    expect(forbiddenAddress(ip)).toBeNull();
  });
  it("checks the URL's shape", () => {
    expect(urlShapeProblem("https://erp.example.com/hooks?x=1")).toBeNull();
    expect(urlShapeProblem("http://erp.example.com:8080/")).toBeNull();
    expect(urlShapeProblem("ftp://erp.example.com/")).toMatch(/http and https/);
    expect(urlShapeProblem("https://me:secret@erp.example.com/")).toMatch(/no user name or password/);
    expect(urlShapeProblem("erp.example.com/hooks")).toMatch(/full URL/);
  });
});

describe("settings", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  it("default to Svix's schedule over about a day, and take a test override", () => {
    delete process.env.WEBHOOK_RETRY_DELAYS_MS;
    const s = webhookSettings();
    expect(s.retryDelaysMs).toHaveLength(7);
    const total = s.retryDelaysMs.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(24 * 3600_000);
    expect(total).toBeLessThan(30 * 3600_000);
    process.env.WEBHOOK_RETRY_DELAYS_MS = "100, 200";
    expect(webhookSettings().retryDelaysMs).toEqual([100, 200]);
    process.env.WEBHOOK_RETRY_DELAYS_MS = "soon";
    expect(() => webhookSettings()).toThrow(/WEBHOOK_RETRY_DELAYS_MS/);
  });
});

describe("planning webhook jobs", () => {
  it("plans nothing for webhooks when no active endpoint subscribes", () => {
    const jobs = jobsForEvents([movement(1), movement(2)], { summaryDebounceMs: 0 });
    expect(jobs.map((j) => j.name)).toEqual(["stock.followups", "stock.refresh-summary"]);
    expect(jobsForEvents([movement(1)], { summaryDebounceMs: 0, webhookEventTypes: new Set(["alert.opened"]) }).map((j) => j.name)).not.toContain("webhooks.fanout");
  });
  it("plans one fan-out per batch with a jobId of the batch's rows, and leaves the follow-ups' jobId as it was", () => {
    const batch = [movement(1), movement(2), parseOutboxEvent({ id: 3, type: "alert.opened", payload: { alertId: M, productId: P, sku: "A", level: "warning", onHand: 1, threshold: 5 } })];
    const without = jobsForEvents(batch, { summaryDebounceMs: 0 });
    const jobs = jobsForEvents(batch, { summaryDebounceMs: 0, webhookEventTypes: new Set(["movement.posted", "alert.opened"]) });
    const fanout = jobs.filter((j) => j.name === "webhooks.fanout");
    expect(fanout).toHaveLength(1);
    expect(fanout[0].data).toEqual({ outboxIds: ["1", "2", "3"] });
    expect(fanout[0].opts.jobId).toBe(jobsForEvents([...batch].reverse(), { summaryDebounceMs: 0, webhookEventTypes: new Set(["movement.posted", "alert.opened"]) }).find((j) => j.name === "webhooks.fanout")!.opts.jobId);
    expect(jobs.find((j) => j.name === "stock.followups")!.opts.jobId).toBe(without.find((j) => j.name === "stock.followups")!.opts.jobId);
  });
  it("splits a batch larger than a fan-out job takes", () => {
    const many = Array.from({ length: FANOUT_EVENTS_PER_JOB + 5 }, (_, i) => movement(i + 1));
    const fanouts = jobsForEvents(many, { summaryDebounceMs: 0, webhookEventTypes: new Set(["movement.posted"]) }).filter((j) => j.name === "webhooks.fanout");
    expect(fanouts.map((j) => (j.data as { outboxIds: string[] }).outboxIds.length)).toEqual([FANOUT_EVENTS_PER_JOB, 5]);
    expect(new Set(fanouts.map((j) => j.opts.jobId)).size).toBe(2);
  });
  it("queues a redelivery as a manual attempt and a ping as the first automatic one", () => {
    const D = "0193a3b4-0000-7000-8000-000000000003";
    const [manual] = jobsForEvents([parseOutboxEvent({ id: 9, type: "webhook.attempt", payload: { deliveryId: D, manual: true } })], { summaryDebounceMs: 0 });
    expect(manual).toMatchObject({ name: "webhooks.deliver", queue: "webhooks", data: { deliveryId: D, attempt: 1, manual: true }, opts: { jobId: `webhooks.deliver.${D}.m9` } });
    const [ping] = jobsForEvents([parseOutboxEvent({ id: 10, type: "webhook.attempt", payload: { deliveryId: D, manual: false } })], { summaryDebounceMs: 0 });
    expect(ping.opts.jobId).toBe(`webhooks.deliver.${D}.a1`);
  });
});
