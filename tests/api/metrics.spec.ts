// Metrics and request ids against the production server (`npm start`: a cluster of web workers) and
// the e2e runner's background worker (docs/observability.md). scripts/e2e.ts sets METRICS_TOKEN and
// WORKER_METRICS_PORT for both, and the web server's LOG_FILE (test-results/web.log) beside the
// worker's test-results/worker.log.
import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { call, expectError, unique } from "./support";

const TOKEN = process.env.METRICS_TOKEN ?? "";
const WORKER = `http://127.0.0.1:${process.env.WORKER_METRICS_PORT}`;
const WEB_LOG = process.env.WEB_LOG_FILE || "test-results/web.log";
const WORKER_LOG = "test-results/worker.log";

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** Σ of the samples named `name` whose labels include `where`. */
function sum(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
}

async function scrapeWeb(request: APIRequestContext): Promise<Sample[]> {
  const r = await request.get("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status(), await r.text()).toBe(200);
  expect(r.headers()["content-type"]).toContain("text/plain");
  return parse(await r.text());
}

async function scrapeWorker(request: APIRequestContext): Promise<Sample[]> {
  const r = await request.get(`${WORKER}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status(), await r.text()).toBe(200);
  return parse(await r.text());
}

// Run any other way, these specs fail and say why: a skip here would let them pass unseen.
test.beforeAll(() => {
  if (!TOKEN || !process.env.WORKER_METRICS_PORT) throw new Error("METRICS_TOKEN and WORKER_METRICS_PORT are unset: run these specs through npm run test:e2e (scripts/e2e.ts sets them)");
});

test.describe("metrics", () => {

  test("a scrape without the token, or with a wrong one, is refused with 401 on web and worker", async ({ request }) => {
    await expectError(await request.get("/metrics"), 401, "UNAUTHENTICATED");
    await expectError(await request.get("/metrics", { headers: { authorization: "Bearer wrong" } }), 401, "UNAUTHENTICATED");
    await expectError(await request.get("/metrics", { headers: { authorization: `Bearer ${TOKEN}x` } }), 401, "UNAUTHENTICATED");
    await expectError(await request.get("/metrics", { headers: { authorization: TOKEN } }), 401, "UNAUTHENTICATED");
    await expectError(await request.get(`${WORKER}/metrics`), 401, "UNAUTHENTICATED");
    await expectError(await request.get(`${WORKER}/metrics`, { headers: { authorization: "Bearer wrong" } }), 401, "UNAUTHENTICATED");
    const health = await request.get(`${WORKER}/healthz`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
  });

  test("N movements move the web's counters and histograms by N, and the worker's job histogram", async ({ request }) => {
    const N = 6;
    const sku = unique("MET");
    expect((await call(request, "manager", "POST", "/products", { sku, name: "Metrics test" })).status()).toBe(201);
    const [web0, worker0] = await Promise.all([scrapeWeb(request), scrapeWorker(request)]);
    const route = { method: "POST", route: "/api/v1/movements", status: "201" };
    const followups = { job: "stock.followups", outcome: "completed" };
    for (let i = 0; i < N; i++) {
      const r = await call(request, "clerk", "POST", "/movements", { type: "in", lines: [{ sku, location: "C-02-03", quantity: 1 }] });
      expect(r.status(), await r.text()).toBe(201);
    }
    // Refused for want of stock: counted apart.
    expect((await call(request, "clerk", "POST", "/movements", { type: "out", lines: [{ sku, location: "C-02-03", quantity: 1000 }] })).status()).toBe(409);

    // The requests went to several cluster workers: the scrape sums them all.
    const web1 = await scrapeWeb(request);
    expect(sum(web1, "wms_movements_posted_total") - sum(web0, "wms_movements_posted_total")).toBe(N);
    expect(sum(web1, "wms_movements_posted_total", { type: "in", channel: "api" }) - sum(web0, "wms_movements_posted_total", { type: "in", channel: "api" })).toBe(N);
    expect(sum(web1, "wms_insufficient_stock_total") - sum(web0, "wms_insufficient_stock_total")).toBe(1);
    expect(sum(web1, "wms_http_request_duration_seconds_count", route) - sum(web0, "wms_http_request_duration_seconds_count", route)).toBeGreaterThanOrEqual(N);
    expect(sum(web1, "wms_http_requests_total", route) - sum(web0, "wms_http_requests_total", route)).toBeGreaterThanOrEqual(N);
    // Route templates, not paths: a product's SKU never becomes a label.
    expect(web1.some((s) => s.labels.route === "/api/v1/products/[sku]" || s.labels.route === "/api/v1/products")).toBe(true);
    expect(web1.some((s) => Object.values(s.labels).includes(sku))).toBe(false);
    expect(sum(web1, "wms_db_pool_connections", { state: "total" })).toBeGreaterThan(0);

    // The follow-ups of those movements run as stock.followups jobs on the worker.
    await expect
      .poll(async () => sum(await scrapeWorker(request), "wms_job_duration_seconds_count", followups) - sum(worker0, "wms_job_duration_seconds_count", followups), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const worker1 = await scrapeWorker(request);
    expect(sum(worker1, "wms_worker_up")).toBe(1);
    expect(sum(worker1, "wms_dispatcher_last_loop_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(worker1.some((s) => s.name === "wms_outbox_pending")).toBe(true);
    expect(worker1.some((s) => s.name === "wms_queue_jobs" && s.labels.queue === "stock")).toBe(true);
  });
});

test.describe("request ids", () => {

  const linesWith = (file: string, needle: string) =>
    fs.existsSync(file)
      ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l.includes(needle)).map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];

  test("one movement's X-Request-Id is echoed and found in the web's access line, the dispatch line and its job's lines", async ({ request }) => {
    const sku = unique("RID");
    expect((await call(request, "manager", "POST", "/products", { sku, name: "Request id test" })).status()).toBe(201);
    const reqId = `trace-${unique("R").toLowerCase()}`;
    const r = await call(request, "clerk", "POST", "/movements", { type: "in", lines: [{ sku, location: "C-02-03", quantity: 2 }] }, { "X-Request-Id": reqId });
    expect(r.status()).toBe(201);
    expect(r.headers()["x-request-id"]).toBe(reqId);

    await expect.poll(() => linesWith(WEB_LOG, reqId).filter((l) => l.msg === "request").length, { timeout: 10_000 }).toBe(1);
    expect(linesWith(WEB_LOG, reqId).find((l) => l.msg === "request")).toMatchObject({ level: "info", reqId, method: "POST", route: "/api/v1/movements", status: 201 });

    await expect.poll(() => linesWith(WORKER_LOG, reqId).filter((l) => l.job === "stock.followups" && l.msg === "job done").length, { timeout: 20_000 }).toBeGreaterThan(0);
    const worker = linesWith(WORKER_LOG, reqId);
    expect(worker.find((l) => l.msg === "outbox dispatched")?.requestIds).toContain(reqId);
    for (const l of worker.filter((x) => x.job)) expect(l.requestIds).toContain(reqId);
  });

  test("a page rendered by Next gets the id too, and its access line names the page's route template", async ({ request }) => {
    const reqId = `page-${unique("P").toLowerCase()}`;
    const r = await request.get("/login", { headers: { "X-Request-Id": reqId } });
    expect(r.status()).toBe(200);
    expect(r.headers()["x-request-id"]).toBe(reqId);
    await expect.poll(() => linesWith(WEB_LOG, reqId).find((l) => l.msg === "request"), { timeout: 10_000 }).toMatchObject({ method: "GET", route: "/login", status: 200 });
  });

  test("an insane X-Request-Id is replaced; a request handled by Next (a route handler) logs with its id", async ({ request }) => {
    const r = await call(request, "clerk", "GET", "/no-such-endpoint", undefined, { "X-Request-Id": "bad id with spaces" });
    expect(r.status()).toBe(404);
    const id = r.headers()["x-request-id"];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The API's catch-all route (Next) refused it at warn with its code, carrying the id.
    await expect.poll(() => linesWith(WEB_LOG, id).find((l) => l.msg === "request refused"), { timeout: 10_000 }).toMatchObject({ level: "warn", code: "NOT_FOUND", reqId: id });
    // A bearer token never reaches the log.
    expect(fs.readFileSync(WEB_LOG, "utf8")).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});
