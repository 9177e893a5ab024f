// Issue 14, integrity gaps (docs/product.md §1, §2): unambiguous product codes, the same location
// named twice, tracking changes only without stock, counts that keep later movements, location
// capacity, an append-only audit log, and reconciliation of the ledger's running balances. Real
// PostgreSQL; the concurrency tests use several connections at once.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { createProduct } from "@/lib/catalog/create-product";
import { restoreProduct, deleteProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { approveCountSession, createCountSession, getCountSession, recordCount, reviewCountSession } from "@/lib/counts/count-sessions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postMovement } from "@/lib/stock/post-movement";
import { checkStock } from "@/lib/stock/reconcile";
import { actorFor, uniq } from "../support/fixtures";
import { levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

function client(): pg.Client {
  return new pg.Client({ connectionString: inject("databaseUrl") });
}

async function withClients<T>(n: number, fn: (clients: pg.Client[]) => Promise<T>): Promise<T> {
  const clients = Array.from({ length: n }, client);
  await Promise.all(clients.map((c) => c.connect()));
  try {
    return await fn(clients);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

const settled = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

const insertProductSql = `INSERT INTO products (id, sku, barcode, name, updated_at) VALUES (gen_random_uuid(), $1, $2, $1, now())`;

describe("product codes are unambiguous", () => {
  it("refuses a SKU or barcode equal, ignoring case, to another product's SKU or barcode, naming the field", async () => {
    const manager = await actorFor("manager");
    const sku = uniq("Case");
    await createProduct(manager, { sku, name: "Original", barcode: `EAN-${sku}` });

    const sameSkuOtherCase = await failure(createProduct(manager, { sku: sku.toLowerCase(), name: "Lower" }));
    expect(sameSkuOtherCase.code).toBe("DUPLICATE");
    // The same field taken: the short message the forms translate, and which product holds it.
    expect(sameSkuOtherCase.message).toBe("SKU already exists.");
    expect(sameSkuOtherCase.details?.conflict).toEqual({ sku, field: "sku" });
    expect(sameSkuOtherCase.details?.issues).toEqual([{ path: "sku", message: sameSkuOtherCase.message, messageKey: "validation.skuExists" }]);

    const barcodeIsOtherSku = await failure(createProduct(manager, { sku: uniq("B"), name: "B", barcode: sku.toLowerCase() }));
    expect(barcodeIsOtherSku.code).toBe("DUPLICATE");
    expect(barcodeIsOtherSku.details?.issues).toEqual([
      { path: "barcode", message: expect.stringContaining(`SKU of product ${sku}`), messageKey: "validation.codeTaken", params: { field: "Barcode", value: sku.toLowerCase(), sku } },
    ]);

    const skuIsOtherBarcode = await failure(createProduct(manager, { sku: `ean-${sku}`, name: "C" }));
    expect(skuIsOtherBarcode.code).toBe("DUPLICATE");
    expect(skuIsOtherBarcode.details?.issues).toEqual([expect.objectContaining({ path: "sku", message: expect.stringContaining(`barcode of product ${sku}`), messageKey: "validation.codeTaken" })]);

    // An edit is checked too; a product's barcode may be its own SKU.
    const other = await makeProduct(manager);
    const taken = await failure(updateProduct(manager, other, { barcode: `Ean-${sku}` }));
    expect(taken.details?.issues).toEqual([{ path: "barcode", message: "Barcode already exists.", messageKey: "validation.barcodeExists" }]);
    expect(taken.details?.conflict).toEqual({ sku, field: "barcode" });
    expect((await updateProduct(manager, other, { barcode: other.toLowerCase() })).barcode).toBe(other.toLowerCase());
  });

  it("soft-deleted products keep their codes, so a restore never clashes", async () => {
    const manager = await actorFor("manager");
    const sku = await makeProduct(manager);
    await deleteProduct(manager, sku);
    expect((await failure(createProduct(manager, { sku: uniq("N"), name: "N", barcode: sku.toLowerCase() }))).code).toBe("DUPLICATE");
    expect((await restoreProduct(manager, sku)).deletedAt).toBeNull();
  });

  it("8 parallel createProduct calls with one code in different cases: one is created, the rest are DUPLICATE on their field", async () => {
    const manager = await actorFor("manager");
    const code = uniq("Race");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? createProduct(manager, { sku: i % 4 === 0 ? code : code.toLowerCase(), name: `R${i}` })
          : createProduct(manager, { sku: uniq("R"), name: `R${i}`, barcode: i % 4 === 1 ? code.toLowerCase() : code }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect(r.reason).toMatchObject({ code: "DUPLICATE", details: { issues: [{ path: expect.stringMatching(/^(sku|barcode)$/) }] } });
    }
  });

  it("the database refuses clashes that bypass the domain check", async () => {
    const sku = uniq("Raw");
    await db.$executeRawUnsafe(insertProductSql, sku, null);
    await expect(db.$executeRawUnsafe(insertProductSql, uniq("Raw"), sku.toLowerCase())).rejects.toThrow(/already used by product/);
    await expect(db.$executeRawUnsafe(insertProductSql, sku.toLowerCase(), null)).rejects.toThrow(/already used by product|products_lower_sku_key/);
    // Own barcode = own SKU is fine.
    const own = uniq("Own");
    await db.$executeRawUnsafe(insertProductSql, own, own.toLowerCase());
  });

  it("two transactions inserting clashing codes at once: the second waits for the first and is refused", async () => {
    await withClients(2, async ([a, b]) => {
      const sku = uniq("Par");
      await a.query("BEGIN");
      await a.query(insertProductSql, [sku, null]);
      await b.query("BEGIN");
      const second = b.query(insertProductSql, [uniq("Par"), sku.toLowerCase()]); // its barcode = a's SKU
      expect(await settled(second, 300)).toBe(false); // waiting on the code's lock, not passing
      await a.query("COMMIT");
      await expect(second).rejects.toMatchObject({ code: "23505", constraint: "products_barcode_key" });
      await b.query("ROLLBACK");
    });
  });

  it("16 clients inserting products from a small pool of codes in mixed case: no clash ever lands", async () => {
    const pool = Array.from({ length: 12 }, () => uniq("Pool"));
    const variant = (c: string) => (Math.random() < 0.5 ? c : c.toLowerCase());
    const outcome = { ok: 0, refused: 0 };
    await withClients(16, (clients) =>
      Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < 25; i++) {
            const sku = Math.random() < 0.5 ? variant(pool[Math.floor(Math.random() * pool.length)]) : uniq("Own");
            const barcode = variant(pool[Math.floor(Math.random() * pool.length)]);
            try {
              await c.query(insertProductSql, [sku, barcode]);
              outcome.ok++;
            } catch (e) {
              expect((e as { code?: string }).code).toBe("23505");
              outcome.refused++;
            }
          }
        }),
      ),
    );
    expect(outcome.ok).toBeGreaterThan(0);
    expect(outcome.refused).toBeGreaterThan(0);
    const lower = pool.map((p) => p.toLowerCase());
    const [clashes] = await db.$queryRaw<{ n: bigint }[]>`
      WITH codes AS (
        SELECT id, lower(sku) AS code FROM products WHERE lower(sku) = ANY(${lower}::text[])
        UNION ALL SELECT id, lower(barcode) FROM products WHERE lower(barcode) = ANY(${lower}::text[]))
      SELECT count(*)::bigint AS n FROM (SELECT code FROM codes GROUP BY code HAVING count(DISTINCT id) > 1) x`;
    expect(clashes.n).toBe(BigInt(0));
  });
});

