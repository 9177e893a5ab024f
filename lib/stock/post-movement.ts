// The one way stock changes (SPEC §2). Every entry point — desktop form, handheld, REST, import,
// count approval, jobs — calls postMovement.
//
// Concurrency design, in one transaction (pg directly, statements prepared once per connection —
// Prisma's interactive-transaction overhead cost more than the work):
//  1. Idempotency: idempotency_claim takes a transaction-scoped advisory lock on (actor, key) with
//     try-lock — a duplicate in flight gets IDEMPOTENCY_IN_PROGRESS at once — then returns the
//     stored response, if any.
//  2. stock_prepare (SQL function, plan cached per connection) resolves SKUs/barcodes and location
//     codes, creates missing stock rows race-free (INSERT … ON CONFLICT DO NOTHING, in sorted
//     order), then locks all affected rows with SELECT … FOR UPDATE ORDER BY product, location:
//     every movement takes its locks in the same global order, so two movements never deadlock.
//     Lots of a product × location are only changed under that row's lock, so they need none.
//  3. Availability is checked on the locked rows; any failure throws and rolls everything back.
//  4. Only then the document number is taken (a failed movement consumes none, even `standard`),
//     and all writes — movement, lines, lots, ledger, levels, audit, outbox, idempotency record —
//     go in ONE call of stock_write. Round trips: BEGIN, prepare, number, write, COMMIT (+1 claim).
import crypto from "node:crypto";
import { assertCan, type Actor } from "../auth/permissions";
import { pgTransaction, sqlOf, type Sql, type Tx } from "../db";
import { AppError, fromDatabaseError, type Issue } from "../errors";
import { pgErrorCode } from "../numbering/lookup";
import { nextNumber } from "../numbering/next-number";
import { parse } from "../validation";
import { allocateLots, type LotBalance } from "./lots";
import {
  idempotencyKeySchema,
  importMovementSchema,
  postMovementSchema,
  type MovementLineResult,
  type MovementResult,
  type PostMovement,
} from "./schemas";

/** `tx`: run inside the caller's transaction (e.g. a count approval that posts its adjustment). */
export type PostOptions = { idempotencyKey?: string | null; tx?: Tx };
export type PostOutcome = { result: MovementResult; replayed: boolean };

const KEY_TTL_MS = 24 * 60 * 60 * 1000;

type ProductRef = { id: string; sku: string; tracking: "none" | "lot" | "serial" };
type LocationRef = { id: string; code: string };
type Level = { id: string; quantity: number; reserved: number; counted: boolean };
type Lot = LotBalance & { productId: string; locationId: string; unitCost: string | null; isNew: boolean; dirty: boolean };
type LedgerRow = { lineNo: number; productId: string; locationId: string; lotId: string | null; delta: number; balance: number; unitCost: string | null };

