// The set-based batch (stock_post_batch, migration 20261213090000_movement_batch) must post exactly
// what stock_post posts. Two twin worlds — the same products, locations, stock, reservations and
// capacities under different codes — receive the same items: world B as one batch, world S item by
// item through postMovement. Answers, movements, lines, ledger rows, audit rows, outbox events,
// idempotency records, stock levels and lots must be the same, code for code. The items cover every
// plain type, multi-line movements, a row named twice, barcodes, reservations, capacity, and the
// items the set path hands to stock_post (lots, unknown codes, not enough stock, a key used twice).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { AppError } from "@/lib/errors";
import { createCustomer } from "@/lib/sales/customers";
import { createSalesOrder, transitionSalesOrder } from "@/lib/sales/orders";
import { postMovement } from "@/lib/stock/post-movement";
import { postMovementBatch, type BatchItemResult } from "@/lib/stock/post-movement-batch";
import { actorFor, uniq } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

let customer: string | undefined;
async function customerCode(manager: Actor): Promise<string> {
  if (!customer) {
    customer = uniq("CUST");
    await createCustomer(manager, { code: customer, name: "Batch test customer", currency: "CNY", shippingAddress: "1 Main St" });
  }
  return customer;
}

type World = { name: string; codes: Record<string, string>; key: (i: number) => string };

async function makeWorld(name: string, manager: Actor): Promise<World> {
  const [l0, l1, l2] = await makeLocations(3);
  const codes: Record<string, string> = { L0: l0, L1: l1, L2: l2 };
  for (const p of ["P0", "P1", "P2", "P3"]) codes[p] = await makeProduct(manager);
  codes.LOT = await makeProduct(manager, { tracking: "lot" });
  await db.location.update({ where: { code: l2 }, data: { capacity: 30 } });
  await postMovement(manager, {
    type: "in",
    lines: [
      { sku: codes.P0, location: l0, quantity: 50 },
      { sku: codes.P1, location: l0, quantity: 20 },
      { sku: codes.P2, location: l1, quantity: 10 },
      { sku: codes.P3, location: l1, quantity: 5 },
    ],
  });
  // 5 of P1's 20 at L0 reserved by a confirmed sales order (docs/outbound.md)
  const order = await createSalesOrder(manager, { customer: await customerCode(manager), requestedDate: "2026-12-06", lines: [{ sku: codes.P1, quantity: 5, unitPrice: "10.00" }] });
  await transitionSalesOrder(manager, order.number, { action: "confirm" });
  codes.ORDER = order.number;
  const [{ reserved }] = await db.$queryRaw<{ reserved: number }[]>`SELECT reserved FROM stock_levels
    WHERE product_id = (SELECT id FROM products WHERE sku = ${codes.P1}) AND location_id = (SELECT id FROM locations WHERE code = ${l0})`;
  expect(reserved).toBe(5);
  const run = uniq(name);
  return { name, codes, key: (i) => `${run}-${i}` };
}

