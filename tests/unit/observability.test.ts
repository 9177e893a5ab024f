// Observability helpers (docs/observability.md): route templates for the metrics' `route` label,
// request-id sanitising, log redaction and request ids on log lines, the metrics token check, and
// the request ids a job carries beside its payload.
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, isoTime, wrap } from "@/lib/log";
import { bearerMatches, metricsAnswer } from "@/lib/metrics/endpoint";
import { appRouteTemplates, OTHER_ROUTE, routeMatcher } from "@/lib/metrics/routes";
import { MAX_JOB_REQUEST_IDS, splitJobData, withRequestIds } from "@/lib/queue/job-meta";
import { JOBS, planJob } from "@/lib/queue/config";
import { requestContext, requestIdFrom, sanitizeRequestId } from "@/lib/request-context";

describe("route templates", () => {
  const match = routeMatcher([
    "/",
    "/products",
    "/products/new",
    "/products/[sku]",
    "/products/[sku]/edit",
    "/api/v1/products/[sku]",
    "/api/v1/products/[sku]/restore",
    "/api/v1/[[...path]]",
    "/api/auth/[...nextauth]",
    "/docs/[[...slug]]",
    "/sw.js",
  ]);

  it("maps paths to their template, static segments first", () => {
    expect(match("/")).toBe("/");
    expect(match("/products")).toBe("/products");
    expect(match("/products/")).toBe("/products");
    expect(match("/products/new")).toBe("/products/new");
    expect(match("/products/ABC-1")).toBe("/products/[sku]");
    expect(match("/products/ABC-1/edit")).toBe("/products/[sku]/edit");
    expect(match("/api/v1/products/%E4%B8%AD")).toBe("/api/v1/products/[sku]");
    expect(match("/api/v1/products/X/restore")).toBe("/api/v1/products/[sku]/restore");
    expect(match("/sw.js")).toBe("/sw.js");
  });

  it("catch-alls take what nothing more specific takes; unknown paths share one label", () => {
    expect(match("/api/v1/products/X/nothing/here")).toBe("/api/v1/[[...path]]");
    expect(match("/api/v1")).toBe("/api/v1/[[...path]]");
    expect(match("/api/v1/whatever")).toBe("/api/v1/[[...path]]");
    expect(match("/api/auth/signin/github")).toBe("/api/auth/[...nextauth]");
    expect(match("/api/auth")).toBe(OTHER_ROUTE);
    expect(match("/docs")).toBe("/docs/[[...slug]]");
    expect(match("/docs/a/b")).toBe("/docs/[[...slug]]");
    expect(match("/no/such/page")).toBe(OTHER_ROUTE);
    expect(match("/products/ABC-1/edit/more")).toBe(OTHER_ROUTE);
    expect(match("/_next/static/chunks/app.js")).toBe("/_next");
  });

  it("reads this app's templates from app/ without route groups and private folders", () => {
    const templates = appRouteTemplates(path.join(process.cwd(), "app"));
    expect(templates).toContain("/api/v1/products/[sku]");
    expect(templates).toContain("/api/v1/movements");
    expect(templates).toContain("/api/v1/[[...path]]");
    expect(templates).toContain("/metrics");
    expect(templates).toContain("/manifest.webmanifest");
    expect(templates.some((t) => t.includes("(") || t.includes("/_lib"))).toBe(false);
    const appMatch = routeMatcher(templates);
    expect(appMatch("/api/v1/products/SKU-123")).toBe("/api/v1/products/[sku]");
    expect(appMatch("/api/v1/movements")).toBe("/api/v1/movements");
    expect(appMatch("/api/v1/movements/batch")).toBe("/api/v1/movements/batch");
  });
});

