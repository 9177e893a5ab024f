// The one way stock changes (docs/product.md §2). Every entry point — desktop form, handheld, REST, import,
// count approval, jobs — calls postMovement.
//
// Here: permission, validation (zod), the Idempotency-Key and the request hash. The movement itself
// — resolving codes, locking the stock rows in the one global order, availability, FEFO/FIFO lots,
// ledger, number, document, audit row, outbox event, idempotency record — is ONE call of the SQL
// function stock_post (migration 20261122070000_movement_one_call, where the concurrency design is
// written down). One round trip, and the hot stock row stays locked only while PostgreSQL works.
// Outside a caller's transaction the call is its own transaction; any error rolls it all back; there,
// movements posted at the same moment are combined into one set-based run (engine.ts, "Combining").
import crypto from "node:crypto";
import { assertCan, type Actor } from "../auth/permissions";
import { sqlOf, type Tx } from "../db";
import { AppError, fromDatabaseError, type Issue } from "../errors";
import { countInsufficientStock, countLockTimeout, countMovementPosted } from "../metrics/registry";
import { pgErrorParts } from "../numbering/lookup";
import { currentRequestId } from "../request-context";
import { ensureDateRange, numberingError } from "../numbering/next-number";
import { parse } from "../validation";
import { callStockPost, postCombined, postOne, type Posted, type PreparedMovement } from "./engine";
import { keyEngineIssue } from "./engine-messages";
import { idempotencyKeySchema, importMovementSchema, postMovementSchema, type MovementLineResult, type MovementResult } from "./schemas";

export type { Posted, PreparedMovement } from "./engine";

/**
 * `tx`: run inside the caller's transaction (e.g. a count approval that posts its adjustment).
 * `at`: when the movement happened, instead of now — only the demo history (prisma/seed/history.ts)
 * back-dates this way, in time order; no request reaches it (routes and actions never pass it).
 */
export type PostOptions = { idempotencyKey?: string | null; tx?: Tx; at?: Date };
export type PostOutcome = { result: MovementResult; replayed: boolean };

export async function postMovement(actor: Actor, input: unknown, opts: PostOptions = {}): Promise<PostOutcome> {
  const prepared = prepareMovement(actor, input, opts.idempotencyKey);
  const now = opts.at ?? new Date();
  const code = `stock.move.${prepared.data.type}`;
  try {
    let posted: Posted;
    if (opts.tx) {
      // A failed statement aborts the caller's transaction, so the date range is made sure of first.
      await ensureDateRange(code, { date: now, tx: opts.tx });
      posted = await callStockPost(sqlOf(opts.tx), actor, prepared, now, currentRequestId() ?? null);
    } else if (opts.at) {
      posted = await postOne(actor, prepared, currentRequestId() ?? null, now);
    } else {
      // Combined with the movements posted at the same moment (engine.ts).
      posted = await postCombined(actor, prepared, currentRequestId() ?? null);
    }
    return settleMovement(actor, prepared, posted);
  } catch (e) {
    throw movementError(actor, e, code);
  }
}

/** Permission, validation (zod), the Idempotency-Key and the request hash: everything before the engine. */
export function prepareMovement(actor: Actor, input: unknown, idempotencyKey?: string | null): PreparedMovement {
  assertCan(actor, "movement.post");
  const data = parse(actor.channel === "import" ? importMovementSchema : postMovementSchema, input);
  if (data.type === "adjust" || data.type === "write_off") assertCan(actor, "movement.adjust");
  const key = idempotencyKey ? parseKey(idempotencyKey) : null;
  return { data, key, requestHash: key ? hashRequest(data) : null };
}

/** The engine's answer as the caller's: a replay of another body is refused; a new movement is counted. */
export function settleMovement(actor: Actor, prepared: PreparedMovement, posted: Posted): PostOutcome {
  if (posted.replay && posted.hash !== prepared.requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body.", undefined, { key: "movements.errors.keyReused" });
  }
  if (!posted.replay) countMovementPosted(prepared.data.type, actor.channel);
  return { result: inContractOrder(posted.result), replayed: posted.replay };
}

const LINE_KEYS = ["sku", "location", "from", "to", "quantity", "counted", "delta", "balance", "fromBalance", "toBalance", "lots", "serials"] as const;

/** jsonb sorts keys by length; answer in the order docs/api.md shows them. */
function inContractOrder(r: MovementResult): MovementResult {
  const line = (l: MovementLineResult) => Object.fromEntries(LINE_KEYS.filter((k) => l[k] !== undefined).map((k) => [k, l[k]])) as MovementLineResult;
  return { id: r.id, number: r.number, type: r.type, reference: r.reference, createdAt: r.createdAt, lines: r.lines.map(line) };
}

function parseKey(raw: string): string {
  const r = idempotencyKeySchema.safeParse(raw);
  if (!r.success) throw new AppError("VALIDATION_FAILED", "The Idempotency-Key header is not valid.", { issues: [{ path: "Idempotency-Key", message: r.error.issues[0].message }] });
  return r.data;
}

/** Canonical JSON (sorted keys) of the validated request, so formatting and key order do not matter. */
export function hashRequest(data: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
  return crypto.createHash("sha256").update(JSON.stringify(canon(data))).digest("hex");
}

/** stock_post's errors (SQLSTATE class WS, see the migration) and lock waits as AppErrors, counted. */
export function movementError(actor: Actor, e: unknown, code: string): unknown {
  const err = engineError(e, code);
  if (err instanceof AppError && err.code === "INSUFFICIENT_STOCK") countInsufficientStock(actor.channel);
  else if (pgErrorParts(e)?.code === "55P03") countLockTimeout("movement");
  return err;
}

function engineError(e: unknown, code: string): unknown {
  if (e instanceof AppError) return e;
  const pg = pgErrorParts(e);
  const details = () => (pg?.detail ? (JSON.parse(pg.detail) as Record<string, unknown>) : undefined);
  switch (pg?.code) {
    case "WS001": {
      const d = details();
      const issues = ((d?.issues as Issue[] | undefined) ?? []).map(keyEngineIssue);
      const first = issues[0];
      return new AppError("VALIDATION_FAILED", pg.message, d ? { ...d, issues } : d, first?.messageKey ? { key: first.messageKey, params: first.params } : undefined);
    }
    case "WS002": {
      const d = details() ?? {};
      const values = { sku: String(d.sku), location: String(d.location) };
      const ref =
        d.lot !== undefined
          ? { key: "movements.errors.insufficientLot", params: { ...values, lot: String(d.lot) } }
          : { key: "movements.errors.insufficient", params: { ...values, requested: Number(d.requested), available: Number(d.available) } };
      return new AppError("INSUFFICIENT_STOCK", pg.message, d, ref);
    }
    case "WS003":
      return new AppError("IDEMPOTENCY_IN_PROGRESS", pg.message, undefined, { key: "movements.errors.inProgress" });
    case "WS005":
      return new AppError("NOT_FOUND", pg.message, details());
    case "WS006":
      // Capacity (product.md §2): location, capacity, holds, adding, wouldHold, line and issues.
      return new AppError("VALIDATION_FAILED", pg.message, { reason: "CAPACITY_EXCEEDED", ...details() });
    case "55P03":
      return new AppError("UNAVAILABLE", "The stock rows of this movement stayed locked by other movements for too long. Nothing was posted; try again.");
    case "WN001":
      return numberingError(e, code);
  }
  return fromDatabaseError(e);
}
