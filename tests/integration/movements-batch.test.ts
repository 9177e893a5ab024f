// postMovementBatch: up to 100 movements, posted in order, one answer per item (set-based runs of
// stock_post_batch; an item that run cannot post goes alone through postMovement); a failing item
// rolls back nothing else; the envelope is validated as a whole before anything is posted.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postMovement } from "@/lib/stock/post-movement";
import { postMovementBatch, type BatchItemFailed, type BatchItemPosted, type BatchResult } from "@/lib/stock/post-movement-batch";
import { actorFor, uniq } from "../support/fixtures";
import { levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const posted = (r: BatchResult["results"][number]) => r as BatchItemPosted;
const failed = (r: BatchResult["results"][number]) => r as BatchItemFailed;
const tail = (number: string) => Number(/(\d+)$/.exec(number)![1]);

describe("a batch of 100 write-offs (a no_gap sequence) with items 3 and 70 failing", () => {
  let batch: { movements: Record<string, unknown>[] };
  let first: BatchResult;
  let manager: Awaited<ReturnType<typeof actorFor>>;
  let sku: string;
  let scarce: string;
  let a: string;
  let b: string;

  it("posts 98 in order with contiguous numbers and answers the 2 failures in place", async () => {
    // Write-offs are numbered by a no_gap sequence (system data, prisma/seed/sequences.ts): a
    // failed item must not burn a number, so the 98 posted ones are contiguous.
    const sequence = await db.sequence.findFirst({ where: { code: "stock.move.write_off", companyId: null } });
    expect(sequence?.implementation).toBe("no_gap");
    manager = await actorFor("manager", "api");
    [a, b] = await makeLocations(2);
    sku = await makeProduct(manager);
    scarce = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 1000 }, { sku: scarce, location: b, quantity: 1 }] });
    const run = uniq("B");
    batch = {
      movements: Array.from({ length: 100 }, (_, i) => ({
        idempotencyKey: `${run}-${i}`,
        type: "write_off",
        reference: `${run}-${i}`,
        reason: "damaged",
        lines: [i === 3 ? { sku: scarce, location: b, quantity: 2 } : { sku: i === 70 ? `${run}-NO-SUCH` : sku, location: a, quantity: 1 }],
      })),
    };
    const movementsBefore = await db.movement.count();

    first = await postMovementBatch(manager, batch);

    expect(await db.movement.count()).toBe(movementsBefore + 98);
    expect(first.results).toHaveLength(100);
    expect(first.results.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(first.results.map((r) => r.status)).toEqual(Array.from({ length: 100 }, (_, i) => (i === 3 ? 409 : i === 70 ? 422 : 201)));
    expect(failed(first.results[3])).toEqual({
      index: 3,
      status: 409,
      error: {
        code: "INSUFFICIENT_STOCK",
        message: expect.any(String),
        messageKey: "movements.errors.insufficient",
        params: { sku: scarce, location: b, requested: 2, available: 1 },
        details: expect.objectContaining({ sku: scarce, location: b, requested: 2, available: 1 }),
      },
    });
    expect(failed(first.results[70]).error).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "lines.0.sku" }] } });
    // The same error object the single endpoint answers.
    const single = await failure(postMovement(manager, batch.movements[3]));
    expect(failed(first.results[3]).error).toEqual(single.toJSON().error);

    const ok = first.results.filter((r) => r.status === 201).map(posted);
    expect(ok).toHaveLength(98);
    for (const r of ok) {
      expect(r.replayed).toBe(false);
      expect(Object.keys(r)).toEqual(["index", "status", "replayed", "movement"]);
      expect(r.movement).toMatchObject({ type: "write_off", reference: batch.movements[r.index].reference, lines: [{ sku, location: a, quantity: 1 }] });
    }
    const numbers = ok.map((r) => r.movement.number);
    expect(numbers.every((n) => /^WH\/SCRAP\/\d{4}\/\d{5}$/.test(n))).toBe(true);
    const tails = numbers.map(tail);
    expect(tails).toEqual(Array.from({ length: 98 }, (_, k) => tails[0] + k));
    // Posted in the order given: each balance one below the last.
    expect(ok.map((r) => r.movement.lines[0].balance)).toEqual(Array.from({ length: 98 }, (_, k) => 999 - k));
    expect(await levelOf(sku, a)).toBe(1000 - 98);
    expect(await levelOf(scarce, b)).toBe(1);
  });

  it("sent again with the same keys: no new movement, the same answers, replayed", async () => {
    const movementsBefore = await db.movement.count();
    const again = await postMovementBatch(manager, batch);
    expect(await db.movement.count()).toBe(movementsBefore);
    expect(again.results).toEqual(first.results.map((r) => (r.status === 201 ? { ...r, replayed: true } : r)));
    expect(await levelOf(sku, a)).toBe(1000 - 98);
  });
});

