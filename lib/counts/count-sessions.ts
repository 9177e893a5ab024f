// Stocktake (docs/product.md §2): a numbered count session over chosen locations; clerks count blind on the
// handheld; a manager reviews variances and approves, which posts ONE adjust movement in the same
// transaction; cancel leaves stock untouched. Session rows are locked before stock rows, always.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type Tx } from "../db";
import { AppError, fieldError, keyedIssue, type Issue } from "../errors";
import { nextNumber } from "../numbering/next-number";
import { COUNT_SESSION_SEQUENCE } from "../numbering/codes";
import { postMovement } from "../stock/post-movement";
import { parse } from "../validation";
import { countSessionCreateSchema, recordCountSchema } from "./schemas";

export type CountSessionSummary = {
  id: string; number: string; status: "open" | "approved" | "cancelled"; note: string | null;
  locations: string[]; lines: number; createdBy: string; createdAt: string; closedAt: string | null; movement: string | null;
};

/** What the counter sees: what has been counted, never what is expected. */
export type BlindLine = { sku: string; name: string; location: string; counted: number; countedBy: string; countedAt: string };

/** A movement posted at the line's product × location after it was counted (net units there). */
export type MovedSince = { id: string; number: string; type: string; delta: number; at: string };

/**
 * What the reviewer sees: every counted line and every stocked item of the session's locations.
 * `expected`: the level when the line was counted (uncounted items, and lines counted before this was
 * recorded: the level now); `current`: the level now; `movedSince`: the movements posted there after
 * the count (net `current − expected`); `variance`: counted − expected, which approval adds to the
 * level; `after`: the level approval leaves.
 */
export type ReviewLine = {
  sku: string; name: string; location: string; expected: number; current: number; counted: number | null;
  variance: number | null; movedSince: MovedSince[]; after: number | null;
};

async function lockOpenSession(tx: Tx, ref: string) {
  const rows = await tx.$queryRaw<{ id: string; number: string; status: string }[]>`
    SELECT id::text AS id, number, status::text AS status FROM count_sessions
    WHERE number = ${ref} OR id::text = ${ref} FOR UPDATE`;
  if (!rows.length) throw new AppError("NOT_FOUND", `Count session ${ref} not found.`, undefined, { key: "movements.errors.sessionNotFound", params: { number: ref } });
  if (rows[0].status !== "open") {
    throw new AppError("INVALID_TRANSITION", `Count session ${rows[0].number} is ${rows[0].status}.`, { status: rows[0].status }, {
      key: "movements.errors.sessionClosed",
      params: { number: rows[0].number, status: rows[0].status },
    });
  }
  return rows[0];
}

export async function createCountSession(actor: Actor, input: unknown): Promise<CountSessionSummary> {
  assertCan(actor, "count.approve");
  const data = parse(countSessionCreateSchema, input);
  return db.$transaction(async (tx) => {
    const codes = [...new Set(data.locations.map((c) => c.toUpperCase()))];
    const locations = await tx.location.findMany({ where: { OR: [{ code: { in: codes } }, { barcode: { in: data.locations } }] }, select: { id: true, code: true, barcode: true } });
    const issues: Issue[] = [];
    data.locations.forEach((c, i) => {
      if (!locations.some((l) => l.code === c.toUpperCase() || l.barcode === c)) issues.push(keyedIssue(`locations.${i}`, `Unknown location "${c}".`, "movements.errors.unknownLocation", { code: c }));
    });
    if (issues.length) throw new AppError("VALIDATION_FAILED", issues[0].message, { issues }, { key: issues[0].messageKey!, params: issues[0].params });
    const number = await nextNumber(COUNT_SESSION_SEQUENCE, { tx });
    const session = await tx.countSession.create({
      data: { number, note: data.note ?? null, createdById: actor.id, locations: { create: locations.map((l) => ({ locationId: l.id })) } },
    });
    const summary = await summarize(tx, session.id);
    await writeAudit(tx, actor, { action: "count.create", entity: "count_session", entityId: session.id, after: summary });
    return summary;
  });
}

