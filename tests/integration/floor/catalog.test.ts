// The handheld's offline catalogue (lib/floor/catalog.ts, GET /api/v1/floor/catalog) and the
// handheld-channel bearer token, on the real database: snapshot paging, what a cursor answers
// after each kind of change, a transaction that commits after a read, lots in FEFO order, errors.
import pg from "pg";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as catalogRoute } from "@/app/api/v1/floor/catalog/route";
import { POST as movementsRoute } from "@/app/api/v1/movements/route";
import { actorFromBearer, issueAccessToken } from "@/lib/auth/access-token";
import type { Actor, Role } from "@/lib/auth/permissions";
import { deleteProduct, restoreProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { floorCatalog } from "@/lib/floor/catalog";
import type { FloorCatalog, FloorLevel, FloorLocation, FloorProduct } from "@/lib/floor/schemas";
import { postMovement } from "@/lib/stock/post-movement";
import { rebuildStock } from "@/lib/stock/reconcile";
import { actorFor, uniq } from "../../support/fixtures";
import { makeLocations, makeProduct } from "../../support/stock-fixtures";

type Walked = { products: FloorProduct[]; locations: FloorLocation[]; levels: FloorLevel[]; pages: number; cursor: string };

/**
 * Waits (at most 10 s) for a moment when no transaction is running anywhere on the server. A pass
 * re-sends what transactions still running when it began wrote — including another session's or
 * test file's on the same server, which holds that point back over this test's own earlier writes.
 * The contract allows such re-sends; these tests assert exact answers, so they start passes settled.
 */
async function settle(): Promise<void> {
  for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
    const [r] = await db.$queryRaw<{ idle: boolean }[]>`SELECT pg_snapshot_xmin(s) = pg_snapshot_xmax(s) AS idle FROM pg_current_snapshot() s`;
    if (r.idle) return;
  }
}

/** Calls the catalogue until `more` is false; returns every row of every page and the last cursor. */
async function walk(actor: Actor, cursor: string | undefined, limit: number, opts: { settle?: boolean } = {}): Promise<Walked> {
  if (opts.settle !== false) await settle();
  const out: Walked = { products: [], locations: [], levels: [], pages: 0, cursor: "" };
  for (;;) {
    const page: FloorCatalog = await floorCatalog(actor, { limit: String(limit), ...(cursor ? { cursor } : {}) });
    out.pages++;
    out.products.push(...page.products);
    out.locations.push(...page.locations);
    out.levels.push(...page.levels);
    expect(typeof page.nextCursor).toBe("string");
    cursor = page.nextCursor;
    if (!page.more) break;
    expect(out.pages).toBeLessThan(10_000);
  }
  out.cursor = cursor!;
  return out;
}

const levelKey = (l: { sku: string; location: string }) => `${l.sku}@${l.location}`;
const dupes = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

let manager: Actor;
let clerk: Actor;
let locs: string[];

beforeAll(async () => {
  manager = await actorFor("manager");
  clerk = await actorFor("clerk");
  locs = await makeLocations(3);
});

describe("full snapshot", () => {
  it("pages by keyset: every live product, every location and every non-empty level exactly once", async () => {
    const skus: string[] = [];
    for (let i = 0; i < 5; i++) skus.push(await makeProduct(manager));
    await postMovement(manager, { type: "in", lines: skus.flatMap((sku, i) => locs.slice(0, 1 + (i % 3)).map((location) => ({ sku, location, quantity: 5 + i }))) });
    // emptied level (absent), soft-deleted product with stock (absent, and so are its levels)
    await postMovement(manager, { type: "out", lines: [{ sku: skus[1], location: locs[0], quantity: 6 }] });
    await deleteProduct(manager, skus[4]);

    const [{ p, l, s }] = await db.$queryRaw<{ p: number; l: number; s: number }[]>`
      SELECT (SELECT count(*)::int FROM products WHERE deleted_at IS NULL) AS p, (SELECT count(*)::int FROM locations) AS l,
             (SELECT count(*)::int FROM stock_levels x JOIN products y ON y.id = x.product_id
              WHERE y.deleted_at IS NULL AND (x.quantity > 0 OR x.reserved > 0)) AS s`;
    const limit = Math.max(2, Math.ceil(Math.max(p, l, s) / 5));
    const all = await walk(clerk, undefined, limit);
    expect(all.pages).toBeGreaterThanOrEqual(3);

    expect(dupes(all.products.map((r) => r.sku))).toEqual([]);
    expect(dupes(all.locations.map((r) => r.code))).toEqual([]);
    expect(dupes(all.levels.map(levelKey))).toEqual([]);
    expect([all.products.length, all.locations.length, all.levels.length]).toEqual([p, l, s]);

    const mine = all.products.filter((r) => skus.includes(r.sku));
    expect(mine.map((r) => r.sku)).toEqual(skus.slice(0, 4).sort());
    expect(mine.every((r) => r.active && r.unit === "pcs" && r.tracking === "none" && r.barcode === `BC-${r.sku}`)).toBe(true);
    for (const code of locs) expect(all.locations.find((r) => r.code === code)).toEqual({ code, barcode: `BC-${code}`, name: code, kind: "storage", active: true });

    const want = skus.slice(0, 4).flatMap((sku, i) =>
      locs.slice(0, 1 + (i % 3)).map((location) => ({ sku, location, quantity: 5 + i - (i === 1 && location === locs[0] ? 6 : 0), reserved: 0, lots: [] })),
    ).filter((r) => r.quantity > 0);
    const got = all.levels.filter((r) => skus.includes(r.sku));
    // SKUs in byte order, location codes naturally (the `natural` collation: "L-6…" before "L-22…").
    const natural = new Intl.Collator("en", { numeric: true }).compare;
    expect(got).toEqual(want.sort((a, b) => (a.sku === b.sku ? natural(a.location, b.location) : a.sku < b.sku ? -1 : 1)));

    // Sorted as the keyset walks them (SKU, then code, in the database's collation).
    const order = await db.$queryRaw<{ k: string }[]>`
      SELECT p.sku || '@' || l.code AS k FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
      WHERE p.deleted_at IS NULL AND (s.quantity > 0 OR s.reserved > 0) ORDER BY p.sku, l.code`;
    expect(all.levels.map(levelKey)).toEqual(order.map((r) => r.k));
  });
});