describe("a transfer into the same location", () => {
  it("is refused when from and to name one location by code and by barcode", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 5 }] });
    const e = await failure(postMovement(manager, { type: "transfer", lines: [{ sku, from: a, to: `BC-${a}`, quantity: 1 }] }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.message).toBe(`"${a}" and "BC-${a}" are the same location (${a}); a transfer needs two different locations.`);
    expect(e.details?.issues).toEqual([{ path: "lines.0.to", message: e.message }]);
    expect(await levelOf(sku, a)).toBe(5);
  });
});

describe("tracking changes", () => {
  it("are refused while the product has stock anywhere, on the tracking field, and allowed once it has none", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 3 }] });
    const e = await failure(updateProduct(manager, sku, { tracking: "serial" }));
    expect(e.code).toBe("INVALID_TRANSITION");
    expect(e.message).toBe(`${sku} has stock (3 on hand at 1 location): tracking cannot change from none to serial until it has none.`);
    expect(e.details).toMatchObject({ from: "none", to: "serial", onHand: 3, issues: [{ path: "tracking", message: "Tracking can only change while the product has no stock anywhere." }] });
    // Other fields still save; the same tracking is no change.
    expect((await updateProduct(manager, sku, { name: "Renamed", tracking: "none" })).name).toBe("Renamed");
    await postMovement(manager, { type: "out", lines: [{ sku, location: a, quantity: 3 }] });
    expect((await updateProduct(manager, sku, { tracking: "lot" })).tracking).toBe("lot");
  });

  it("a movement that resolved the product before a tracking change committed posts nothing", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await withClients(1, async ([editor]) => {
      // The editor holds the product row as updateProduct does, checks (no stock) and changes it.
      await editor.query("BEGIN");
      await editor.query("SELECT id FROM products WHERE sku = $1 FOR UPDATE", [sku]);
      const receipt = postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 4 }] });
      expect(await settled(receipt, 300)).toBe(false); // its ledger's foreign key waits for the editor
      await editor.query("UPDATE products SET tracking = 'serial' WHERE sku = $1", [sku]);
      await editor.query("COMMIT");
      const e = await failure(receipt);
      expect(e.code).toBe("VALIDATION_FAILED");
      expect(e.message).toMatch(/changed \(tracking or deleted\) while it was being posted/);
    });
    expect(await levelOf(sku, a)).toBe(0);
  });
});

