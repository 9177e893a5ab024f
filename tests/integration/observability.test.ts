// One movement's request id, traced in-process through the real code (docs/observability.md): the
// route handler (POST /api/v1/movements) in the request context that scripts/web-server.ts opens,
// stock_post's outbox row, the outbox dispatcher's planned jobs, and the job runner's log lines —
// written by pino to a file this test reads. Also: writeOutbox's rows, no request id leaking onto a
// pooled connection, and the metrics the movement path counts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Job } from "bullmq";
import { beforeAll, describe, expect, it } from "vitest";

// Before lib/log is first imported (dynamic imports below): its lines go to a file of this test.
const LOG_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wms-obs-")), "log.jsonl");
process.env.LOG_FILE = LOG_FILE;

type Mods = {
  db: typeof import("@/lib/db");
  ctx: typeof import("@/lib/request-context");
  outbox: typeof import("@/lib/queue/outbox");
  config: typeof import("@/lib/queue/config");
  runJob: typeof import("@/jobs/run-job");
  metrics: typeof import("@/lib/metrics/registry");
  route: typeof import("@/app/api/v1/movements/route");
  tokens: typeof import("@/lib/auth/access-token");
  fixtures: typeof import("../support/fixtures");
  stock: typeof import("../support/stock-fixtures");
};
let m: Mods;

beforeAll(async () => {
  m = {
    db: await import("@/lib/db"),
    ctx: await import("@/lib/request-context"),
    outbox: await import("@/lib/queue/outbox"),
    config: await import("@/lib/queue/config"),
    runJob: await import("@/jobs/run-job"),
    metrics: await import("@/lib/metrics/registry"),
    route: await import("@/app/api/v1/movements/route"),
    tokens: await import("@/lib/auth/access-token"),
    fixtures: await import("../support/fixtures"),
    stock: await import("../support/stock-fixtures"),
  };
});

type Line = Record<string, unknown>;