describe("changes since a cursor", () => {
  it("after a movement, an edit, a soft delete and an issue to zero: exactly those", async () => {
    const [a, b, c, d] = [await makeProduct(manager), await makeProduct(manager), await makeProduct(manager), await makeProduct(manager)];
    await postMovement(manager, { type: "in", lines: [{ sku: a, location: locs[0], quantity: 3 }, { sku: d, location: locs[1], quantity: 4 }] });
    const before = await walk(clerk, undefined, 5000);
    expect(before.levels.find((r) => r.sku === d)).toMatchObject({ location: locs[1], quantity: 4 });

    await postMovement(clerk, { type: "in", lines: [{ sku: a, location: locs[0], quantity: 2 }] });
    await updateProduct(manager, b, { name: "Renamed on the desk", unit: "box" });
    await deleteProduct(manager, c);
    await postMovement(clerk, { type: "out", lines: [{ sku: d, location: locs[1], quantity: 4 }] });

    const changes = await walk(clerk, before.cursor, 1);
    expect(changes.pages).toBe(2); // two levels, one a page
    const bySku = <T extends { sku: string }>(rows: T[]) => rows.sort((x, y) => (x.sku < y.sku ? -1 : 1));
    expect(changes.products).toEqual(
      bySku([
        { sku: b, barcode: `BC-${b}`, name: "Renamed on the desk", unit: "box", tracking: "none", active: true },
        { sku: c, barcode: `BC-${c}`, name: `Product ${c}`, unit: "pcs", tracking: "none", active: false },
      ]),
    );
    expect(changes.locations).toEqual([]);
    expect(changes.levels).toEqual(
      bySku([
        { sku: a, location: locs[0], quantity: 5, reserved: 0, lots: [] },
        { sku: d, location: locs[1], quantity: 0, reserved: 0, lots: [] },
      ]),
    );

    // Nothing changed since: an empty answer, and the cursor keeps working.
    const quiet = await walk(clerk, changes.cursor, 100);
    expect([quiet.products, quiet.locations, quiet.levels]).toEqual([[], [], []]);

    // A location edit, and a restore: the product comes back with its levels (omitted while deleted).
    await postMovement(manager, { type: "in", lines: [{ sku: b, location: locs[2], quantity: 7 }] });
    await db.location.update({ where: { code: locs[2] }, data: { name: "Aisle 9" } });
    await deleteProduct(manager, b);
    const gone = await walk(clerk, quiet.cursor, 100);
    expect(gone.products).toEqual([expect.objectContaining({ sku: b, active: false })]);
    expect(gone.locations).toEqual([expect.objectContaining({ code: locs[2], name: "Aisle 9", active: true })]);
    await restoreProduct(manager, b);
    const back = await walk(clerk, gone.cursor, 100);
    expect(back.products).toEqual([expect.objectContaining({ sku: b, active: true })]);
    expect(back.levels).toEqual([{ sku: b, location: locs[2], quantity: 7, reserved: 0, lots: [] }]);
  });

  it("a transaction that began before the read and commits after it is in the next answer", async () => {
    const [e, f, g] = [await makeProduct(manager), await makeProduct(manager), await makeProduct(manager)];
    await postMovement(manager, { type: "in", lines: [{ sku: f, location: locs[0], quantity: 1 }] }); // today's date range exists
    const start = await walk(clerk, undefined, 5000);

    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("UPDATE products SET name = 'Committed late' WHERE sku = $1", [e]);
      // A movement stamped a minute ago (as a slow one would be): its time is already behind the reader.
      await other.query(
        `SELECT stock_post($1::uuid, 'web', $2::jsonb, NULL, NULL, now() - interval '1 minute', now(), 100, 3)`,
        [manager.id, JSON.stringify({ type: "in", lines: [{ sku: f, location: locs[1], quantity: 9 }] })],
      );
      // Others commit meanwhile: the open transaction is no longer the newest one.
      await updateProduct(manager, g, { name: "Committed meanwhile" });
      const during = await walk(clerk, start.cursor, 100, { settle: false }); // our own open transaction would never settle
      expect(during.products.map((r) => r.sku)).toEqual([g]);
      expect(during.levels.map((r) => r.sku)).not.toContain(f);
      await other.query("COMMIT");

      const after = await walk(clerk, during.cursor, 100);
      // g again: it committed while the open transaction was running (a harmless re-send).
      expect(after.products.map((r) => [r.sku, r.name])).toEqual([[e, "Committed late"], [g, "Committed meanwhile"]].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
      expect(after.levels).toEqual([{ sku: f, location: locs[1], quantity: 9, reserved: 0, lots: [] }]);
    } finally {
      await other.query("ROLLBACK").catch(() => {});
      await other.end();
    }
  });

  it("a page cursor mid-pass: a row changed behind the walk comes in the next pass", async () => {
    const skus = [await makeProduct(manager), await makeProduct(manager), await makeProduct(manager)].sort();
    await settle();
    const first = await floorCatalog(clerk, { limit: "1" });
    expect(first.more).toBe(true);
    // Change the first product while the walk is past it: the next pass must carry it.
    let cursor = first.nextCursor;
    const seen: string[] = first.products.map((r) => r.sku);
    const firstSku = seen[0];
    await db.product.update({ where: { sku: firstSku }, data: { name: "Changed behind the walk" } });
    for (let more = true; more; ) {
      const page = await floorCatalog(clerk, { limit: "500", cursor });
      seen.push(...page.products.map((r) => r.sku));
      cursor = page.nextCursor;
      more = page.more;
    }
    for (const sku of skus) expect(seen).toContain(sku);
    const next = await walk(clerk, cursor, 100);
    expect(next.products).toEqual([expect.objectContaining({ sku: firstSku, name: "Changed behind the walk" })]);
  });
});

