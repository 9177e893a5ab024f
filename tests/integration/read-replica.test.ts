// Read replica (docs/scaling.md): a real streaming replica of the test cluster (pg_basebackup -R,
// tests/support/pg-replica.ts). With its replay paused, a movement posted on the primary is not in
// the reports, exports and desk lists (they read the replica) but is in what the API reads (the
// primary); resumed, the replica catches up and they show it. Health shows the lag; a replica that
// goes down degrades health and its reads fall back to the primary.
//
// lib/db.ts reads DATABASE_READ_URL when it is imported, so the app is imported (dynamically) only
// after the replica runs and the variable is set.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { startReplica, type PgReplica } from "../support/pg-replica";
import { waitFor } from "../support/wait";

let replica: PgReplica | undefined;

// A server action's cookie jar (next/headers): outside a "request" cookies() throws, as it does in
// jobs; inside one, what a server action set is what the next page (on any process) reads.
const request = vi.hoisted(() => ({ active: false, jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => {
    if (!request.active) throw new Error("cookies() was called outside a request scope");
    return {
      get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
      set: (name: string, value: string) => void request.jar.set(name, value),
    };
  },
}));

async function loadApp() {
  return {
    ...(await import("@/lib/db")),
    ...(await import("@/lib/read-replica")),
    ...(await import("@/lib/health")),
    ...(await import("@/lib/metrics/registry")),
    ...(await import("@/lib/reports/report")),
    ...(await import("@/lib/reports/stock-on-hand")),
    ...(await import("@/lib/reports/dashboard")),
    ...(await import("@/lib/list-exports")),
    ...(await import("@/lib/catalog/list-products")),
    ...(await import("@/lib/stock/queries")),
    ...(await import("@/lib/stock/post-movement")),
    ...(await import("../support/fixtures")),
    ...(await import("../support/stock-fixtures")),
  };
}
let app: Awaited<ReturnType<typeof loadApp>>;

beforeAll(async () => {
  replica = await startReplica(process.env.DATABASE_URL!);
  process.env.DATABASE_READ_URL = replica.url;
  process.env.DATABASE_READ_POOL_SIZE = "3";
  app = await loadApp();
}, 90_000);

afterAll(async () => {
  // Resumed first (a paused standby would also stop fine, but leave nothing half-done), then gone.
  await replica?.query("SELECT pg_wal_replay_resume()").catch(() => {});
  await app?.dbRead.$disconnect().catch(() => {});
  await replica?.destroy();
  delete process.env.DATABASE_READ_URL;
  delete process.env.DATABASE_READ_POOL_SIZE;
});

const inRecovery = async (client: { $queryRaw: (q: TemplateStringsArray) => Promise<unknown> }) =>
  ((await client.$queryRaw`SELECT pg_is_in_recovery() AS r`) as { r: boolean }[])[0].r;

async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The replica's replay position is at or past `lsn` (it has everything the primary had then). */
async function replayedPast(lsn: string): Promise<boolean> {
  const [r] = await replica!.query<{ ok: boolean }>("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0 AS ok", [lsn]);
  return r.ok;
}

async function primaryLsn(): Promise<string> {
  const { rows } = await app.pgPool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
  return rows[0].lsn;
}