/** The log file's lines once one satisfies `until` (pino writes asynchronously). */
async function logLines(until: (l: Line) => boolean): Promise<Line[]> {
  for (let i = 0; ; i++) {
    const lines = fs.existsSync(LOG_FILE) ? fs.readFileSync(LOG_FILE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line) : [];
    if (lines.some(until) || i >= 50) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function outboxRowsOf(movementId: string): Promise<{ id: string; request_id: string | null }[]> {
  const { rows } = await m.db.pgPool.query<{ id: string; request_id: string | null }>(
    "SELECT id::text AS id, request_id FROM outbox_events WHERE event_type = 'movement.posted' AND payload->>'movementId' = $1",
    [movementId],
  );
  return rows;
}

async function bearer(role: "clerk" | "manager"): Promise<string> {
  const actor = await m.fixtures.actorFor(role, "api");
  const { token } = await m.tokens.issueAccessToken({ ...actor, email: `${role}@example.com`, name: role } as unknown as Parameters<typeof m.tokens.issueAccessToken>[0]);
  return token;
}

/** The route handler as scripts/web-server.ts calls it: inside the request's context. */
async function postThroughRoute(token: string, body: unknown, reqId: string): Promise<Response> {
  const req = new Request("http://localhost/api/v1/movements", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return m.ctx.requestContext.run({ reqId }, () => m.route.POST(req, { params: Promise.resolve({}) }));
}

const counterValue = async (name: string, labels: Record<string, string>) => {
  const metric = (await m.metrics.registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (metric?.values ?? []).filter((v) => Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val)).reduce((a, v) => a + v.value, 0);
};

describe("a movement's request id", () => {
  it("reaches its outbox row, the jobs the dispatcher plans, and every log line of those jobs", async () => {
    const manager = await m.fixtures.actorFor("manager");
    const [loc] = await m.stock.makeLocations(1);
    const sku = await m.stock.makeProduct(manager);
    const reqId = `it-${Date.now().toString(36)}`;
    const postedBefore = await counterValue("wms_movements_posted_total", { type: "in", channel: "api" });

    const res = await postThroughRoute(await bearer("clerk"), { type: "in", lines: [{ sku, location: loc, quantity: 4 }] }, reqId);
    expect(res.status).toBe(201);
    const movement = (await res.json()) as { id: string };
    expect(await outboxRowsOf(movement.id)).toEqual([{ id: expect.any(String), request_id: reqId }]);
    expect(await counterValue("wms_movements_posted_total", { type: "in", channel: "api" })).toBe(postedBefore + 1);

    // The dispatcher: the batch's request ids ride on every job it plans.
    const planned: import("@/lib/queue/config").PlannedJob[] = [];
    let dispatched: string[] = [];
    for (let i = 0; i < 20 && !dispatched.length; i++) {
      const r = await m.outbox.dispatchOutboxBatch({ batchSize: 1000, summaryDebounceMs: 0, addJobs: async (jobs) => void planned.push(...jobs) });
      if (r.requestIds.includes(reqId)) dispatched = r.dispatched;
    }
    expect(dispatched.length).toBeGreaterThan(0);
    const followups = planned.find((j) => j.name === "stock.followups" && (j.data as { requestIds?: string[] }).requestIds?.includes(reqId));
    expect(followups).toBeDefined();

    // The job runner, with the job as BullMQ would hand it over.
    const run = m.runJob.createJobRunner(m.config.jobsSettings());
    const job = { id: followups!.opts.jobId, name: followups!.name, data: followups!.data, queueName: followups!.queue, attemptsMade: 0, opts: {} } as unknown as Job;
    await run(job);

    const lines = await logLines((l) => l.jobId === followups!.opts.jobId && l.msg === "job done");
    const jobLines = lines.filter((l) => l.jobId === followups!.opts.jobId);
    expect(jobLines.map((l) => l.msg)).toContain("job done");
    for (const l of jobLines) expect(l.requestIds).toContain(reqId);
    // grep <reqId>: the job lines are found by it.
    expect(lines.filter((l) => JSON.stringify(l).includes(reqId)).length).toBeGreaterThanOrEqual(jobLines.length);
    const histogram = (await m.metrics.registry.getMetricsAsJSON()).find((x) => x.name === "wms_job_duration_seconds");
    expect(histogram?.values.some((v) => (v as { metricName?: string }).metricName === "wms_job_duration_seconds_count" && v.labels.job === "stock.followups" && v.value > 0)).toBe(true);
  });

  it("a refused movement is logged at warn with its code and the request id; INSUFFICIENT_STOCK is counted", async () => {
    const manager = await m.fixtures.actorFor("manager");
    const [loc] = await m.stock.makeLocations(1);
    const sku = await m.stock.makeProduct(manager);
    const reqId = `it-refused-${Date.now().toString(36)}`;
    const before = await counterValue("wms_insufficient_stock_total", { channel: "api" });
    const res = await postThroughRoute(await bearer("clerk"), { type: "out", lines: [{ sku, location: loc, quantity: 1 }] }, reqId);
    expect(res.status).toBe(409);
    expect(await counterValue("wms_insufficient_stock_total", { channel: "api" })).toBe(before + 1);
    const refused = (l: Line) => l.reqId === reqId && l.msg === "request refused";
    const line = (await logLines(refused)).find(refused);
    expect(line).toMatchObject({ level: "warn", code: "INSUFFICIENT_STOCK", status: 409 });
  });

  it("without scripts/web-server.ts in front (next dev), an API route opens the context itself: echoes the id, logs the access line", async () => {
    const manager = await m.fixtures.actorFor("manager");
    const [loc] = await m.stock.makeLocations(1);
    const sku = await m.stock.makeProduct(manager);
    const token = await bearer("clerk");
    const body = JSON.stringify({ type: "in", lines: [{ sku, location: loc, quantity: 1 }] });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const reqId = `it-dev-${Date.now().toString(36)}`;
    const res = await m.route.POST(new Request("http://localhost/api/v1/movements", { method: "POST", headers: { ...headers, "x-request-id": reqId }, body }), { params: Promise.resolve({}) });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe(reqId);
    expect(await outboxRowsOf(((await res.json()) as { id: string }).id)).toEqual([{ id: expect.any(String), request_id: reqId }]);
    const access = (l: Line) => l.reqId === reqId && l.msg === "request";
    expect((await logLines(access)).find(access)).toMatchObject({ level: "info", method: "POST", route: "/api/v1/movements", status: 201 });
    const fresh = await m.route.POST(new Request("http://localhost/api/v1/movements", { method: "POST", headers, body }), { params: Promise.resolve({}) });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a lock wait that times out is counted (wms_lock_timeouts_total)", async () => {
    const manager = await m.fixtures.actorFor("manager");
    const [loc] = await m.stock.makeLocations(1);
    const sku = await m.stock.makeProduct(manager);
    const { postMovement } = await import("@/lib/stock/post-movement");
    await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 2 }] });
    const before = await counterValue("wms_lock_timeouts_total", { operation: "movement" });
    // As tests/integration/movements.test.ts: a short lock_timeout on the function while a row is held.
    const fn = `stock_post(uuid, "Channel", jsonb, text, text, timestamptz, timestamptz, int, int)`;
    await m.db.pgPool.query(`ALTER FUNCTION ${fn} SET lock_timeout = '300ms'`);
    const holder = await m.db.pgPool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id WHERE p.sku = $1 AND l.code = $2 FOR UPDATE OF s", [sku, loc]);
      await expect(postMovement(manager, { type: "out", lines: [{ sku, location: loc, quantity: 1 }] })).rejects.toMatchObject({ code: "UNAVAILABLE" });
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
      await m.db.pgPool.query(`ALTER FUNCTION ${fn} SET lock_timeout = '10s'`);
    }
    expect(await counterValue("wms_lock_timeouts_total", { operation: "movement" })).toBe(before + 1);
  });

  it("writeOutbox takes the request id from the context; without one it is null, and none leaks onto a pooled connection", async () => {
    const productId = crypto.randomUUID();
    const reqId = `it-outbox-${Date.now().toString(36)}`;
    await m.ctx.requestContext.run({ reqId }, () => m.db.db.$transaction((tx) => m.outbox.writeOutbox(tx, "product.changed", { productIds: [productId] })));
    await m.db.db.$transaction((tx) => m.outbox.writeOutbox(tx, "product.changed", { productIds: [productId] }));
    const { rows } = await m.db.pgPool.query<{ request_id: string | null }>("SELECT request_id FROM outbox_events WHERE payload->'productIds'->>0 = $1 ORDER BY id", [productId]);
    expect(rows.map((r) => r.request_id)).toEqual([reqId, null]);

    // stock_post without a context, many times over the pool: never another request's id.
    const manager = await m.fixtures.actorFor("manager");
    const [loc] = await m.stock.makeLocations(1);
    const sku = await m.stock.makeProduct(manager);
    const { postMovement } = await import("@/lib/stock/post-movement");
    await m.ctx.requestContext.run({ reqId: `${reqId}-with` }, () => Promise.all(Array.from({ length: 5 }, () => postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] }))));
    const without = await Promise.all(Array.from({ length: 10 }, () => postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] })));
    for (const p of without) expect((await outboxRowsOf(p.result.id)).map((r) => r.request_id)).toEqual([null]);
  });
});