describe("reconcile", () => {
  it("a level reconcile corrects (no ledger row) is sent again with its product", async () => {
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: locs[1], quantity: 6 }] });
    // Drift the stored figure behind the ledger's back (what reconcile exists for).
    await db.$executeRaw`UPDATE stock_levels SET quantity = 99 WHERE product_id = (SELECT id FROM products WHERE sku = ${sku})`;
    const before = await walk(clerk, undefined, 5000);
    expect(before.levels.find((r) => r.sku === sku)).toMatchObject({ quantity: 99 });
    const { fixed } = await rebuildStock(await actorFor("admin"));
    expect(fixed).toContainEqual(expect.objectContaining({ sku, stored: 99, ledger: 6 }));
    const after = await walk(clerk, before.cursor, 100);
    expect(after.levels).toContainEqual({ sku, location: locs[1], quantity: 6, reserved: 0, lots: [] });
  });
});

describe("lots", () => {
  it("lists a level's lots with quantity > 0, expiry first (none last), then received", async () => {
    const sku = await makeProduct(manager, { tracking: "lot" });
    const loc = locs[2];
    const receive = (lot: string, quantity: number, expiresAt?: string) =>
      postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity, lot, ...(expiresAt ? { expiresAt } : {}) }] });
    await receive("NOEXP", 1);
    await receive("LATE", 2, "2027-06-30");
    await receive("EARLY-A", 3, "2027-01-31");
    await receive("GONE", 4, "2026-12-01");
    await receive("EARLY-B", 5, "2027-01-31");
    const before = await walk(clerk, undefined, 5000);
    await postMovement(manager, { type: "out", lines: [{ sku, location: loc, quantity: 4 }] }); // FEFO takes GONE
    const want = [
      { code: "EARLY-A", quantity: 3, expiresAt: "2027-01-31" },
      { code: "EARLY-B", quantity: 5, expiresAt: "2027-01-31" },
      { code: "LATE", quantity: 2, expiresAt: "2027-06-30" },
      { code: "NOEXP", quantity: 1, expiresAt: null },
    ];
    const changes = await walk(clerk, before.cursor, 100);
    expect(changes.levels).toEqual([{ sku, location: loc, quantity: 11, reserved: 0, lots: want }]);
    const snapshot = await walk(clerk, undefined, 5000);
    expect(snapshot.levels.find((r) => r.sku === sku)).toEqual({ sku, location: loc, quantity: 11, reserved: 0, lots: want });
  });
});

