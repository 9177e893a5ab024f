// Reversing a movement (lib/stock/reverse-movement.ts): a new movement of the opposite direction,
// lot by lot, at most once, refused when the stock has moved on (naming what is available) and for
// counts, reversals, serial items and movements that belong to a document.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postMovement } from "@/lib/stock/post-movement";
import { checkStock } from "@/lib/stock/reconcile";
import { reverseMovement } from "@/lib/stock/reverse-movement";
import { actorFor } from "../support/fixtures";
import { levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

let admin: Actor, manager: Actor, clerk: Actor;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** Reconciliation's findings for these products only (other tests' planted rows are theirs). */
async function discrepanciesOf(...skus: string[]) {
  return (await checkStock(admin)).discrepancies.filter((d) => skus.includes(d.sku));
}

beforeAll(async () => {
  [admin, manager, clerk] = await Promise.all((["admin", "manager", "clerk"] as const).map((r) => actorFor(r)));
});

describe("reversing a movement", () => {
  it("undoes a receipt lot by lot, once; a second reversal is refused naming the first", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin, { tracking: "lot" });
    const { result: receipt } = await postMovement(clerk, { type: "in", lines: [{ sku, location: a, quantity: 5, lot: "L1", expiresAt: "2027-01-01" }] });
    const { result: reversal, reverses } = await reverseMovement(manager, receipt.number, { reason: "Received on the wrong product" });
    expect(reverses).toBe(receipt.number);
    expect(reversal).toMatchObject({ type: "out", reference: receipt.number, lines: [{ sku, location: a, quantity: 5, lots: [{ code: "L1", quantity: 5 }] }] });
    expect(await levelOf(sku, a)).toBe(0);
    expect((await db.movement.findUniqueOrThrow({ where: { id: reversal.id } })).reversesId).toBe(receipt.id);
    const again = await refusal(reverseMovement(manager, receipt.number, { reason: "again" }));
    expect(again).toMatchObject({ code: "INVALID_TRANSITION", details: { reversedBy: reversal.number } });
    // The reversal itself cannot be reversed.
    expect((await refusal(reverseMovement(manager, reversal.number, { reason: "undo the undo" }))).message).toMatch(/itself a reversal/);
    expect(await discrepanciesOf(sku)).toEqual([]);
  });

  it("is refused when the stock has moved on, saying what is available; nothing is posted", async () => {
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(admin);
    const { result: receipt } = await postMovement(clerk, { type: "in", lines: [{ sku, location: a, quantity: 5 }] });
    await postMovement(clerk, { type: "transfer", lines: [{ sku, from: a, to: b, quantity: 3 }] });
    const before = await db.movement.count();
    const e = await refusal(reverseMovement(manager, receipt.number, { reason: "typo" }));
    expect(e.code).toBe("INSUFFICIENT_STOCK");
    expect(e.message).toContain(`${receipt.number} cannot be reversed`);
    expect(e.details).toMatchObject({ requested: 5, available: 2 });
    expect(await db.movement.count()).toBe(before);
  });

  it("puts issued and transferred stock back where it came from; parallel reversals reverse once", async () => {
    const [a, b] = await makeLocations(2);
    const sku = await makeProduct(admin);
    await postMovement(clerk, { type: "in", lines: [{ sku, location: a, quantity: 10, unitCost: "2.50" }] });
    const { result: issue } = await postMovement(clerk, { type: "out", lines: [{ sku, location: a, quantity: 4 }] });
    const { result: transfer } = await postMovement(clerk, { type: "transfer", lines: [{ sku, from: a, to: b, quantity: 3 }] });
    const runs = await Promise.allSettled([1, 2, 3].map(() => reverseMovement(manager, issue.number, { reason: "Wrong order" })));
    expect(runs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await levelOf(sku, a)).toBe(7);
    await reverseMovement(manager, transfer.number, { reason: "Wrong bin" });
    expect([await levelOf(sku, a), await levelOf(sku, b)]).toEqual([10, 0]);
    expect(await discrepanciesOf(sku)).toEqual([]);
  });

  it("is for managers, not for counts, and idempotent with a key", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(admin);
    const { result: receipt } = await postMovement(clerk, { type: "in", lines: [{ sku, location: a, quantity: 2 }] });
    expect((await refusal(reverseMovement(clerk, receipt.number, { reason: "x" }))).code).toBe("FORBIDDEN");
    expect((await refusal(reverseMovement(manager, receipt.number, { reason: "" }))).code).toBe("VALIDATION_FAILED");
    const { result: count } = await postMovement(manager, { type: "adjust", lines: [{ sku, location: a, counted: 3 }] });
    expect((await refusal(reverseMovement(manager, count.number, { reason: "x" }))).message).toMatch(/counting again/);
    const first = await reverseMovement(manager, receipt.number, { reason: "dup" }, { idempotencyKey: "rev-key-1" });
    const replay = await reverseMovement(manager, receipt.number, { reason: "dup" }, { idempotencyKey: "rev-key-1" });
    expect(replay.replayed).toBe(true);
    expect(replay.result.number).toBe(first.result.number);
  });
});