describe("read replica", () => {
  it("the read client is the replica, in recovery, named <app>-read; the primary's is not", async () => {
    expect(app.hasReadReplica).toBe(true);
    expect(await inRecovery(app.dbRead)).toBe(true);
    expect(await inRecovery(app.db)).toBe(false);
    const [{ name }] = await app.dbRead.$queryRaw<{ name: string }[]>`SELECT current_setting('application_name') AS name`;
    expect(name).toBe("wms-read");
    const [{ r }] = await app.readSql<{ r: boolean }>("replica_test_recovery", "SELECT pg_is_in_recovery() AS r", []);
    expect(r).toBe(true);

    // Marked reads go to the replica only inside a scope; outside one they read the primary.
    expect(app.readDb()).toBe(app.db);
    expect(await app.onReplica(null, async () => inRecovery(app.readDb()))).toBe(true);
    expect(await app.onReplica(null, async () => inRecovery(app.db))).toBe(false);
  });

  it("reports, exports, the dashboard and desk lists read the replica; movements land on the primary; health shows the lag", async () => {
    const manager: Actor = await app.actorFor("manager");
    const admin: Actor = await app.actorFor("admin");
    // A reader who writes nothing (viewer: report.read and the lists).
    const viewer: Actor = await app.actorFor("viewer");
    const [loc] = await app.makeLocations(1);
    const sku = await app.makeProduct(manager);
    await app.postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 5 }] });

    const reportOnHand = async () => (await app.runReport(viewer, app.stockReport, { q: sku })).page.items[0]?.onHand;
    const deskOnHand = (who: Actor) => app.onReplica(who, async () => (await app.listProducts(who, { q: sku })).items[0]?.onHand);
    // The replica streams: the receipt arrives there within moments.
    await waitFor("the receipt on the replica", async () => (await reportOnHand()) === 5);

    await replica!.query("SELECT pg_wal_replay_pause()");
    await waitFor("replay to pause", async () => (await replica!.query<{ s: string }>("SELECT pg_get_wal_replay_pause_state() AS s"))[0].s === "paused");

    const before = await primaryLsn();
    const { result } = await app.postMovement(manager, { type: "out", lines: [{ sku, location: loc, quantity: 2 }] });
    const after = await primaryLsn();

    // The movement is on the primary (written there: the replica is read-only and paused)…
    expect(await app.levelOf(sku, loc)).toBe(3);
    expect(await app.db.movement.count({ where: { id: result.id } })).toBe(1);
    // …and not yet on the replica.
    expect(await replica!.query("SELECT 1 FROM movements WHERE id = $1", [result.id])).toHaveLength(0);

    // Reports (screen and CSV), the list export and a desk list still show the replica's 5.
    expect(await reportOnHand()).toBe(5);
    const csv = await streamText(await app.reportCsv(viewer, app.stockReport, { q: sku }));
    expect(csv.split("\n").find((l) => l.startsWith(`${sku},`))?.split(",")[4]).toBe("5"); // group,name,products,locations,on_hand
    const listCsv = await streamText(await app.listCsv(viewer, "products", { q: sku }));
    expect(listCsv.split("\n").find((l) => l.startsWith(`${sku},`))?.split(",")[5]).toBe("5"); // sku,name,barcode,category,unit,on_hand
    expect(await deskOnHand(viewer)).toBe(5);
    // The desk's movement list (a replica scope) lacks it; the API's (no scope: the primary) has it.
    const deskMovements = await app.onReplica(viewer, () => app.listMovements(viewer, { sku }));
    expect(deskMovements.items.map((m) => m.id)).not.toContain(result.id);
    expect((await app.listMovements(viewer, { sku })).items.map((m) => m.id)).toContain(result.id);
    // The API's product list reads the primary: 3.
    expect((await app.listProducts(viewer, { q: sku })).items[0].onHand).toBe(3);
    // The dashboard reads the replica too: today's movements there lack the issue.
    expect((await app.loadDashboard(admin)).stock!.recent.map((m) => m.id)).not.toContain(result.id);

    // Read-your-writes: a user who has just changed something reads the primary for a moment.
    await app.noteWrite(manager.id);
    expect(await deskOnHand(manager)).toBe(3);
    expect(await deskOnHand(viewer)).toBe(5);
    // …on any web process: inside a server action noteWrite also sets a short-lived cookie, and a page
    // that carries it reads the primary whoever's memory it lands in (here: a user this process never saw).
    request.active = true;
    try {
      const someone = { id: "00000000-0000-4000-8000-000000000001" };
      await app.noteWrite(someone.id);
      const until = Number(request.jar.get(app.READ_PRIMARY_COOKIE));
      expect(until - Date.now()).toBeGreaterThan(0);
      expect(until - Date.now()).toBeLessThanOrEqual(app.READ_YOUR_WRITES_MS);
      expect(await deskOnHand(viewer)).toBe(3);
      request.jar.set(app.READ_PRIMARY_COOKIE, String(Date.now() - 1)); // expired
      expect(await deskOnHand(viewer)).toBe(5);
      request.jar.clear();
      expect(await deskOnHand(viewer)).toBe(5);
    } finally {
      request.active = false;
      request.jar.clear();
    }

    // The pool gauge counts the replica's connections apart from the primary's.
    const gauge = await app.registry.getSingleMetricAsString("wms_db_pool_connections");
    expect(gauge).toMatch(/wms_db_pool_connections\{pool="replica",state="total"\} [1-9]/);
    expect(gauge).toMatch(/wms_db_pool_connections\{pool="primary",state="total"\} [1-9]/);

    // Health: reachable, in recovery, behind by at least the movement's WAL.
    const health = await app.checkHealth();
    expect(health.replica).toMatchObject({ status: "ok", readsFrom: "replica", inRecovery: true });
    const walOfMovement = Number((await app.pgPool.query<{ d: string }>("SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS d", [after, before])).rows[0].d);
    expect(health.replica!.lagBytes).toBeGreaterThanOrEqual(walOfMovement);
    expect(health.replica!.lagSeconds).toBeGreaterThan(0);

    // Resumed, the replica catches up: everything it serves shows the issue.
    await replica!.query("SELECT pg_wal_replay_resume()");
    await waitFor("the replica to replay the movement", () => replayedPast(after));
    expect(await reportOnHand()).toBe(3);
    expect(await deskOnHand(viewer)).toBe(3);
    expect((await app.loadDashboard(admin)).stock!.recent.map((m) => m.id)).toContain(result.id);
    const caughtUp = await app.replicaHealth();
    expect(caughtUp).toMatchObject({ status: "ok", inRecovery: true });
    // The lag health reports no longer includes the movement: at most the WAL written since it (other
    // databases of the cluster may be writing meanwhile, so "smaller than before" would not hold).
    const sinceMovement = Number((await app.pgPool.query<{ d: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS d", [after])).rows[0].d);
    expect(caughtUp!.lagBytes).toBeLessThanOrEqual(sinceMovement);
  });

  it("a replica that goes down degrades health, and its reads fall back to the primary", async () => {
    const manager: Actor = await app.actorFor("manager");
    const [loc] = await app.makeLocations(1);
    const sku = await app.makeProduct(manager);
    await app.postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 7 }] });
    // Warm the read pool so it holds connections the shutdown will cut.
    await waitFor("the receipt on the replica", async () => (await app.runReport(manager, app.stockReport, { q: sku })).page.items[0]?.onHand === 7);

    await replica!.stop();
    const started = Date.now();
    // Cut connections and refused ones alike end on the primary, without an error.
    expect((await app.runReport(manager, app.stockReport, { q: sku })).page.items[0]?.onHand).toBe(7);
    expect(await app.onReplica(manager, async () => (await app.listProducts(manager, { q: sku })).items[0]?.onHand)).toBe(7);
    expect(await app.onReplica(manager, async () => inRecovery(app.readDb()))).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);

    const health = await app.checkHealth();
    expect(health.status).toBe("degraded");
    expect(health.db).toBe("ok");
    expect(health.replica).toEqual({ status: "down", readsFrom: "primary", inRecovery: null, lagBytes: null, lagSeconds: null });
  });
});
