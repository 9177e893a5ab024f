import { describe, expect, it } from "vitest";
import { approveCountSession, cancelCountSession, createCountSession, getCountSession, recordCount, reviewCountSession } from "@/lib/counts/count-sessions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor } from "../support/fixtures";
import { ledgerSum, levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

async function code(p: Promise<unknown>) {
  return p.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : String(e)));
}

describe("count sessions", () => {
  it("blind count, review of variances, approval posts one adjust movement", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk", "handheld");
    const [a, b, outside] = await makeLocations(3);
    const s1 = await makeProduct(manager);
    const s2 = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku: s1, location: a, quantity: 10 }, { sku: s2, location: b, quantity: 5 }, { sku: s2, location: a, quantity: 3 }] });

    const session = await createCountSession(manager, { locations: [a, b.toLowerCase()] });
    expect(session).toMatchObject({ status: "open", locations: [a, b].sort(), lines: 0 });
    expect(session.number).toMatch(/^WH\/COUNT\/\d{4}\/\d{5}$/);

    await recordCount(clerk, session.number, { sku: s1, location: a, counted: 4 });
    await recordCount(clerk, session.number, { sku: s1, location: a, counted: 4, mode: "add" }); // a second box
    await recordCount(clerk, session.number, { sku: `BC-${s2}`, location: `BC-${b}`, counted: 6 });
    expect(await code(recordCount(clerk, session.number, { sku: s1, location: outside, counted: 1 }))).toBe("VALIDATION_FAILED");
    expect(await code(approveCountSession(clerk, session.number))).toBe("FORBIDDEN");

    const blind = await getCountSession(clerk, session.number);
    expect(blind.counted.map((l) => [l.sku, l.location, l.counted])).toEqual(expect.arrayContaining([[s1, a, 8], [s2, b, 6]]));
    expect(JSON.stringify(blind)).not.toContain("expected");

    const review = await reviewCountSession(manager, session.number);
    const byKey = new Map(review.lines.map((l) => [`${l.sku}@${l.location}`, l]));
    expect(byKey.get(`${s1}@${a}`)).toMatchObject({ expected: 10, counted: 8, variance: -2 });
    expect(byKey.get(`${s2}@${b}`)).toMatchObject({ expected: 5, counted: 6, variance: 1 });
    expect(byKey.get(`${s2}@${a}`)).toMatchObject({ expected: 3, counted: null, variance: null }); // stocked, not counted

    const approved = await approveCountSession(manager, session.number);
    expect(approved.status).toBe("approved");
    expect(approved.movement).toMatch(/^WH\/ADJ\//);
    expect(await levelOf(s1, a)).toBe(8);
    expect(await levelOf(s2, b)).toBe(6);
    expect(await levelOf(s2, a)).toBe(3); // uncounted lines are left alone
    expect(await ledgerSum(s1, a)).toBe(8);
    const movement = await db.movement.findUniqueOrThrow({ where: { number: approved.movement! }, include: { lines: true } });
    expect(movement).toMatchObject({ type: "adjust", reference: session.number });
    expect(movement.lines).toHaveLength(2);
    expect(await code(recordCount(clerk, session.number, { sku: s1, location: a, counted: 1 }))).toBe("INVALID_TRANSITION");
    expect(await code(approveCountSession(manager, session.number))).toBe("INVALID_TRANSITION");
  });

  it("cancel leaves stock untouched; an empty session cannot be approved", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 7 }] });
    const session = await createCountSession(manager, { locations: [a] });
    expect(await code(approveCountSession(manager, session.number))).toBe("VALIDATION_FAILED");
    await recordCount(manager, session.number, { sku, location: a, counted: 1 });
    const cancelled = await cancelCountSession(manager, session.id);
    expect(cancelled.status).toBe("cancelled");
    expect(await levelOf(sku, a)).toBe(7);
    expect(await code(createCountSession(manager, { locations: ["NOWHERE"] }))).toBe("VALIDATION_FAILED");
  });
});