/** The script, written with symbolic codes (P0…, L0…); `key` is the item's key index. */
const SCRIPT: { key: number; body: Record<string, unknown> }[] = [
  { key: 0, body: { type: "in", reference: "R-0", note: "first", lines: [{ sku: "P0", location: "L0", quantity: 3, unitCost: "2.50" }] } },
  { key: 1, body: { type: "out", lines: [{ sku: "P0", location: "L0", quantity: 10 }] } },
  { key: 2, body: { type: "transfer", lines: [{ sku: "P0", from: "L0", to: "L2", quantity: 20 }] } },
  { key: 3, body: { type: "transfer", lines: [{ sku: "P0", from: "L0", to: "L2", quantity: 15 }] } }, // L2 holds at most 30
  { key: 4, body: { type: "out", lines: [{ sku: "P1", location: "L0", quantity: 16 }] } }, // 20 − 5 reserved
  { key: 5, body: { type: "out", lines: [{ sku: "P1", location: "L0", quantity: 15 }] } },
  { key: 6, body: { type: "adjust", lines: [{ sku: "P2", location: "L1", counted: 12, unitCost: "1.10" }, { sku: "P3", location: "L1", counted: 5 }] } },
  { key: 7, body: { type: "adjust", lines: [{ sku: "P1", location: "L0", counted: 3 }] } }, // below the 5 reserved
  { key: 8, body: { type: "write_off", lines: [{ sku: "P2", location: "L1", quantity: 1, reason: "broken" }] } },
  { key: 9, body: { type: "in", lines: [{ sku: "NO-SUCH-SKU", location: "L1", quantity: 1 }] } },
  { key: 10, body: { type: "in", lines: [{ sku: "LOT", location: "L1", quantity: 4, lot: "LA" }] } },
  { key: 11, body: { type: "out", lines: [{ sku: "LOT", location: "L1", quantity: 1 }] } },
  { key: 0, body: { type: "in", reference: "R-0", note: "first", lines: [{ sku: "P0", location: "L0", quantity: 3, unitCost: "2.50" }] } }, // replay
  { key: 1, body: { type: "out", lines: [{ sku: "P0", location: "L0", quantity: 11 }] } }, // key reused with another body
  { key: 14, body: { type: "out", reference: "twice", lines: [{ sku: "P0", location: "L2", quantity: 5 }, { sku: "P0", location: "L2", quantity: 5 }] } },
  { key: 15, body: { type: "transfer", lines: [{ sku: "P3", from: "L1", to: "L1", quantity: 1 }] } },
  { key: 16, body: { type: "out", lines: [{ sku: "BC-P2", location: "BC-L1", quantity: 2 }] } }, // by barcodes
  { key: 17, body: { type: "adjust", lines: [{ sku: "P0", location: "L0", counted: 0 }] } },
  { key: 18, body: { type: "in", lines: [{ sku: "P0", location: "L2", quantity: 1 }] } },
  { key: 19, body: { type: "transfer", lines: [{ sku: "P0", from: "L2", to: "L1", quantity: 10 }, { sku: "P3", from: "L1", to: "L2", quantity: 5 }] } },
  { key: 20, body: { type: "write_off", reason: "expired", lines: [{ sku: "P3", location: "L2", quantity: 1 }] } },
  { key: 21, body: { type: "in", lines: [{ sku: "P1", location: "L2", quantity: 30 }] } }, // over capacity
  { key: 22, body: { type: "in", lines: [{ sku: "P1", location: "L2", quantity: 14 }] } },
];

function bodyIn(w: World, body: Record<string, unknown>): Record<string, unknown> {
  const code = (v: unknown) => (typeof v === "string" ? v.replace(/^(BC-)?(P\d|L\d|LOT)$/, (_, bc: string | undefined, c: string) => `${bc ?? ""}${w.codes[c]}`) : v);
  const lines = (body.lines as Record<string, unknown>[]).map((l) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, ["sku", "location", "from", "to"].includes(k) ? code(v) : v])));
  return { ...body, lines };
}

/** Codes back to symbols, ids and numbers to their shape: what must be equal across the worlds. */
function symbolic(w: World, v: unknown): unknown {
  let s = JSON.stringify(v);
  for (const [sym, code] of Object.entries(w.codes).sort((a, b) => b[1].length - a[1].length)) s = s.split(code).join(sym);
  s = s.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");
  s = s.replace(/(WH\/[A-Z]+\/\d{4}\/)\d+/g, "$1<n>");
  s = s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<at>");
  s = s.replace(/(L|ADJ)\d{8}/g, "$1<date>");
  return JSON.parse(s);
}