/** A clerk's count of one product at one location of an open session. */
export async function recordCount(actor: Actor, sessionRef: string, input: unknown): Promise<BlindLine> {
  assertCan(actor, "count.perform");
  const data = parse(recordCountSchema, input);
  return db.$transaction(async (tx) => {
    // FOR UPDATE on the session (not SHARE): approval takes it too, so a count never lands in a
    // session that is being approved.
    const session = await lockOpenSession(tx, sessionRef);
    const product = await tx.product.findFirst({ where: { deletedAt: null, OR: [{ sku: data.sku }, { barcode: data.sku }] }, select: { id: true, sku: true, name: true, tracking: true } });
    if (!product) throw fieldError("VALIDATION_FAILED", "sku", `Unknown SKU or barcode "${data.sku}".`, "movements.errors.unknownProduct", { code: data.sku });
    const location = await tx.location.findFirst({
      where: { OR: [{ code: data.location.toUpperCase() }, { barcode: data.location }], countScopes: { some: { sessionId: session.id } } },
      select: { id: true, code: true },
    });
    if (!location) {
      const params = { code: data.location };
      throw new AppError("VALIDATION_FAILED", `Location "${data.location}" is not part of count ${session.number}.`, {
        issues: [keyedIssue("location", `Location "${data.location}" is not part of this count.`, "movements.errors.notInCount", params)],
      }, { key: "movements.errors.notInCount", params });
    }
    const key = { sessionId_productId_locationId: { sessionId: session.id, productId: product.id, locationId: location.id } };
    const before = await tx.countLine.findUnique({ where: key });
    const counted = data.mode === "add" ? (before?.counted ?? 0) + data.counted : data.counted;
    // The level the system expects here right now, and the snapshot it was read in (one statement,
    // so the two agree): approval adds counted − expected to whatever the level is by then, and the
    // review lists the ledger rows this snapshot did not see. `set` (a recount) takes them afresh;
    // `add` (another box of the same count) keeps the first ones. Never returned to the counter.
    const [line] = await tx.$queryRaw<{ counted: number; counted_at: Date; email: string }[]>`
      INSERT INTO count_lines AS c (id, session_id, product_id, location_id, counted, counted_by_id, counted_at, expected, snapshot)
      SELECT uuid_v7(now()), ${session.id}::uuid, ${product.id}::uuid, ${location.id}::uuid, ${counted}, ${actor.id}::uuid, now(),
             COALESCE((SELECT s.quantity FROM stock_levels s WHERE s.product_id = ${product.id}::uuid AND s.location_id = ${location.id}::uuid), 0),
             pg_current_snapshot()
      ON CONFLICT (session_id, product_id, location_id) DO UPDATE SET
        counted = EXCLUDED.counted, counted_by_id = EXCLUDED.counted_by_id, counted_at = EXCLUDED.counted_at,
        expected = CASE WHEN ${data.mode} = 'add' AND c.expected IS NOT NULL THEN c.expected ELSE EXCLUDED.expected END,
        snapshot = CASE WHEN ${data.mode} = 'add' AND c.expected IS NOT NULL THEN c.snapshot ELSE EXCLUDED.snapshot END
      RETURNING c.counted, c.counted_at, (SELECT u.email FROM users u WHERE u.id = c.counted_by_id) AS email`;
    await writeAudit(tx, actor, {
      action: "count.record", entity: "count_session", entityId: session.id,
      before: before ? { sku: product.sku, location: location.code, counted: before.counted } : null,
      after: { sku: product.sku, location: location.code, counted },
    });
    return { sku: product.sku, name: product.name, location: location.code, counted: line.counted, countedBy: line.email, countedAt: line.counted_at.toISOString() };
  });
}

export async function listCountSessions(actor: Actor, opts: { status?: "open" | "approved" | "cancelled" } = {}): Promise<CountSessionSummary[]> {
  assertCan(actor, "count.perform");
  const rows = await db.countSession.findMany({ where: opts.status ? { status: opts.status } : {}, orderBy: { createdAt: "desc" }, take: 100, select: { id: true } });
  return Promise.all(rows.map((r) => summarize(db, r.id)));
}

