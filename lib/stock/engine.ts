// The calls into the movement engine — the SQL functions stock_post (one movement) and
// stock_post_batch (a run of plain movements, set-based) — and the combiner that turns concurrent
// single movements into runs. postMovement (post-movement.ts) and postMovementBatch
// (post-movement-batch.ts) check permission, validation and keys first, then come here.
//
// Combining (docs/concurrency.md "Combining"): a web process posts at most COMBINE_IN_FLIGHT engine
// calls at a time per actor and channel. A movement that arrives while they are all busy waits for the
// next free one, and every movement waiting by then goes in that call together, as one
// stock_post_batch run: one transaction, one commit, its rows locked once for all of them, each
// answered exactly as stock_post would have answered it (an integration test posts the same items
// both ways and compares). Nothing waits on a timer: a lone movement goes straight to stock_post, and
// runs form only under load, as large as the load. A run that cannot post an item on its happy path
// (lots, serials, not enough stock, an unknown code, a key in flight…) stops there: the items before
// it commit, the item goes alone through stock_post (its own transaction and exact error), and the
// items after it form the next run. A run that fails as a whole posts nothing; its items then go one
// by one.
import type { Actor } from "../auth/permissions";
import { poolSql, type Sql } from "../db";
import { log } from "../log";
import { pgErrorParts } from "../numbering/lookup";
import { ensureDateRange, NO_GAP_LOCK_ATTEMPTS, NO_GAP_LOCK_WAIT_MS } from "../numbering/next-number";
import type { MovementResult, PostMovement } from "./schemas";

/** What stock_post (and stock_post_batch, per item) answers. */
export type Posted = { replay: boolean; hash?: string; result: MovementResult };

/** A movement checked and ready for the engine: permission, validation, its key and request hash. */
export type PreparedMovement = { data: PostMovement; key: string | null; requestHash: string | null };

/** stock_post_batch's answer: one result per item before `stop`; item `stop` was not posted. */
type RunAnswer = { results: Posted[]; stop: number | null };

const KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** When an idempotency record written at `now` expires. */
const keyExpiresAt = (now: Date) => new Date(now.getTime() + KEY_TTL_MS);

/** Lines per set-based run: one run is one transaction holding its rows' locks, so it stays short. */
const RUN_LINES = 500;

/**
 * Calls the engine; when it answers WS004 — the first number of a new period for one of `types` —
 * creates those date ranges and calls once more. (Outside a caller's transaction only: a failed
 * statement would abort it.)
 */
async function withDateRanges<T>(types: Iterable<PostMovement["type"]>, date: Date, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (pgErrorParts(e)?.code !== "WS004") throw e;
    for (const type of new Set(types)) await ensureDateRange(`stock.move.${type}`, { date });
    return await call();
  }
}

// The request id ($10, lib/request-context.ts) reaches stock_post's outbox row through the column's
// default, the transaction-local setting wms.request_id (migration 20261212160000_outbox_request_id):
// the FROM subquery runs first (a volatile one is never pulled up) and the setting ends with the
// transaction — the statement's own, or the caller's.
const POST_SQL = `SELECT stock_post($1::uuid, $2::"Channel", $3::jsonb, $4, $5, $6::timestamptz, $7::timestamptz, $8::int, $9::int) AS r
  FROM (SELECT set_config('wms.request_id', coalesce($10::text, ''), true)) AS request`;

/** One movement, one stock_post call (on `sql`: the pool, or a caller's transaction). */
export async function callStockPost(sql: Sql, actor: Actor, m: PreparedMovement, now: Date, requestId: string | null): Promise<Posted> {
  const [row] = await sql<{ r: Posted }>("stock_post", POST_SQL, [
    actor.id, actor.channel, JSON.stringify(m.data), m.key, m.requestHash, now, keyExpiresAt(now),
    NO_GAP_LOCK_WAIT_MS, NO_GAP_LOCK_ATTEMPTS, requestId,
  ]);
  return row.r;
}

// As stock_post's call; an item's own requestId, when given, goes on its outbox row instead.
const RUN_SQL = `SELECT stock_post_batch($1::uuid, $2::"Channel", $3::jsonb, $4::timestamptz, $5::timestamptz, $6::int, $7::int) AS r
  FROM (SELECT set_config('wms.request_id', coalesce($8::text, ''), true)) AS request`;

/** A run of movements, one stock_post_batch call (its own transaction); date ranges made on WS004. */
function callStockPostBatch(actor: Actor, run: { prepared: PreparedMovement; requestId?: string | null }[], requestId: string | null): Promise<RunAnswer> {
  const now = new Date();
  const items = JSON.stringify(run.map(({ prepared: m, requestId: r }) => ({ req: m.data, key: m.key, hash: m.requestHash, ...(r ? { requestId: r } : {}) })));
  return withDateRanges(run.map((item) => item.prepared.data.type), now, async () => {
    const [row] = await poolSql<{ r: RunAnswer }>("stock_post_batch", RUN_SQL, [
      actor.id, actor.channel, items, now, keyExpiresAt(now), NO_GAP_LOCK_WAIT_MS, NO_GAP_LOCK_ATTEMPTS, requestId,
    ]);
    return row.r;
  });
}