describe("request ids", () => {
  it("honours a sane X-Request-Id and replaces anything else", () => {
    expect(sanitizeRequestId("abc-123")).toBe("abc-123");
    expect(sanitizeRequestId("A.b_c:d-1")).toBe("A.b_c:d-1");
    expect(sanitizeRequestId("x".repeat(128))).toBe("x".repeat(128));
    expect(sanitizeRequestId(["first", "second"])).toBe("first");
    for (const bad of ["", "x".repeat(129), "has space", "new\nline", "quote\"", "ü", "a/b", "{}", null, undefined]) expect(sanitizeRequestId(bad)).toBeUndefined();
    expect(requestIdFrom("keep-me")).toBe("keep-me");
    expect(requestIdFrom("bad id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

function captured() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { log: wrap(createLogger(stream)), lines };
}

describe("logs", () => {
  it("redacts secrets at the top level and two levels down", () => {
    const { log, lines } = captured();
    log.info("login", {
      password: "hunter2",
      token: "t0k3n",
      secret: "s3cr3t",
      authorization: "Bearer abc",
      headers: { authorization: "Bearer def", cookie: "session=1", "set-cookie": "session=2", accept: "*/*" },
      body: { user: { password: "pw", email: "a@b.c" } },
      accessToken: "at",
    });
    const text = JSON.stringify(lines[0]);
    for (const s of ["hunter2", "t0k3n", "s3cr3t", "Bearer abc", "Bearer def", "session=1", "session=2", "\"pw\"", "\"at\""]) expect(text).not.toContain(s);
    expect(lines[0]).toMatchObject({ level: "info", msg: "login", password: "[redacted]", headers: { authorization: "[redacted]", accept: "*/*" }, body: { user: { password: "[redacted]", email: "a@b.c" } } });
  });

  it("adds the request id of the context to every line, and a job's request ids", () => {
    const { log, lines } = captured();
    log.info("outside");
    requestContext.run({ reqId: "req-1" }, () => log.warn("inside", { code: "NOT_FOUND" }));
    requestContext.run({ requestIds: ["req-2", "req-3"] }, () => log.error("job line", { err: new Error("boom") }));
    expect(lines[0]).not.toHaveProperty("reqId");
    expect(lines[1]).toMatchObject({ level: "warn", msg: "inside", reqId: "req-1", code: "NOT_FOUND" });
    expect(lines[2]).toMatchObject({ level: "error", requestIds: ["req-2", "req-3"], err: { message: "boom" } });
    expect((lines[2].err as { stack: string }).stack).toContain("Error: boom");
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it("writes times as ISO 8601 with milliseconds", () => {
    for (const t of [0, 5, 42, 999, 1000, 1_796_544_620_553, 1_796_544_620_007, 1_796_544_621_000]) {
      expect(isoTime(t)).toBe(`,"time":"${new Date(t).toISOString()}"`);
    }
  });
});

describe("the metrics token", () => {
  const saved = process.env.METRICS_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });
  const render = async () => ({ contentType: "text/plain", text: "wms_x 1\n" });

  it("compares the bearer token", () => {
    expect(bearerMatches("Bearer s3cret", "s3cret")).toBe(true);
    expect(bearerMatches("bearer s3cret", "s3cret")).toBe(true);
    expect(bearerMatches("Bearer s3cre", "s3cret")).toBe(false);
    expect(bearerMatches("Bearer s3cretx", "s3cret")).toBe(false);
    expect(bearerMatches("s3cret", "s3cret")).toBe(false);
    expect(bearerMatches("Basic s3cret", "s3cret")).toBe(false);
    expect(bearerMatches(undefined, "s3cret")).toBe(false);
  });

  it("is off (404) without METRICS_TOKEN; 401 in the API error shape without the right token", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await metricsAnswer("Bearer anything", render)).status).toBe(404);
    process.env.METRICS_TOKEN = "s3cret";
    const denied = await metricsAnswer("Bearer nope", render);
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.body)).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    expect((await metricsAnswer(undefined, render)).status).toBe(401);
    expect(await metricsAnswer("Bearer s3cret", render)).toMatchObject({ status: 200, body: "wms_x 1\n" });
  });
});

describe("GET /metrics without scripts/web-server.ts (next dev, WEB_FAST_PATH=0)", () => {
  const saved = process.env.METRICS_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });

  it("answers the process's registry to the token's bearer", async () => {
    const { GET } = await import("@/app/metrics/route");
    const { observeHttp } = await import("@/lib/metrics/registry");
    observeHttp("GET", "/api/v1/products/[sku]", 200, 0.012);
    process.env.METRICS_TOKEN = "t0k";
    const ok = await GET(new Request("http://localhost/metrics", { headers: { authorization: "Bearer t0k" } }));
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).toContain('wms_http_requests_total{method="GET",route="/api/v1/products/[sku]",status="200"} 1');
    expect(text).toContain('wms_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/api/v1/products/[sku]",status="200"} 1');
    expect(text).toContain("wms_process_cpu_seconds_total");
    expect((await GET(new Request("http://localhost/metrics"))).status).toBe(401);
  });
});

