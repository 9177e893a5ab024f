// Combining (lib/stock/engine.ts, docs/concurrency.md "Combining"): single movements posted at the
// same moment by one actor go to the engine together as stock_post_batch runs. Each caller must still
// get exactly its own answer — its movement, or its own error — and the stock must stay exact.
import { describe, expect, it } from "vitest";
import { db, pgPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requestContext } from "@/lib/request-context";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor, uniq } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

type Answer = { ok: true; number: string; balance: number; replayed: boolean } | { ok: false; code: string; message: string };

async function settle(p: Promise<{ result: { number: string; lines: { balance?: number }[] }; replayed: boolean }>): Promise<Answer> {
  try {
    const r = await p;
    return { ok: true, number: r.result.number, balance: r.result.lines[0].balance ?? NaN, replayed: r.replayed };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

async function ledgerOf(sku: string, location: string) {
  return db.$queryRaw<{ delta: number; balance: number; number: string; xid: string }[]>`
    SELECT e.delta, e.balance, m.number, m.xmin::text AS xid FROM ledger_entries e
    JOIN movements m ON m.id = e.movement_id
    WHERE e.product_id = (SELECT id FROM products WHERE sku = ${sku}) AND e.location_id = (SELECT id FROM locations WHERE code = ${location})
    ORDER BY e.id`;
}

async function levelOf(sku: string, location: string): Promise<number> {
  const [r] = await db.$queryRaw<{ quantity: number }[]>`SELECT quantity FROM stock_levels
    WHERE product_id = (SELECT id FROM products WHERE sku = ${sku}) AND location_id = (SELECT id FROM locations WHERE code = ${location})`;
  return r?.quantity ?? 0;
}

describe("movements posted at the same moment (combined)", () => {
  it("answer each caller its own movement or error, keep the hot row exact, and do share transactions", async () => {
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const lot = await makeProduct(await actorFor("manager"), { tracking: "lot" });
    // 60 movements at once on one row, starting from 0: receipts of 2, issues of 3 (some must fail),
    // an unknown SKU and a lot-tracked receipt among them (both go alone through stock_post).
    const calls = Array.from({ length: 60 }, (_, i) => {
      if (i === 17) return { type: "in", reference: "COMBINED", lines: [{ sku: `${sku}-NOPE`, location: loc, quantity: 1 }] };
      if (i === 31) return { type: "in", reference: "COMBINED", lines: [{ sku: lot, location: loc, quantity: 4, lot: "L-1" }] };
      return i % 3 === 2
        ? { type: "out", reference: "COMBINED", lines: [{ sku, location: loc, quantity: 3 }] }
        : { type: "in", reference: "COMBINED", lines: [{ sku, location: loc, quantity: 2 }] };
    });
    const answers = await Promise.all(calls.map((body) => settle(postMovement(clerk, body))));

    expect(answers[17]).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    expect((answers[17] as { message: string }).message).toContain("-NOPE");
    expect(answers[31]).toMatchObject({ ok: true, balance: 4 });
    const failures = answers.filter((a, i) => !a.ok && i !== 17);
    for (const f of failures) expect(f).toMatchObject({ ok: false, code: "INSUFFICIENT_STOCK" });

    // The row: its level is the sum of its ledger, every ledger balance is the running sum, and each
    // caller's answer is its own ledger row's balance.
    const ledger = await ledgerOf(sku, loc);
    const posted = answers.filter((a, i) => a.ok && i !== 31) as Extract<Answer, { ok: true }>[];
    expect(ledger).toHaveLength(posted.length);
    let running = 0;
    for (const row of ledger) {
      running += row.delta;
      expect(row.balance).toBe(running);
    }
    expect(await levelOf(sku, loc)).toBe(running);
    const byNumber = new Map(ledger.map((r) => [r.number, r.balance]));
    for (const a of posted) expect(byNumber.get(a.number)).toBe(a.balance);
    // what each receipt and issue asked for, and nothing twice
    expect(new Set(posted.map((a) => a.number)).size).toBe(posted.length);
    expect(posted.length + failures.length + 2).toBe(60);

    // Combined: several movements committed in one transaction (the 60 calls arrived together).
    const transactions = new Set(ledger.map((r) => r.xid));
    expect(transactions.size).toBeLessThan(ledger.length);
  });

  it("keep each request's id on its own outbox row", async () => {
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const ids = Array.from({ length: 12 }, () => uniq("req"));
    const answers = await Promise.all(
      ids.map((reqId) => requestContext.run({ reqId }, () => postMovement(clerk, { type: "in", reference: reqId, lines: [{ sku, location: loc, quantity: 1 }] }))),
    );
    const rows = await db.$queryRaw<{ reference: string; request_id: string }[]>`
      SELECT m.reference, o.request_id FROM outbox_events o JOIN movements m ON m.id::text = o.payload->>'movementId'
      WHERE o.event_type = 'movement.posted' AND o.payload->>'movementId' = ANY(${answers.map((a) => a.result.id)}::text[])`;
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r.request_id).toBe(r.reference);
  });

  it("answer one key sent twice at once with one movement", async () => {
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const key = uniq("combined-key");
    const body = { type: "in", lines: [{ sku, location: loc, quantity: 5 }] };
    const others = Array.from({ length: 10 }, () => postMovement(clerk, body));
    const twice = [postMovement(clerk, body, { idempotencyKey: key }), postMovement(clerk, body, { idempotencyKey: key })];
    const [a, b] = await Promise.all(twice.map((p) => p.then((r) => ({ ok: true as const, r }), (e: AppError) => ({ ok: false as const, code: e.code }))));
    await Promise.all(others);
    const got = [a, b];
    // Both answered: one posted, the other a replay of it — or told the key is still being processed.
    const firsts = got.filter((x) => x.ok && !x.r.replayed);
    expect(firsts).toHaveLength(1);
    for (const x of got) {
      if (x.ok && x.r.replayed) expect(x.r.result.id).toBe(firsts[0].ok && firsts[0].r.result.id);
      if (!x.ok) expect(x.code).toBe("IDEMPOTENCY_IN_PROGRESS");
    }
    expect(await levelOf(sku, loc)).toBe(5 * 11);
  });
});

describe("a refused movement", () => {
  it("keeps its pooled connection (a new one would compile the engine again, ~50 ms)", async () => {
    const clerk = await actorFor("clerk");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] }); // a warm connection
    let opened = 0;
    const count = () => opened++;
    pgPool.on("connect", count);
    try {
      for (let i = 0; i < 20; i++) {
        const a = await settle(postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity: 5 }] }));
        expect(a).toMatchObject({ ok: false, code: "INSUFFICIENT_STOCK" });
      }
    } finally {
      pgPool.off("connect", count);
    }
    expect(opened).toBe(0);
  });
});