export async function getCountSession(actor: Actor, ref: string): Promise<CountSessionSummary & { counted: BlindLine[] }> {
  assertCan(actor, "count.perform");
  const s = await db.countSession.findFirst({ where: { OR: [{ number: ref }, ...(isUuid(ref) ? [{ id: ref }] : [])] }, select: { id: true } });
  if (!s) throw new AppError("NOT_FOUND", `Count session ${ref} not found.`, undefined, { key: "movements.errors.sessionNotFound", params: { number: ref } });
  const lines = await db.countLine.findMany({
    where: { sessionId: s.id },
    include: { product: { select: { sku: true, name: true } }, location: { select: { code: true } }, countedBy: { select: { email: true } } },
    orderBy: [{ location: { code: "asc" } }, { product: { sku: "asc" } }],
  });
  return {
    ...(await summarize(db, s.id)),
    counted: lines.map((l) => ({ sku: l.product.sku, name: l.product.name, location: l.location.code, counted: l.counted, countedBy: l.countedBy.email, countedAt: l.countedAt.toISOString() })),
  };
}

/** Variances for the manager: expected (current level) vs counted, including stocked items nobody counted. */
export async function reviewCountSession(actor: Actor, ref: string): Promise<{ session: CountSessionSummary; lines: ReviewLine[] }> {
  assertCan(actor, "count.approve");
  const { counted: _blind, ...session } = await getCountSession(actor, ref);
  void _blind;
  // One statement, one snapshot: `current` and the movements since each count agree.
  const rows = await db.$queryRaw<{ sku: string; name: string; location: string; current: number; expected: number | null; counted: number | null; moved: MovedSince[] }[]>`
    WITH scope AS (SELECT location_id FROM count_session_locations WHERE session_id = ${session.id}::uuid),
    items AS (
      SELECT s.product_id, s.location_id FROM stock_levels s JOIN scope USING (location_id) WHERE s.quantity > 0
      UNION
      SELECT product_id, location_id FROM count_lines WHERE session_id = ${session.id}::uuid
    )
    SELECT p.sku, p.name, l.code AS location, COALESCE(s.quantity, 0) AS current, c.expected, c.counted,
      COALESCE((
        SELECT json_agg(json_build_object('id', m.id, 'number', m.number, 'type', m.type, 'delta', x.delta, 'at', to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY x.first)
        FROM (SELECT e.movement_id, sum(e.delta)::int AS delta, min(e.id) AS first FROM ledger_entries e
              WHERE c.snapshot IS NOT NULL AND e.product_id = i.product_id AND e.location_id = i.location_id
                AND e.xid >= pg_snapshot_xmin(c.snapshot) AND NOT pg_visible_in_snapshot(e.xid, c.snapshot)
              GROUP BY e.movement_id) x
        JOIN movements m ON m.id = x.movement_id), '[]'::json) AS moved
    FROM items i
    JOIN products p ON p.id = i.product_id
    JOIN locations l ON l.id = i.location_id
    LEFT JOIN stock_levels s ON s.product_id = i.product_id AND s.location_id = i.location_id
    LEFT JOIN count_lines c ON c.session_id = ${session.id}::uuid AND c.product_id = i.product_id AND c.location_id = i.location_id
    ORDER BY l.code, p.sku`;
  return {
    session,
    lines: rows.map((r) => {
      const expected = r.expected ?? r.current;
      const variance = r.counted === null ? null : r.counted - expected;
      return {
        sku: r.sku, name: r.name, location: r.location, expected, current: r.current, counted: r.counted, variance,
        movedSince: r.moved, after: variance === null ? null : approvedLevel(r.current, r.counted!, r.expected),
      };
    }),
  };
}

/**
 * The level approval leaves: the level now plus counted − expected-at-count (movements posted after
 * the count are kept, as in Odoo and ERPNext), never below zero. Lines without an expected figure
 * (counted before it was recorded) are set to the counted quantity.
 */