export async function postMovement(actor: Actor, input: unknown, opts: PostOptions = {}): Promise<PostOutcome> {
  assertCan(actor, "movement.post");
  const data = parse(actor.channel === "import" ? importMovementSchema : postMovementSchema, input);
  if (data.type === "adjust" || data.type === "write_off") assertCan(actor, "movement.adjust");
  const key = opts.idempotencyKey ? parseKey(opts.idempotencyKey) : null;
  const requestHash = key ? hashRequest(data) : null;
  const run = async (sql: Sql): Promise<PostOutcome> => {
    if (key) {
      const replay = await claimIdempotencyKey(sql, actor, key, requestHash!);
      if (replay) return { result: replay, replayed: true };
    }
    return { result: await apply(sql, actor, data, key, requestHash), replayed: false };
  };
  try {
    if (opts.tx) return await run(sqlOf(opts.tx));
    return await pgTransaction(run);
  } catch (e) {
    if (pgErrorCode(e) === "55P03") {
      throw new AppError("UNAVAILABLE", "The stock rows of this movement stayed locked by other movements for too long. Nothing was posted; try again.");
    }
    throw fromDatabaseError(e);
  }
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

async function claimIdempotencyKey(sql: Sql, actor: Actor, key: string, requestHash: string): Promise<MovementResult | null> {
  const [claim] = await sql<{ status: "busy" | "replay" | "new"; request_hash: string | null; response_body: MovementResult | null }>(
    "idempotency_claim", "SELECT * FROM idempotency_claim($1::uuid, $2)", [actor.id, key]);
  if (claim.status === "busy") {
    throw new AppError("IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is still being processed; retry shortly.");
  }
  if (claim.status === "new") return null;
  if (claim.request_hash !== requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body.");
  }
  return claim.response_body;
}

type Prepared = {
  kind: "sku" | "loc" | "level" | "lot";
  idx: number | null;
  id: string | null;
  code: string | null;
  tracking: ProductRef["tracking"] | null;
  active: boolean | null;
  product_id: string | null;
  location_id: string | null;
  quantity: number | null;
  reserved: number | null;
  received_at: Date | null;
  expires_at: string | null;
  unit_cost: string | null;
};

const PREPARE_SQL = "SELECT * FROM stock_prepare($1::text[], $2::text[], $3::int[], $4::int[], $5::boolean[])";

/**
 * Resolves the lines' codes and locks the stock rows they touch, in one call of stock_prepare.
 * Which product × location rows a line touches is known from the codes alone (indexes into the
 * distinct SKU and location lists); the rows a movement adds to may be created.
 */
async function prepare(sql: Sql, data: PostMovement) {
  const skus = [...new Set(data.lines.map((l) => l.sku))];
  const locs = [...new Set(data.lines.flatMap((l) => [l.location, l.from, l.to]).filter((c): c is string => !!c))];
  const skuIndex = new Map(skus.map((c, i) => [c, i + 1]));
  const locIndex = new Map(locs.map((c, i) => [c, i + 1]));
  const pairSku: number[] = [];
  const pairLoc: number[] = [];
  const pairCreate: boolean[] = [];
  for (const l of data.lines) {
    const sides = data.type === "transfer" ? [l.from!, l.to!] : [l.location!];
    const target = data.type === "transfer" ? l.to! : data.type === "in" || data.type === "adjust" ? l.location! : null;
    for (const code of sides) {
      pairSku.push(skuIndex.get(l.sku)!);
      pairLoc.push(locIndex.get(code)!);
      pairCreate.push(code === target);
    }
  }
  const rows = await sql<Prepared>("stock_prepare", PREPARE_SQL, [skus, locs, pairSku, pairLoc, pairCreate]);

  const products = new Map<string, ProductRef | null>();
  const locations = new Map<string, (LocationRef & { active: boolean }) | null>();
  for (const r of rows) {
    if (r.kind === "sku") products.set(skus[r.idx! - 1], r.id ? { id: r.id, sku: r.code!, tracking: r.tracking! } : null);
    else if (r.kind === "loc") locations.set(locs[r.idx! - 1], r.id ? { id: r.id, code: r.code!, active: r.active! } : null);
  }
  const issues: Issue[] = [];
  const lines = data.lines.map((l, i) => {
    const product = products.get(l.sku);
    if (!product) issues.push({ path: `lines.${i}.sku`, message: `Unknown SKU or barcode "${l.sku}".` });
    else if (product.tracking === "serial") issues.push({ path: `lines.${i}.sku`, message: `${product.sku} is serial-tracked and moves by serial number only.` });
    const loc = (field: "location" | "from" | "to") => {
      const c = l[field];
      if (!c) return undefined;
      const found = locations.get(c);
      if (!found) issues.push({ path: `lines.${i}.${field}`, message: `Unknown location "${c}".` });
      else if (!found.active) issues.push({ path: `lines.${i}.${field}`, message: `Location ${found.code} is inactive.` });
      return found ?? undefined;
    };
    return { input: l, product: product!, location: loc("location"), from: loc("from"), to: loc("to") };
  });
  if (issues.length) throw new AppError("VALIDATION_FAILED", issues[0].message, { issues });

  const levels = new Map<string, Level>();
  const lots = new Map<string, Lot[]>();
  for (const r of rows) {
    if (r.kind !== "level" && r.kind !== "lot") continue;
    const k = pairKey(r.product_id!, r.location_id!);
    if (r.kind === "level") levels.set(k, { id: r.id!, quantity: r.quantity!, reserved: r.reserved!, counted: false });
    else {
      const lot: Lot = {
        id: r.id!, productId: r.product_id!, locationId: r.location_id!, code: r.code!, receivedAt: r.received_at!,
        expiresAt: r.expires_at ? new Date(`${r.expires_at}T00:00:00Z`) : null, quantity: r.quantity!, unitCost: r.unit_cost, isNew: false, dirty: false,
      };
      lots.set(k, [...(lots.get(k) ?? []), lot]);
    }
  }
  return { lines, levels, lots };
}

// stock_write's parameters, in order, with their types.
const WRITE_TYPES = [
  "uuid", "text", '"MovementType"', "text", "text", "text", "uuid", '"Channel"', "timestamptz",
  "uuid[]", "uuid[]", "uuid[]", "uuid[]", "int[]", "int[]", "text[]", "text[]",
  "uuid[]", "uuid[]", "uuid[]", "text[]", "timestamptz[]", "date[]", "int[]", "text[]",
  "uuid[]", "int[]",
  "uuid[]", "uuid[]", "uuid[]", "uuid[]", "int[]", "int[]", "text[]",
  "uuid[]", "int[]", "boolean[]",
  "jsonb", "jsonb", "text", "text", "timestamptz",
];
const WRITE_SQL = `SELECT 1 AS ok FROM stock_write(${WRITE_TYPES.map((t, i) => `$${i + 1}::${t}`).join(", ")})`;

const pairKey = (productId: string, locationId: string) => `${productId}|${locationId}`;

async function apply(sql: Sql, actor: Actor, data: PostMovement, key: string | null, requestHash: string | null): Promise<MovementResult> {
  const { lines, levels, lots } = await prepare(sql, data);
  const now = new Date();

  const ledger: LedgerRow[] = [];
  const results: MovementLineResult[] = [];
  const today = now.toISOString().slice(0, 10).replaceAll("-", "");

  const lotAt = (productId: string, locationId: string, code: string, template?: Partial<Lot>): Lot => {
    const k = pairKey(productId, locationId);
    const list = lots.get(k) ?? [];
    let lot = list.find((x) => x.code === code);
    if (!lot) {
      lot = {
        id: crypto.randomUUID(), productId, locationId, code, quantity: 0, isNew: true, dirty: true,
        receivedAt: template?.receivedAt ?? now, expiresAt: template?.expiresAt ?? null, unitCost: template?.unitCost ?? null,
      };
      lots.set(k, [...list, lot]);
    }
    return lot;
  };

  const take = (lineNo: number, l: (typeof lines)[number], loc: LocationRef, qty: number, checkAvailable: boolean) => {
    const level = levels.get(pairKey(l.product.id, loc.id));
    const available = level ? level.quantity - level.reserved : 0;
    if (checkAvailable && (!level || qty > available)) {
      throw new AppError("INSUFFICIENT_STOCK", `Not enough ${l.product.sku} at ${loc.code}: requested ${qty}, available ${Math.max(0, available)}.`, {
        sku: l.product.sku, location: loc.code, requested: qty, available: Math.max(0, available), line: lineNo,
      });
    }
    const taken: { lot: Lot | null; quantity: number }[] = [];
    if (l.product.tracking === "lot") {
      const list = lots.get(pairKey(l.product.id, loc.id)) ?? [];
      if (l.input.lot) {
        const lot = list.find((x) => x.code === l.input.lot);
        if (!lot || lot.quantity < qty) {
          throw new AppError("INSUFFICIENT_STOCK", `Not enough of lot ${l.input.lot} of ${l.product.sku} at ${loc.code}.`, {
            sku: l.product.sku, location: loc.code, lot: l.input.lot, requested: qty, available: lot?.quantity ?? 0, line: lineNo,
          });
        }
        taken.push({ lot, quantity: qty });
      } else {
        const { takes, uncovered } = allocateLots(list, qty);
        for (const t of takes) taken.push({ lot: list.find((x) => x.id === t.lotId)!, quantity: t.quantity });
        if (uncovered) taken.push({ lot: null, quantity: uncovered });
      }
    } else {
      taken.push({ lot: null, quantity: qty });
    }
    for (const t of taken) {
      level!.quantity -= t.quantity;
      if (t.lot) {
        t.lot.quantity -= t.quantity;
        t.lot.dirty = true;
      }
      ledger.push({ lineNo, productId: l.product.id, locationId: loc.id, lotId: t.lot?.id ?? null, delta: -t.quantity, balance: level!.quantity, unitCost: t.lot?.unitCost ?? null });
    }
    return { level: level!, taken };
  };

  const put = (lineNo: number, l: (typeof lines)[number], loc: LocationRef, qty: number, lot: Lot | null, unitCost: string | null) => {
    const level = levels.get(pairKey(l.product.id, loc.id))!;
    level.quantity += qty;
    if (lot) {
      lot.quantity += qty;
      lot.dirty = true;
    }
    ledger.push({ lineNo, productId: l.product.id, locationId: loc.id, lotId: lot?.id ?? null, delta: qty, balance: level.quantity, unitCost: unitCost ?? lot?.unitCost ?? null });
    return level;
  };

  const lotSummary = (rows: { lot: Lot | null; quantity: number }[]) =>
    rows.some((r) => r.lot) ? { lots: rows.filter((r) => r.lot).map((r) => ({ code: r.lot!.code, quantity: r.quantity })) } : {};

  lines.forEach((l, i) => {
    const lineNo = i + 1;
    const q = l.input.quantity ?? 0;
    const unitCost = l.input.unitCost ?? null;
    switch (data.type) {
      case "in": {
        const lot = l.product.tracking === "lot"
          ? lotAt(l.product.id, l.location!.id, l.input.lot ?? `L${today}`, { expiresAt: l.input.expiresAt ? new Date(l.input.expiresAt) : null, unitCost })
          : null;
        const level = put(lineNo, l, l.location!, q, lot, unitCost);
        results.push({ sku: l.product.sku, location: l.location!.code, quantity: q, balance: level.quantity, ...(lot ? { lots: [{ code: lot.code, quantity: q }] } : {}) });
        break;
      }
      case "out":
      case "write_off": {
        const { level, taken } = take(lineNo, l, l.location!, q, true);
        results.push({ sku: l.product.sku, location: l.location!.code, quantity: q, balance: level.quantity, ...lotSummary(taken) });
        break;
      }
      case "transfer": {
        const { level: fromLevel, taken } = take(lineNo, l, l.from!, q, true);
        let toLevel: Level | undefined;
        for (const t of taken) {
          const lot = t.lot ? lotAt(l.product.id, l.to!.id, t.lot.code, t.lot) : null;
          toLevel = put(lineNo, l, l.to!, t.quantity, lot, t.lot?.unitCost ?? null);
        }
        results.push({ sku: l.product.sku, from: l.from!.code, to: l.to!.code, quantity: q, fromBalance: fromLevel.quantity, toBalance: toLevel!.quantity, ...lotSummary(taken) });
        break;
      }
      case "adjust": {
        const level = levels.get(pairKey(l.product.id, l.location!.id))!;
        const counted = l.input.counted!;
        const delta = counted - level.quantity;
        level.counted = true;
        let lotInfo = {};
        if (delta < 0) {
          lotInfo = lotSummary(take(lineNo, l, l.location!, -delta, false).taken);
        } else if (delta > 0) {
          const lot = l.product.tracking === "lot" ? lotAt(l.product.id, l.location!.id, l.input.lot ?? `ADJ${today}`, { unitCost }) : null;
          put(lineNo, l, l.location!, delta, lot, unitCost);
          if (lot) lotInfo = { lots: [{ code: lot.code, quantity: delta }] };
        } else {
          // A count that confirms the quantity is still a fact worth keeping in the ledger.
          ledger.push({ lineNo, productId: l.product.id, locationId: l.location!.id, lotId: null, delta: 0, balance: level.quantity, unitCost: null });
        }
        results.push({ sku: l.product.sku, location: l.location!.code, quantity: Math.abs(delta), counted, delta, balance: level.quantity, ...lotInfo });
        break;
      }
    }
  });

  const number = await nextNumber(`stock.move.${data.type}`, { sql, date: now });
  const movementId = crypto.randomUUID();
  const lineIds = lines.map(() => crypto.randomUUID());
  const result: MovementResult = { id: movementId, number, type: data.type, reference: data.reference ?? null, createdAt: now.toISOString(), lines: results };

  const changedLots = [...lots.values()].flat().filter((x) => x.dirty);
  const newLots = changedLots.filter((x) => x.isNew);
  const updatedLots = changedLots.filter((x) => !x.isNew);
  const finalLevels = [...levels.values()];
  const productIds = [...new Set(lines.map((l) => l.product.id))];
  const reason = data.type === "write_off" ? data.reason ?? data.lines.find((l) => l.reason)?.reason ?? null : data.reason ?? null;

  const lineFrom = (l: (typeof lines)[number]) => (data.type === "transfer" ? l.from!.id : data.type === "in" ? null : l.location!.id);
  const lineTo = (l: (typeof lines)[number]) => (data.type === "transfer" ? l.to!.id : data.type === "in" || data.type === "adjust" ? l.location!.id : null);
  await sql("stock_write", WRITE_SQL, [
    movementId, number, data.type, data.reference ?? null, data.note ?? null, reason,
    actor.id, actor.channel, now,
    lineIds, lines.map((l) => l.product.id), lines.map(lineFrom), lines.map(lineTo),
    results.map((r) => r.quantity), lines.map((l) => l.input.counted ?? null), lines.map((l) => l.input.lot ?? null),
    lines.map((l) => l.input.unitCost ?? null),
    newLots.map((x) => x.id), newLots.map((x) => x.productId), newLots.map((x) => x.locationId),
    newLots.map((x) => x.code), newLots.map((x) => x.receivedAt), newLots.map((x) => (x.expiresAt ? x.expiresAt.toISOString().slice(0, 10) : null)),
    newLots.map((x) => x.quantity), newLots.map((x) => x.unitCost),
    updatedLots.map((x) => x.id), updatedLots.map((x) => x.quantity),
    ledger.map((r) => lineIds[r.lineNo - 1]), ledger.map((r) => r.productId), ledger.map((r) => r.locationId),
    ledger.map((r) => r.lotId), ledger.map((r) => r.delta), ledger.map((r) => r.balance), ledger.map((r) => r.unitCost),
    finalLevels.map((x) => x.id), finalLevels.map((x) => x.quantity), finalLevels.map((x) => x.counted),
    JSON.stringify(result), JSON.stringify({ movementId, type: data.type, productIds }),
    key, requestHash, new Date(now.getTime() + KEY_TTL_MS),
  ]);
  return result;
}