/** The items from `at` on, up to RUN_LINES lines (at least one item). */
function nextRun<T extends { prepared: PreparedMovement }>(items: T[], at: number): T[] {
  let lines = 0;
  let end = at;
  while (end < items.length && (end === at || lines + items[end].prepared.data.lines.length <= RUN_LINES)) {
    lines += items[end].prepared.data.lines.length;
    end++;
  }
  return items.slice(at, end);
}

// ── Combining ────────────────────────────────────────────────────────────────────────────────

/** Engine calls in flight per actor and channel in one web process; 0 turns combining off. */
export const COMBINE_IN_FLIGHT = Math.max(0, Math.floor(Number(process.env.MOVEMENT_COMBINE_IN_FLIGHT ?? 1)) || 0);

type Waiting = { prepared: PreparedMovement; requestId: string | null; resolve: (p: Posted) => void; reject: (e: unknown) => void };
type Group = { actor: Actor; inFlight: number; queue: Waiting[] };
const groups = new Map<string, Group>();

/**
 * Posts one movement outside any caller's transaction, combined with the movements of the same actor
 * and channel that are waiting at the same moment (see the top of this file). Answers what stock_post
 * answers for it, or throws its error (WS…, lock timeout…), exactly as callStockPost would.
 */
export function postCombined(actor: Actor, prepared: PreparedMovement, requestId: string | null): Promise<Posted> {
  if (COMBINE_IN_FLIGHT === 0) return postOne(actor, prepared, requestId);
  const key = `${actor.id}:${actor.channel}`;
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { actor, inFlight: 0, queue: [] }));
  const g = group;
  return new Promise<Posted>((resolve, reject) => {
    g.queue.push({ prepared, requestId, resolve, reject });
    pump(key, g);
  });
}

function pump(key: string, g: Group): void {
  while (g.inFlight < COMBINE_IN_FLIGHT && g.queue.length > 0) {
    const run = nextRun(g.queue, 0);
    g.queue.splice(0, run.length);
    g.inFlight++;
    void flush(g.actor, run)
      // Whatever went wrong, no movement is left waiting (settling one already settled does nothing).
      .catch((e: unknown) => run.forEach((w) => w.reject(e)))
      .finally(() => {
        g.inFlight--;
        if (g.inFlight === 0 && g.queue.length === 0) groups.delete(key);
        else pump(key, g);
      });
  }
}

/** One movement alone: stock_post, its own transaction (at `now`, default the moment of the call). */
export function postOne(actor: Actor, prepared: PreparedMovement, requestId: string | null, now = new Date()): Promise<Posted> {
  return withDateRanges([prepared.data.type], now, () => callStockPost(poolSql, actor, prepared, now, requestId));
}

/**
 * Posts `items` in order as runs of stock_post_batch (up to RUN_LINES lines each): `posted` gets each
 * item a run answered; `alone` posts an item by itself (its own transaction and exact error) — the
 * item a run stopped at, a run of one, and every item of a run that failed as a whole (it posted
 * nothing). The next run starts after the last item answered. Used by the batch API and the combiner.
 */
export async function postRuns<T extends { prepared: PreparedMovement; requestId?: string | null }>(
  actor: Actor,
  items: T[],
  requestId: string | null,
  posted: (item: T, p: Posted) => void,
  alone: (item: T) => Promise<void>,
): Promise<void> {
  let at = 0;
  while (at < items.length) {
    const run = nextRun(items, at);
    if (run.length === 1) {
      await alone(run[0]);
      at++;
      continue;
    }
    let answer: RunAnswer;
    try {
      answer = await callStockPostBatch(actor, run, requestId);
    } catch (e) {
      log.warn("a run of movements failed as a whole; posting them one by one", { err: e, code: pgErrorParts(e)?.code, items: run.length });
      for (const item of run) await alone(item);
      at += run.length;
      continue;
    }
    answer.results.forEach((p, i) => posted(run[i], p));
    if (answer.stop === null) {
      at += run.length;
    } else {
      await alone(run[answer.stop]);
      at += answer.stop + 1;
    }
  }
}

/** Settles every waiting movement of `run` (each item keeps its own request id). */
function flush(actor: Actor, run: Waiting[]): Promise<void> {
  return postRuns(actor, run, null, (w, p) => w.resolve(p), async (w) => {
    try {
      w.resolve(await postOne(actor, w.prepared, w.requestId));
    } catch (e) {
      w.reject(e);
    }
  });
}