describe("the hot path's counter and histogram (lib/metrics/fast.ts)", () => {
  it("expose the Prometheus text prom-client would, and add up across cluster workers", async () => {
    const client = (await import("prom-client")).default;
    const { FastCounter, FastHistogram } = await import("@/lib/metrics/fast");
    const workers = [new client.Registry(), new client.Registry()].map((registry) => ({
      registry,
      counter: new FastCounter("t_requests_total", "Requests.", ["method", "route"], registry),
      histogram: new FastHistogram("t_duration_seconds", "Durations.", ["route"], [0.1, 1], registry),
    }));
    workers[0].counter.inc(["GET", "/a"]);
    workers[0].counter.inc(["GET", "/a"], 2);
    workers[1].counter.inc(["GET", "/a"]);
    workers[1].counter.inc(["POST", "/b"]);
    workers[0].histogram.observe(["/a"], 0.05);
    workers[0].histogram.observe(["/a"], 0.5);
    workers[1].histogram.observe(["/a"], 5);
    expect(await workers[0].registry.metrics()).toContain(
      [
        "# HELP t_duration_seconds Durations.",
        "# TYPE t_duration_seconds histogram",
        't_duration_seconds_bucket{le="0.1",route="/a"} 1',
        't_duration_seconds_bucket{le="1",route="/a"} 2',
        't_duration_seconds_bucket{le="+Inf",route="/a"} 2',
        't_duration_seconds_sum{route="/a"} 0.55',
        't_duration_seconds_count{route="/a"} 2',
      ].join("\n"),
    );
    const sum = client.AggregatorRegistry.aggregate(await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON())));
    const text = await sum.metrics();
    expect(text).toContain('t_requests_total{method="GET",route="/a"} 4');
    expect(text).toContain('t_requests_total{method="POST",route="/b"} 1');
    expect(text).toContain('t_duration_seconds_bucket{le="1",route="/a"} 2');
    expect(text).toContain('t_duration_seconds_bucket{le="+Inf",route="/a"} 3');
    expect(text).toContain('t_duration_seconds_count{route="/a"} 3');
  });
});

describe("request ids on jobs", () => {
  const job = planJob("stock.followups", { productIds: ["7f1c1a8e-2b6a-4d2f-9a43-0c6f4f7c2e10"] }, { jobId: "x" });

  it("rides beside any job's payload, which its strict schema still accepts once taken off", () => {
    const [withIds] = withRequestIds([job], ["req-1", "req-2"]);
    expect(withIds.data).toEqual({ productIds: ["7f1c1a8e-2b6a-4d2f-9a43-0c6f4f7c2e10"], requestIds: ["req-1", "req-2"] });
    expect(JOBS["stock.followups"].schema.safeParse(withIds.data).success).toBe(false);
    const { payload, requestIds } = splitJobData(withIds.data);
    expect(requestIds).toEqual(["req-1", "req-2"]);
    expect(JOBS["stock.followups"].schema.parse(payload)).toEqual(job.data);
  });

  it("is capped, ignores insane ids, and leaves jobs without ids unchanged", () => {
    expect(withRequestIds([job], [])).toEqual([job]);
    const many = Array.from({ length: 200 }, (_, i) => `r${i}`);
    expect((withRequestIds([job], many)[0].data as { requestIds: string[] }).requestIds).toHaveLength(MAX_JOB_REQUEST_IDS);
    expect(splitJobData({ emailId: "e", requestIds: ["ok", "not ok", 3] })).toEqual({ payload: { emailId: "e" }, requestIds: ["ok"] });
    expect(splitJobData({ emailId: "e" })).toEqual({ payload: { emailId: "e" }, requestIds: [] });
    expect(splitJobData(null)).toEqual({ payload: null, requestIds: [] });
  });
});