describe("errors and access", () => {
  it("refuses a forged or malformed cursor and a limit over 5000", async () => {
    for (const cursor of ["not-a-cursor", Buffer.from('{"v":1}').toString("base64url"), Buffer.from('{"v":1,"since":"1 OR 1=1"}').toString("base64url")]) {
      await expect(floorCatalog(clerk, { cursor })).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "cursor" }] } });
    }
    await expect(floorCatalog(clerk, { limit: "5001" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "limit" }] } });
    await expect(floorCatalog(clerk, { limit: "0" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const page = await floorCatalog(clerk, { limit: "5000" });
    expect(page.levels.length).toBeLessThanOrEqual(5000);
  });

  it("checks stock.read (every role has it; an unknown role is denied) before anything else", async () => {
    expect(await codeOf(floorCatalog({ ...clerk, role: "nobody" as Role }, { cursor: "not-a-cursor" }))).toBe("FORBIDDEN");
  });

  it("the route: 200, 401 without a token or for an inactive user, 422 for a bad cursor", async () => {
    const call = (auth: string | null, qs = "") =>
      catalogRoute(new Request(`http://test/api/v1/floor/catalog${qs}`, { headers: auth ? { authorization: auth } : {} }), { params: Promise.resolve({}) });
    const user = await db.user.create({ data: { email: `${uniq("fc").toLowerCase()}@test.local`, name: "Floor", role: "viewer", passwordHash: "x" } });
    const { token } = await issueAccessToken({ id: user.id, email: user.email, name: user.name, role: "viewer" }, { channel: "handheld" });
    const ok = await call(`Bearer ${token}`, "?limit=1");
    expect(ok.status).toBe(200);
    expect(Object.keys(await ok.json()).sort()).toEqual(["levels", "locations", "more", "nextCursor", "products"]);
    expect((await call(null)).status).toBe(401);
    expect((await call(`Bearer ${token}`, "?cursor=zzz")).status).toBe(422);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    const res = await call(`Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });
});

describe("handheld-channel token", () => {
  let user: { id: string; email: string; name: string; role: "clerk" };
  beforeAll(async () => {
    const u = await db.user.create({ data: { email: `${uniq("hh").toLowerCase()}@test.local`, name: "Handheld", role: "clerk", passwordHash: "x" } });
    user = { id: u.id, email: u.email, name: u.name, role: "clerk" };
  });

  it("issueAccessToken({ channel: 'handheld' }) resolves to a handheld actor, also from the verified-token cache", async () => {
    const { token } = await issueAccessToken(user, { channel: "handheld" });
    const { token: plain } = await issueAccessToken(user);
    for (let i = 0; i < 2; i++) {
      await expect(actorFromBearer(`Bearer ${token}`)).resolves.toEqual({ id: user.id, role: "clerk", channel: "handheld" });
      await expect(actorFromBearer(`Bearer ${plain}`)).resolves.toEqual({ id: user.id, role: "clerk", channel: "api" });
    }
  });

  it("refuses a token whose channel claim is anything else", async () => {
    const forged = await new SignJWT({ role: "clerk", ch: "web" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setAudience("wms-api")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(authSecret()));
    expect(await codeOf(actorFromBearer(`Bearer ${forged}`))).toBe("UNAUTHENTICATED");
  });

  it("a movement posted through the route with a handheld token is recorded as handheld", async () => {
    const sku = await makeProduct(manager);
    const { token } = await issueAccessToken(user, { channel: "handheld" });
    const post = (auth: string) =>
      movementsRoute(
        new Request("http://test/api/v1/movements", {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/json" },
          body: JSON.stringify({ type: "in", lines: [{ sku, location: locs[0], quantity: 2 }] }),
        }),
        { params: Promise.resolve({}) },
      );
    const res = await post(`Bearer ${token}`);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const m = await db.movement.findUniqueOrThrow({ where: { id } });
    expect(m.channel).toBe("handheld");
    expect(m.actorId).toBe(user.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "movement", entityId: id } });
    expect(audit.channel).toBe("handheld");

    const plain = await post(`Bearer ${(await issueAccessToken(user)).token}`);
    expect(plain.status).toBe(201);
    const other = await db.movement.findUniqueOrThrow({ where: { id: ((await plain.json()) as { id: string }).id } });
    expect(other.channel).toBe("api");
  });
});

afterAll(async () => {
  await db.$disconnect();
});