async function dbFacts(w: World, movementIds: string[]) {
  const movements = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT m.type::text, m.reference, m.note, m.reason, m.channel::text,
      (SELECT jsonb_agg(jsonb_build_object('no', l.line_no, 'sku', p.sku, 'from', f.code, 'to', t.code, 'quantity', l.quantity,
                                           'counted', l.counted, 'lot', l.lot_code, 'cost', l.unit_cost::text) ORDER BY l.line_no)
         FROM movement_lines l JOIN products p ON p.id = l.product_id LEFT JOIN locations f ON f.id = l.from_location_id
         LEFT JOIN locations t ON t.id = l.to_location_id WHERE l.movement_id = m.id) AS lines,
      (SELECT jsonb_agg(jsonb_build_object('sku', p.sku, 'location', x.code, 'lot', lo.code, 'delta', e.delta, 'balance', e.balance,
                                           'cost', e.unit_cost::text, 'line', ml.line_no) ORDER BY e.id)
         FROM ledger_entries e JOIN products p ON p.id = e.product_id JOIN locations x ON x.id = e.location_id
         LEFT JOIN lots lo ON lo.id = e.lot_id JOIN movement_lines ml ON ml.id = e.line_id WHERE e.movement_id = m.id) AS ledger,
      (SELECT jsonb_agg(jsonb_build_object('action', a.action, 'after', a.after, 'channel', a.channel::text))
         FROM audit_logs a WHERE a.entity = 'movement' AND a.entity_id = m.id::text) AS audit,
      (SELECT jsonb_agg(jsonb_build_object('type', o.event_type, 'movementType', o.payload->>'type',
                        'products', (SELECT jsonb_agg(p.sku ORDER BY x.n) FROM jsonb_array_elements_text(o.payload->'productIds') WITH ORDINALITY x(id, n)
                                     JOIN products p ON p.id = x.id::uuid)))
         FROM outbox_events o WHERE o.payload->>'movementId' = m.id::text) AS outbox,
      (SELECT jsonb_agg(jsonb_build_object('status', k.response_status, 'body', k.response_body)) FROM idempotency_keys k WHERE k.movement_id = m.id) AS keys
    FROM movements m WHERE m.id = ANY(${movementIds}::uuid[])
    ORDER BY array_position(${movementIds}::uuid[], m.id)`;
  const skus = ["P0", "P1", "P2", "P3", "LOT"].map((p) => w.codes[p]);
  const levels = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT p.sku, l.code, s.quantity, s.reserved, s.last_counted_at IS NOT NULL AS counted
    FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
    WHERE p.sku = ANY(${skus}) ORDER BY 1, 2`;
  const lots = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT p.sku, l.code, x.code AS lot, x.quantity FROM lots x JOIN products p ON p.id = x.product_id JOIN locations l ON l.id = x.location_id
    WHERE p.sku = ANY(${skus}) ORDER BY 1, 2, 3`;
  const facts = symbolic(w, { movements, levels, lots }) as { movements: unknown[]; levels: unknown[]; lots: unknown[] };
  // ordered by the symbols, not by the codes (random per world)
  const bySymbol = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  return { movements: facts.movements, levels: bySymbol(facts.levels), lots: bySymbol(facts.lots) };
}

const movementIdsOf = (results: BatchItemResult[]) => results.flatMap((r) => (r.status === 201 && "movement" in r && !r.replayed ? [r.movement.id] : []));

describe("a batch posts what the items posted one by one post", () => {
  let batchWorld: World;
  let singleWorld: World;
  let batchAnswers: BatchItemResult[];
  let singleAnswers: BatchItemResult[];
  let actor: Actor;

  beforeAll(async () => {
    actor = await actorFor("manager", "api");
    batchWorld = await makeWorld("B", actor);
    singleWorld = await makeWorld("S", actor);
    ({ results: batchAnswers } = await postMovementBatch(actor, {
      movements: SCRIPT.map((s) => ({ idempotencyKey: batchWorld.key(s.key), ...bodyIn(batchWorld, s.body) })),
    }));
    singleAnswers = [];
    for (const [index, s] of SCRIPT.entries()) {
      singleAnswers.push(await postMovement(actor, bodyIn(singleWorld, s.body), { idempotencyKey: singleWorld.key(s.key) }).then(
        ({ result, replayed }): BatchItemResult => ({ index, status: 201, replayed, movement: result }),
        (e: AppError): BatchItemResult => ({ index, status: e.status, error: e.toJSON().error }),
      ));
    }
  });

  it("answers the same, item for item", () => {
    expect(batchAnswers.map((r) => r.status)).toEqual([201, 201, 201, 422, 409, 201, 201, 422, 201, 422, 201, 201, 201, 422, 201, 422, 201, 201, 201, 201, 201, 422, 201]);
    expect(symbolic(batchWorld, batchAnswers)).toEqual(symbolic(singleWorld, singleAnswers));
    expect((batchAnswers[12] as { replayed: boolean }).replayed).toBe(true);
    // Items 0–2 went set-based, in one run (one transaction, one timestamp); one by one, they did not.
    const at = (r: BatchItemResult) => ("movement" in r ? r.movement.createdAt : null);
    expect(new Set(batchAnswers.slice(0, 3).map(at)).size).toBe(1);
    expect(new Set(singleAnswers.slice(0, 3).map(at)).size).toBe(3);
  });

  it("writes the same movements, lines, ledger, audit, outbox, keys, levels and lots", async () => {
    const b = await dbFacts(batchWorld, movementIdsOf(batchAnswers));
    const s = await dbFacts(singleWorld, movementIdsOf(singleAnswers));
    expect(b).toEqual(s);
    expect(b.movements).toHaveLength(15);
  });

  it("replayed as a whole, posts nothing and answers the same movements", async () => {
    const before = await db.movement.count();
    const { results } = await postMovementBatch(actor, {
      movements: SCRIPT.map((s) => ({ idempotencyKey: batchWorld.key(s.key), ...bodyIn(batchWorld, s.body) })),
    });
    const posted = results.filter((r) => r.status === 201);
    expect(posted).toHaveLength(16);
    expect(posted.every((r) => "replayed" in r && r.replayed)).toBe(true);
    for (const r of posted) {
      const first = batchAnswers[r.index];
      if (first.status === 201 && "movement" in first && "movement" in r) expect(r.movement).toEqual(first.movement);
    }
    // The items that failed are evaluated again against today's stock, and none of them can post now.
    expect(await db.movement.count()).toBe(before);
  });
});

describe("parallel batches and single movements over the same rows", () => {
  it("never deadlock, answer every item, and keep every level equal to its ledger", async () => {
    const actor = await actorFor("manager", "api");
    const locations = await makeLocations(3);
    await db.location.update({ where: { code: locations[2] }, data: { capacity: 400 } });
    const skus: string[] = [];
    for (let i = 0; i < 8; i++) skus.push(await makeProduct(actor));
    await postMovement(actor, { type: "in", lines: skus.flatMap((sku) => locations.slice(0, 2).map((location) => ({ sku, location, quantity: 20 }))) });
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const movement = () => {
      const sku = skus[rand(skus.length)];
      const [a, b] = [locations[rand(3)], locations[rand(3)]];
      switch (rand(4)) {
        case 0: return { type: "in", lines: [{ sku, location: a, quantity: 1 + rand(5) }] };
        case 1: return { type: "out", lines: [{ sku, location: a, quantity: 1 + rand(8) }] };
        case 2: return a === b ? { type: "adjust", lines: [{ sku, location: a, counted: rand(30) }] } : { type: "transfer", lines: [{ sku, from: a, to: b, quantity: 1 + rand(6) }] };
        default: return { type: "out", lines: [{ sku, location: a, quantity: 1 }, { sku: skus[rand(skus.length)], location: b, quantity: 1 }] };
      }
    };
    const run = uniq("P");
    const batches = Array.from({ length: 6 }, (_, b) =>
      postMovementBatch(actor, { movements: Array.from({ length: 25 }, (_, i) => ({ idempotencyKey: `${run}-${b}-${i}`, ...movement() })) }));
    const singles = Array.from({ length: 20 }, () => postMovement(actor, movement()).then(() => 201, (e: AppError) => e.status));
    const answers = [...(await Promise.all(batches)).flatMap((r) => r.results.map((x) => x.status)), ...(await Promise.all(singles))];
    expect(answers).toHaveLength(170);
    expect(answers.filter((s) => s !== 201 && s !== 409 && s !== 422)).toEqual([]);
    expect(answers.filter((s) => s === 201).length).toBeGreaterThan(60);
    const drift = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM stock_levels s
      WHERE s.product_id IN (SELECT id FROM products WHERE sku = ANY(${skus}))
        AND s.quantity <> (SELECT COALESCE(sum(e.delta), 0) FROM ledger_entries e WHERE e.product_id = s.product_id AND e.location_id = s.location_id)`;
    expect(Number(drift[0].n)).toBe(0);
    // every ledger row's balance is the running sum of its row's deltas, in ledger order, and never negative
    const broken = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT e.balance, sum(e.delta) OVER (PARTITION BY e.product_id, e.location_id ORDER BY e.id) AS running
        FROM ledger_entries e WHERE e.product_id IN (SELECT id FROM products WHERE sku = ANY(${skus}))) x
      WHERE x.balance <> x.running OR x.balance < 0`;
    expect(Number(broken[0].n)).toBe(0);
  });
});