describe("counts keep movements posted after counting", () => {
  it("count 10, receive 5 after counting, approve: 15, and the review shows the receipt", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk", "handheld");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    const other = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 12 }, { sku: other, location: a, quantity: 4 }] });
    const session = await createCountSession(manager, { locations: [a] });

    await recordCount(clerk, session.number, { sku, location: a, counted: 10 }); // 2 missing
    await recordCount(clerk, session.number, { sku: other, location: a, counted: 4 });
    const receipt = await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 5 }] });
    await postMovement(manager, { type: "out", lines: [{ sku: other, location: a, quantity: 1 }] });

    // Still blind for the counter.
    const blind = await getCountSession(clerk, session.number);
    expect(JSON.stringify(blind)).not.toMatch(/expected|"current"|movedSince/);

    const review = await reviewCountSession(manager, session.number);
    const line = review.lines.find((l) => l.sku === sku)!;
    expect(line).toMatchObject({ expected: 12, current: 17, counted: 10, variance: -2, after: 15 });
    expect(line.movedSince).toEqual([{ id: receipt.result.id, number: receipt.result.number, type: "in", delta: 5, at: receipt.result.createdAt }]);
    expect(review.lines.find((l) => l.sku === other)).toMatchObject({ expected: 4, current: 3, variance: 0, after: 3, movedSince: [expect.objectContaining({ delta: -1 })] });

    await approveCountSession(manager, session.number);
    expect(await levelOf(sku, a)).toBe(15);
    expect(await levelOf(other, a)).toBe(3);
    expect((await checkStock(await actorFor("admin"))).discrepancies.filter((d) => d.sku === sku || d.sku === other)).toEqual([]);
  });

  it("a recount (set) takes a fresh expected figure; another box (add) keeps the first one", async () => {
    const manager = await actorFor("manager");
    const clerk = await actorFor("clerk", "handheld");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 10 }] });
    const session = await createCountSession(manager, { locations: [a] });
    await recordCount(clerk, session.number, { sku, location: a, counted: 4 });
    await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 5 }] });
    await recordCount(clerk, session.number, { sku, location: a, counted: 5, mode: "add" });
    expect((await reviewCountSession(manager, session.number)).lines[0]).toMatchObject({ expected: 10, counted: 9, current: 15, after: 14 });
    await recordCount(clerk, session.number, { sku, location: a, counted: 16 });
    expect((await reviewCountSession(manager, session.number)).lines[0]).toMatchObject({ expected: 15, counted: 16, variance: 1, movedSince: [], after: 16 });
  });
});

describe("location capacity", () => {
  async function binWithCapacity(capacity: number): Promise<string> {
    const [code] = await makeLocations(1);
    await db.location.update({ where: { code }, data: { capacity } });
    return code;
  }

  it("refuses a receipt or transfer that would overfill a location, naming location, capacity and what it would hold", async () => {
    const manager = await actorFor("manager");
    const bin = await binWithCapacity(10);
    const [free] = await makeLocations(1);
    const s1 = await makeProduct(manager);
    const s2 = await makeProduct(manager);
    await postMovement(manager, { type: "in", lines: [{ sku: s1, location: bin, quantity: 6 }, { sku: s2, location: free, quantity: 50 }] });

    const e = await failure(postMovement(manager, { type: "in", lines: [{ sku: s2, location: bin, quantity: 5 }] }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.message).toBe(`Location ${bin} holds at most 10 units: it holds 6, and this movement would bring it to 11.`);
    expect(e.details).toMatchObject({ reason: "CAPACITY_EXCEEDED", location: bin, capacity: 10, holds: 6, adding: 5, wouldHold: 11, line: 1, issues: [{ path: "lines.0.location", message: e.message }] });

    const t = await failure(postMovement(manager, { type: "transfer", lines: [{ sku: s2, from: free, to: `BC-${bin}`, quantity: 3 }, { sku: s2, from: free, to: bin, quantity: 2 }] }));
    expect(t.details).toMatchObject({ location: bin, wouldHold: 11, line: 2, issues: [{ path: "lines.1.to" }] });

    // Exactly full is fine; taking out is always fine; an adjustment (a count) records what is there.
    await postMovement(manager, { type: "transfer", lines: [{ sku: s2, from: free, to: bin, quantity: 4 }] });
    expect((await failure(postMovement(manager, { type: "in", lines: [{ sku: s1, location: bin, quantity: 1 }] }))).details).toMatchObject({ wouldHold: 11 });
    await postMovement(manager, { type: "adjust", lines: [{ sku: s1, location: bin, counted: 8 }] });
    await postMovement(manager, { type: "out", lines: [{ sku: s1, location: bin, quantity: 1 }] });
    expect((await levelOf(s1, bin)) + (await levelOf(s2, bin))).toBe(11);
    // Locations without a capacity are unlimited.
    await postMovement(manager, { type: "in", lines: [{ sku: s1, location: free, quantity: 1_000_000 }] });
  });

  it("20 parallel receipts of different products into a bin with room for 10: exactly 10 pass", async () => {
    const manager = await actorFor("manager");
    const bin = await binWithCapacity(10);
    const skus = await Promise.all(Array.from({ length: 4 }, () => makeProduct(manager)));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => postMovement(manager, { type: "in", lines: [{ sku: skus[i % 4], location: bin, quantity: 1 }] })),
    );
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "VALIDATION_FAILED", details: { reason: "CAPACITY_EXCEEDED", capacity: 10 } });
    const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`
      SELECT COALESCE(sum(quantity), 0)::bigint AS total FROM stock_levels WHERE location_id = (SELECT id FROM locations WHERE code = ${bin})`;
    expect(total).toBe(BigInt(10));
  });
});