describe("keys within one batch", () => {
  it("the same key twice: the second answers as a replay of the first; with another body, IDEMPOTENCY_KEY_REUSED", async () => {
    const clerk = await actorFor("clerk", "handheld");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const key = uniq("K");
    const item = { idempotencyKey: key, type: "in", lines: [{ sku, location: a, quantity: 5 }] };
    const before = await db.movement.count();
    const { results } = await postMovementBatch(clerk, {
      movements: [item, { ...item }, { ...item, lines: [{ sku, location: a, quantity: 6 }] }, { idempotencyKey: ` ${key} `, type: "in", lines: [{ sku, location: a, quantity: 5 }] }],
    });
    expect(await db.movement.count()).toBe(before + 1);
    expect(results[0]).toMatchObject({ index: 0, status: 201, replayed: false });
    expect(results[1]).toEqual({ ...results[0], index: 1, replayed: true });
    expect(results[2]).toEqual({ index: 2, status: 422, error: { code: "IDEMPOTENCY_KEY_REUSED", message: expect.any(String), messageKey: expect.any(String) } });
    // Keys are trimmed as the header is.
    expect(results[3]).toEqual({ ...results[0], index: 3, replayed: true });
    expect(await levelOf(sku, a)).toBe(5);
  });
});

describe("permissions per item", () => {
  it("a clerk's adjust is refused with 403 FORBIDDEN in place while the others post", async () => {
    const clerk = await actorFor("clerk", "api");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const key = uniq("P");
    const { results } = await postMovementBatch(clerk, {
      movements: [
        { idempotencyKey: `${key}-0`, type: "in", lines: [{ sku, location: a, quantity: 4 }] },
        { idempotencyKey: `${key}-1`, type: "adjust", lines: [{ sku, location: a, counted: 1 }] },
        { idempotencyKey: `${key}-2`, type: "out", lines: [{ sku, location: a, quantity: 1 }] },
      ],
    });
    expect(results.map((r) => r.status)).toEqual([201, 403, 201]);
    expect(failed(results[1]).error.code).toBe("FORBIDDEN");
    expect(posted(results[2]).movement.lines[0].balance).toBe(3);
  });

  it("a user who may post no movement is refused as a whole", async () => {
    const viewer = await actorFor("viewer", "api");
    const e = await failure(postMovementBatch(viewer, { movements: [{ idempotencyKey: uniq("V"), type: "in", lines: [{ sku: "X", location: "Y", quantity: 1 }] }] }));
    expect(e.code).toBe("FORBIDDEN");
  });
});