function approvedLevel(current: number, counted: number, expected: number | null): number {
  return expected === null ? counted : Math.max(0, current + counted - expected);
}

/**
 * Posts one adjust movement for every counted line, in the same transaction as the status change.
 * The stock rows are locked first (session, then stock rows in the movements' (product, location)
 * order), so the level the new figure is computed from cannot change before the adjustment posts.
 */
export async function approveCountSession(actor: Actor, ref: string): Promise<CountSessionSummary> {
  assertCan(actor, "count.approve");
  return db.$transaction(
    async (tx) => {
      const session = await lockOpenSession(tx, ref);
      const lines = await tx.countLine.findMany({
        where: { sessionId: session.id },
        include: { product: { select: { sku: true } }, location: { select: { code: true } } },
        orderBy: [{ productId: "asc" }, { locationId: "asc" }],
      });
      if (!lines.length) throw new AppError("VALIDATION_FAILED", "Nothing has been counted in this session yet.", { issues: [keyedIssue("lines", "Nothing counted yet.", "movements.errors.nothingCounted")] }, { key: "movements.errors.nothingCounted" });
      await tx.$executeRaw`
        INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
        SELECT uuid_v7(now()), c.product_id, c.location_id, 0, 0, now() FROM count_lines c
        WHERE c.session_id = ${session.id}::uuid ORDER BY c.product_id, c.location_id
        ON CONFLICT (product_id, location_id) DO NOTHING`;
      const levels = await tx.$queryRaw<{ product_id: string; location_id: string; quantity: number }[]>`
        SELECT s.product_id::text, s.location_id::text, s.quantity FROM stock_levels s
        JOIN count_lines c ON c.product_id = s.product_id AND c.location_id = s.location_id AND c.session_id = ${session.id}::uuid
        ORDER BY s.product_id, s.location_id FOR UPDATE OF s`;
      const level = new Map(levels.map((l) => [`${l.product_id}|${l.location_id}`, l.quantity]));
      const { result } = await postMovement(
        actor,
        {
          type: "adjust", reference: session.number, note: `Count ${session.number}`,
          lines: lines.map((l) => ({
            sku: l.product.sku, location: l.location.code,
            counted: approvedLevel(level.get(`${l.productId}|${l.locationId}`) ?? 0, l.counted, l.expected),
          })),
        },
        { tx },
      );
      await tx.countSession.update({ where: { id: session.id }, data: { status: "approved", closedById: actor.id, closedAt: new Date(), movementId: result.id } });
      const summary = await summarize(tx, session.id);
      await writeAudit(tx, actor, { action: "count.approve", entity: "count_session", entityId: session.id, before: { status: "open" }, after: summary });
      return summary;
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

export async function cancelCountSession(actor: Actor, ref: string): Promise<CountSessionSummary> {
  assertCan(actor, "count.approve");
  return db.$transaction(async (tx) => {
    const session = await lockOpenSession(tx, ref);
    await tx.countSession.update({ where: { id: session.id }, data: { status: "cancelled", closedById: actor.id, closedAt: new Date() } });
    const summary = await summarize(tx, session.id);
    await writeAudit(tx, actor, { action: "count.cancel", entity: "count_session", entityId: session.id, before: { status: "open" }, after: summary });
    return summary;
  });
}

async function summarize(tx: Tx | typeof db, id: string): Promise<CountSessionSummary> {
  const s = await tx.countSession.findUniqueOrThrow({
    where: { id },
    include: {
      locations: { include: { location: { select: { code: true } } } },
      createdBy: { select: { email: true } },
      movement: { select: { number: true } },
      _count: { select: { lines: true } },
    },
  });
  return {
    id: s.id, number: s.number, status: s.status, note: s.note,
    locations: s.locations.map((l) => l.location.code).sort(),
    lines: s._count.lines, createdBy: s.createdBy.email, createdAt: s.createdAt.toISOString(),
    closedAt: s.closedAt?.toISOString() ?? null, movement: s.movement?.number ?? null,
  };
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