describe("the audit log is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE at the database", async () => {
    const manager = await actorFor("manager");
    await makeProduct(manager);
    const [row] = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM audit_logs ORDER BY id DESC LIMIT 1`;
    await expect(db.$executeRaw`UPDATE audit_logs SET action = 'x' WHERE id = ${row.id}`).rejects.toThrow(/audit_logs is append-only: UPDATE/);
    await expect(db.$executeRaw`DELETE FROM audit_logs WHERE id = ${row.id}`).rejects.toThrow(/audit_logs is append-only: DELETE/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_logs")).rejects.toThrow(/audit_logs is append-only: TRUNCATE/);
  });
});

describe("reconciliation checks the ledger's running balances", () => {
  class Rollback extends Error {}

  async function checkWith(plant: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) {
    const admin = await actorFor("admin");
    let found: Awaited<ReturnType<typeof checkStock>>["discrepancies"] = [];
    await db
      .$transaction(async (tx) => {
        await plant(tx);
        found = (await checkStock(admin, { tx })).discrepancies;
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    return found;
  }

  it("reports a row whose balance is not the previous balance plus its delta (planted, then rolled back)", async () => {
    const manager = await actorFor("manager");
    const [a] = await makeLocations(1);
    const sku = await makeProduct(manager);
    const r1 = await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 7 }] });
    const r2 = await postMovement(manager, { type: "out", lines: [{ sku, location: a, quantity: 2 }] });
    const r3 = await postMovement(manager, { type: "in", lines: [{ sku, location: a, quantity: 1 }] });
    const ids = await db.$queryRaw<{ id: bigint }[]>`SELECT e.id FROM ledger_entries e JOIN movements m ON m.id = e.movement_id WHERE m.id = ANY(${[r1.result.id, r2.result.id, r3.result.id]}::uuid[]) ORDER BY e.id`;
    expect(ids).toHaveLength(3);
    expect((await checkStock(await actorFor("admin"))).discrepancies.filter((d) => d.sku === sku)).toEqual([]);

    // A middle row's balance changed behind the trigger's back: it and the row after it break.
    const middle = await checkWith(async (tx) => {
      await tx.$executeRawUnsafe("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_delete");
      await tx.$executeRaw`UPDATE ledger_entries SET balance = 50 WHERE id = ${ids[1].id}`;
      await tx.$executeRawUnsafe("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_delete");
    });
    expect(middle.filter((d) => d.sku === sku)).toEqual([
      { kind: "balance", sku, location: a, entry: String(ids[1].id), movement: r2.result.number, stored: 50, ledger: 5 },
      { kind: "balance", sku, location: a, entry: String(ids[2].id), movement: r3.result.number, stored: 6, ledger: 51 },
    ]);

    // A row written with a wrong balance (delta 0, so the level sum still agrees).
    const appended = await checkWith((tx) => tx.$executeRaw`
      INSERT INTO ledger_entries (movement_id, line_id, product_id, location_id, delta, balance, created_at)
      SELECT movement_id, line_id, product_id, location_id, 0, 99, now() FROM ledger_entries WHERE id = ${ids[2].id}`);
    expect(appended.filter((d) => d.sku === sku)).toEqual([
      { kind: "balance", sku, location: a, entry: expect.any(String), movement: r3.result.number, stored: 99, ledger: 6 },
    ]);
    // Nothing stayed behind.
    expect((await checkStock(await actorFor("admin"))).discrepancies.filter((d) => d.sku === sku)).toEqual([]);
  });
});