describe("the envelope", () => {
  async function refused(input: unknown): Promise<{ message: string; issues: { path: string; message: string }[] }> {
    const manager = await actorFor("manager", "api");
    const before = await db.movement.count();
    const e = await failure(postMovementBatch(manager, input));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.status).toBe(422);
    expect(await db.movement.count()).toBe(before);
    return { message: e.message, issues: e.details!.issues as { path: string; message: string }[] };
  }

  it("over 100 items → VALIDATION_FAILED at `movements`, nothing posted", async () => {
    const [a] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const key = uniq("O");
    const e = await refused({ movements: Array.from({ length: 101 }, (_, i) => ({ idempotencyKey: `${key}-${i}`, type: "in", lines: [{ sku, location: a, quantity: 1 }] })) });
    expect(e.issues).toEqual([{ path: "movements", message: "At most 100 movements per batch." }]);
    expect(e.message).toContain("At most 100 movements per batch.");
    expect(await levelOf(sku, a)).toBe(0);
  });

  it("no array, an empty one, a non-object item or an item without a valid key → VALIDATION_FAILED with its path", async () => {
    expect((await refused({})).issues).toEqual([{ path: "movements", message: "Required: `movements`, an array of movements." }]);
    expect((await refused({ movements: {} })).issues).toEqual([{ path: "movements", message: "`movements` must be an array of movements." }]);
    expect((await refused([])).issues).toEqual([{ path: "", message: "The body must be an object with `movements`." }]);
    expect((await refused({ movements: [] })).issues).toEqual([{ path: "movements", message: "At least one movement." }]);
    expect((await refused({ movements: ["in"] })).issues).toEqual([{ path: "movements.0", message: "Each movement must be an object." }]);
    // A valid first item is not posted when a later one lacks its key.
    const [a] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const good = { idempotencyKey: uniq("E"), type: "in", lines: [{ sku, location: a, quantity: 1 }] };
    const missing = await refused({ movements: [good, { type: "in", lines: [] }] });
    expect(missing.issues).toEqual([{ path: "movements.1.idempotencyKey", message: "Each movement of a batch needs an `idempotencyKey`." }]);
    expect(missing.message).toBe("The batch is not valid; nothing was posted. movements.1.idempotencyKey: Each movement of a batch needs an `idempotencyKey`.");
    const bad = await refused({ movements: [good, { ...good, idempotencyKey: "with space" }, { ...good, idempotencyKey: "x".repeat(256) }, { ...good, idempotencyKey: 7 }] });
    expect(bad.issues.map((i) => i.path)).toEqual(["movements.1.idempotencyKey", "movements.2.idempotencyKey", "movements.3.idempotencyKey"]);
    expect(bad.issues[0].message).toBe("Printable ASCII only.");
    expect(bad.message).toMatch(/\(3 issues in details\.issues\)$/);
    expect(await levelOf(sku, a)).toBe(0);
  });

  it("an item's own problems are that item's answer, as POST /movements would give them", async () => {
    const clerk = await actorFor("clerk", "api");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(await actorFor("manager"));
    const key = uniq("I");
    const { results } = await postMovementBatch(clerk, {
      movements: [
        { idempotencyKey: `${key}-0`, type: "in", lines: [{ sku, location: a, quantity: 0 }] },
        { idempotencyKey: `${key}-1`, type: "teleport", lines: [{ sku, location: a, quantity: 1 }] },
        { idempotencyKey: `${key}-2`, type: "in", lines: [{ sku, location: a, quantity: 2 }] },
      ],
    });
    expect(results.map((r) => r.status)).toEqual([422, 422, 201]);
    expect(failed(results[0]).error).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "lines.0.quantity" }] } });
    expect(failed(results[1]).error).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "type" }] } });
  });
});

describe("an unexpected error in one item", () => {
  it("becomes a 500 INTERNAL item, is logged, and the rest still post", async () => {
    vi.resetModules();
    vi.doMock("@/lib/stock/post-movement", async (importOriginal) => {
      const real = await importOriginal<typeof import("@/lib/stock/post-movement")>();
      return {
        ...real,
        prepareMovement: ((actor, body, key) => {
          if ((body as { reference?: string }).reference === "BOOM") throw new TypeError("boom");
          return real.prepareMovement(actor, body, key);
        }) satisfies typeof real.prepareMovement,
      };
    });
    try {
      const { postMovementBatch: batch } = await import("@/lib/stock/post-movement-batch");
      const { log } = await import("@/lib/log");
      const logged = vi.spyOn(log, "error").mockImplementation(() => {});
      const clerk = await actorFor("clerk", "api");
      const [a] = await makeLocations(1);
      const sku = await makeProduct(await actorFor("manager"));
      const key = uniq("U");
      const { results } = await batch(clerk, {
        movements: [0, 1, 2].map((i) => ({ idempotencyKey: `${key}-${i}`, type: "in", reference: i === 1 ? "BOOM" : undefined, lines: [{ sku, location: a, quantity: 1 }] })),
      });
      expect(results.map((r) => r.status)).toEqual([201, 500, 201]);
      expect(results[1]).toEqual({ index: 1, status: 500, error: { code: "INTERNAL", message: "An unexpected error occurred." } });
      expect(logged).toHaveBeenCalledWith("unexpected error in a movement of a batch", expect.objectContaining({ index: 1, err: expect.any(TypeError) }));
      expect(await levelOf(sku, a)).toBe(2);
    } finally {
      vi.doUnmock("@/lib/stock/post-movement");
      vi.resetModules();
    }
  });
});
