// The one way stock changes (SPEC §2). Every entry point — desktop form, handheld, REST, import,
// count approval, jobs — calls postMovement.
//
// Concurrency design, in one interactive transaction:
//  1. Idempotency: a transaction-scoped advisory lock on (actor, key) — taken with try-lock, so a
//     duplicate in flight gets IDEMPOTENCY_IN_PROGRESS at once — then the stored response, if any.
//  2. stock_lock (SQL function, plan cached per connection): missing stock rows are created
//     race-free (INSERT … ON CONFLICT DO NOTHING, in sorted order), then all affected rows are
//     locked with SELECT … FOR UPDATE ORDER BY product, location: every movement takes its locks in
//     the same global order, so two movements never deadlock. Lots of a product × location are
//     only changed under that row's lock, so they need none.
//  4. Availability is checked on the locked rows; any failure throws and rolls everything back.
//  5. Only then the document number is taken (a failed movement consumes none, even `standard`),
//     and all writes — movement, lines, lots, ledger, levels, audit, outbox, idempotency record —
//     go in ONE call of stock_write. Round trips: BEGIN, resolve, lock, number, write, COMMIT.
import crypto from "node:crypto";
import { assertCan, type Actor } from "../auth/permissions";
import { db, type Tx } from "../db";
import { AppError, fromDatabaseError, type Issue } from "../errors";
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
  const run = async (tx: Tx): Promise<PostOutcome> => {
    if (key) {
      const replay = await claimIdempotencyKey(tx, actor, key, requestHash!);
      if (replay) return { result: replay, replayed: true };
    }
    return { result: await apply(tx, actor, data, key, requestHash), replayed: false };
  };
  try {
    if (opts.tx) return await run(opts.tx);
    return await db.$transaction(run, { maxWait: 15_000, timeout: 30_000 });
  } catch (e) {
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

async function claimIdempotencyKey(tx: Tx, actor: Actor, key: string, requestHash: string): Promise<MovementResult | null> {
  const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`${actor.id}:${key}`}, 0)) AS locked`;
  if (!locked) {
    throw new AppError("IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is still being processed; retry shortly.");
  }
  const prior = await tx.$queryRaw<{ request_hash: string; response_body: MovementResult; expired: boolean }[]>`
    SELECT request_hash, response_body, expires_at <= now() AS expired
    FROM idempotency_keys WHERE actor_id = ${actor.id}::uuid AND key = ${key}`;
  if (prior.length === 0) return null;
  if (prior[0].expired) {
    await tx.$executeRaw`DELETE FROM idempotency_keys WHERE actor_id = ${actor.id}::uuid AND key = ${key}`;
    return null;
  }
  if (prior[0].request_hash !== requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body.");
  }
  return prior[0].response_body;
}

async function resolveRefs(tx: Tx, data: PostMovement) {
  const skus = [...new Set(data.lines.map((l) => l.sku))];
  const locs = [...new Set(data.lines.flatMap((l) => [l.location, l.from, l.to]).filter((c): c is string => !!c))];
  const rows = await tx.$queryRaw<{ k: "p" | "l"; id: string; code: string; barcode: string | null; extra: string; active: boolean }[]>`
    SELECT * FROM stock_resolve(${skus}::text[], ${locs}::text[])`;
  const products = new Map<string, ProductRef>();
  const locations = new Map<string, LocationRef & { active: boolean }>();
  // Exact SKU / code matches win over barcode matches.
  for (const r of rows.filter((r) => r.k === "p")) if (r.barcode && !products.has(r.barcode)) products.set(r.barcode, { id: r.id, sku: r.code, tracking: r.extra as ProductRef["tracking"] });
  for (const r of rows.filter((r) => r.k === "p")) products.set(r.code, { id: r.id, sku: r.code, tracking: r.extra as ProductRef["tracking"] });
  for (const r of rows.filter((r) => r.k === "l")) if (r.barcode && !locations.has(r.barcode)) locations.set(r.barcode, { id: r.id, code: r.code, active: r.active });
  for (const r of rows.filter((r) => r.k === "l")) locations.set(r.code, { id: r.id, code: r.code, active: r.active });

  const issues: Issue[] = [];
  const lines = data.lines.map((l, i) => {
    const product = products.get(l.sku);
    if (!product) issues.push({ path: `lines.${i}.sku`, message: `Unknown SKU or barcode "${l.sku}".` });
    else if (product.tracking === "serial") issues.push({ path: `lines.${i}.sku`, message: `${product.sku} is serial-tracked and moves by serial number only.` });
    const loc = (field: "location" | "from" | "to") => {
      const c = l[field];
      if (!c) return undefined;
      const found = locations.get(c) ?? locations.get(c.toUpperCase());
      if (!found) issues.push({ path: `lines.${i}.${field}`, message: `Unknown location "${c}".` });
      else if (!found.active) issues.push({ path: `lines.${i}.${field}`, message: `Location ${found.code} is inactive.` });
      return found;
    };
    return { input: l, product: product!, location: loc("location"), from: loc("from"), to: loc("to") };
  });
  if (issues.length) throw new AppError("VALIDATION_FAILED", issues[0].message, { issues });
  return lines;
}

const pairKey = (productId: string, locationId: string) => `${productId}|${locationId}`;

async function apply(tx: Tx, actor: Actor, data: PostMovement, key: string | null, requestHash: string | null): Promise<MovementResult> {
  const lines = await resolveRefs(tx, data);
  const now = new Date();

  // Which product × location rows this movement touches, which it may create, which carry lots.
  const touched = new Map<string, { product: string; location: string; create: boolean; lots: boolean }>();
  for (const l of lines) {
    const sides = data.type === "transfer" ? [l.from!, l.to!] : [l.location!];
    const target = data.type === "transfer" ? l.to! : data.type === "in" || data.type === "adjust" ? l.location! : null;
    for (const loc of sides) {
      const k = pairKey(l.product.id, loc.id);
      const prev = touched.get(k);
      touched.set(k, { product: l.product.id, location: loc.id, create: (prev?.create ?? false) || loc === target, lots: l.product.tracking === "lot" });
    }
  }
  const pairs = [...touched.values()];
  const locked = await tx.$queryRaw<
    { kind: "level" | "lot"; id: string; product_id: string; location_id: string; quantity: number; reserved: number; code: string | null; received_at: Date | null; expires_at: Date | null; unit_cost: string | null }[]
  >`SELECT * FROM stock_lock(${pairs.map((x) => x.product)}::uuid[], ${pairs.map((x) => x.location)}::uuid[], ${pairs.map((x) => x.create)}::boolean[], ${pairs.map((x) => x.lots)}::boolean[])`;
  const levels = new Map<string, Level>();
  const lots = new Map<string, Lot[]>();
  for (const r of locked) {
    const k = pairKey(r.product_id, r.location_id);
    if (r.kind === "level") levels.set(k, { id: r.id, quantity: r.quantity, reserved: r.reserved, counted: false });
    else lots.set(k, [...(lots.get(k) ?? []), { id: r.id, productId: r.product_id, locationId: r.location_id, code: r.code!, receivedAt: r.received_at!, expiresAt: r.expires_at, quantity: r.quantity, unitCost: r.unit_cost, isNew: false, dirty: false }]);
  }

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

  const number = await nextNumber(`stock.move.${data.type}`, { tx, date: now });
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
  await tx.$executeRaw`SELECT stock_write(
    ${movementId}::uuid, ${number}, ${data.type}::"MovementType", ${data.reference ?? null}, ${data.note ?? null}, ${reason},
    ${actor.id}::uuid, ${actor.channel}::"Channel", ${now}::timestamptz,
    ${lineIds}::uuid[], ${lines.map((l) => l.product.id)}::uuid[], ${lines.map(lineFrom)}::uuid[], ${lines.map(lineTo)}::uuid[],
    ${results.map((r) => r.quantity)}::int[], ${lines.map((l) => l.input.counted ?? null)}::int[], ${lines.map((l) => l.input.lot ?? null)}::text[],
    ${lines.map((l) => l.input.unitCost ?? null)}::text[],
    ${newLots.map((x) => x.id)}::uuid[], ${newLots.map((x) => x.productId)}::uuid[], ${newLots.map((x) => x.locationId)}::uuid[],
    ${newLots.map((x) => x.code)}::text[], ${newLots.map((x) => x.receivedAt)}::timestamptz[], ${newLots.map((x) => x.expiresAt)}::date[],
    ${newLots.map((x) => x.quantity)}::int[], ${newLots.map((x) => x.unitCost)}::text[],
    ${updatedLots.map((x) => x.id)}::uuid[], ${updatedLots.map((x) => x.quantity)}::int[],
    ${ledger.map((r) => lineIds[r.lineNo - 1])}::uuid[], ${ledger.map((r) => r.productId)}::uuid[], ${ledger.map((r) => r.locationId)}::uuid[],
    ${ledger.map((r) => r.lotId)}::uuid[], ${ledger.map((r) => r.delta)}::int[], ${ledger.map((r) => r.balance)}::int[], ${ledger.map((r) => r.unitCost)}::text[],
    ${finalLevels.map((x) => x.id)}::uuid[], ${finalLevels.map((x) => x.quantity)}::int[], ${finalLevels.map((x) => x.counted)}::boolean[],
    ${JSON.stringify(result)}::jsonb, ${JSON.stringify({ movementId, type: data.type, productIds })}::jsonb,
    ${key}, ${requestHash}, ${new Date(now.getTime() + KEY_TTL_MS)}::timestamptz
  )`;
  return result;
}
