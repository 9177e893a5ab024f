import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runImport } from "@/lib/imports/run-import";
import type { ImportOutcome } from "@/lib/imports/types";
import { actorFor, uniq } from "../support/fixtures";
import { ledgerSum, levelOf, makeLocations, makeProduct } from "../support/stock-fixtures";

const file = (text: string) => Buffer.from(text, "utf8");
const run = (actor: Awaited<ReturnType<typeof actorFor>>, kind: "products" | "opening_stock", text: string, fileName = "test.csv") =>
  runImport(actor, { kind, fileName, content: file(text) });

function expectDone(o: ImportOutcome): Extract<ImportOutcome, { status: "done" }> {
  expect(o.status, JSON.stringify(o)).toBe("done");
  return o as Extract<ImportOutcome, { status: "done" }>;
}

async function counts() {
  const [movements, ledger, levels, lots] = await Promise.all([db.movement.count(), db.ledgerEntry.count(), db.stockLevel.count(), db.lot.count()]);
  return { movements, ledger, levels, lots };
}

describe("products import", () => {
  it("creates new SKUs and updates existing ones, with a BOM and semicolons", async () => {
    const manager = await actorFor("manager");
    const existing = await makeProduct(manager, { minStock: 5 });
    const fresh = uniq("IMP");
    const cat = await db.category.create({ data: { name: uniq("Cat") } });
    const sub = await db.category.create({ data: { name: uniq("Sub"), parentId: cat.id } });
    const text =
      "\uFEFFSKU;Name;Barcode;Category path;Unit;Min stock;Safety stock;Price;Currency;Tracking\r\n" +
      `${fresh};Imported thing;;${cat.name} / ${sub.name};box;10;4;12,50;CNY;lot\r\n` +
      `${existing};Renamed by import;;;;20;;;;\r\n`;
    const o = expectDone(await run(manager, "products", text));
    expect(o).toMatchObject({ rows: 2, created: 1, updated: 1, movementNumber: null });
    const created = await db.product.findUniqueOrThrow({ where: { sku: fresh } });
    expect(created).toMatchObject({ name: "Imported thing", unit: "box", minStock: 10, safetyStock: 4, priceCurrency: "CNY", tracking: "lot", categoryId: sub.id });
    expect(created.priceAmount?.toString()).toBe("12.5");
    const updated = await db.product.findUniqueOrThrow({ where: { sku: existing } });
    expect(updated).toMatchObject({ name: "Renamed by import", minStock: 20 });
    expect(await db.auditLog.count({ where: { entity: "product", entityId: created.id, action: "product.create", channel: "import" } })).toBe(1);
    expect(await db.auditLog.count({ where: { entity: "import", entityId: o.batchId } })).toBe(1);
  });

  it("reports every bad row and creates nothing", async () => {
    const manager = await actorFor("manager");
    const a = uniq("IMP");
    const b = uniq("IMP");
    const text = `sku,name,minStock,safetyStock,tracking\n${a},Good row,1,0,none\n${b},,x,,none\n${a},Dup,1,0,weird\n`;
    const o = await run(manager, "products", text);
    expect(o.status).toBe("invalid");
    if (o.status !== "invalid") return;
    expect(o.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "minStock", message: "Whole numbers only." }),
        expect.objectContaining({ row: 3, column: "name" }),
        expect.objectContaining({ row: 4, column: "sku", key: "duplicateSku" }),
        expect.objectContaining({ row: 4, column: "tracking" }),
      ]),
    );
    expect(await db.product.count({ where: { sku: { in: [a, b] } } })).toBe(0);
  });

  it("sets attributes from a JSON spec column; a single - clears barcode, category and spec; bad JSON names the cell", async () => {
    const manager = await actorFor("manager");
    const cat = await db.category.create({ data: { name: uniq("Cat") } });
    const sku = await makeProduct(manager, { category: cat.id, spec: { colour: "blue" } });
    const fresh = uniq("IMP");
    const set = `sku,name,spec\n${fresh},With attributes,"{""colour"": ""red"", ""size"": 42, ""fragile"": true}"\n${sku},,"{""voltage"": ""220V""}"\n`;
    expectDone(await run(manager, "products", set, "spec.csv"));
    expect((await db.product.findUniqueOrThrow({ where: { sku: fresh } })).spec).toEqual({ colour: "red", size: 42, fragile: true });
    expect((await db.product.findUniqueOrThrow({ where: { sku } })).spec).toEqual({ voltage: "220V" });

    expectDone(await run(manager, "products", `sku,barcode,category,spec\n${sku},-,-,-\n`, "clear.csv"));
    expect(await db.product.findUniqueOrThrow({ where: { sku } })).toMatchObject({ barcode: null, categoryId: null, spec: {} });

    const bad = await run(manager, "products", `sku,spec\n${sku},"[1,2]"\n${fresh},{not json\n`, "bad.csv");
    expect(bad.status).toBe("invalid");
    if (bad.status !== "invalid") return;
    expect(bad.errors).toEqual([
      expect.objectContaining({ row: 2, column: "spec", key: "badSpec" }),
      expect.objectContaining({ row: 3, column: "spec", key: "badSpec" }),
    ]);
  });

  it("refuses a file without the required columns, and roles without import.run", async () => {
    const manager = await actorFor("manager");
    const e = await run(manager, "products", "name,unit\nX,pcs\n").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toBe("Missing column(s): sku.");
    const clerk = await actorFor("clerk");
    const f = await run(clerk, "products", `sku,name\n${uniq("IMP")},X\n`).catch((err: unknown) => err);
    expect((f as AppError).code).toBe("FORBIDDEN");
  });
});

describe("large files", () => {
  it("imports 2,000 products in one go and reports progress on the way", async () => {
    const manager = await actorFor("manager");
    const tag = uniq("BULK");
    const rows = Array.from({ length: 2000 }, (_, i) => `${tag}-${i},Bulk ${i},pcs,${i % 7}`);
    const progress: { phase: string; done: number; total: number }[] = [];
    const o = await runImport(manager, { kind: "products", fileName: "bulk.csv", content: file(`sku,name,unit,minStock\n${rows.join("\n")}\n`) }, (p) => progress.push(p));
    expect(o).toMatchObject({ status: "done", rows: 2000, created: 2000, updated: 0 });
    expect(await db.product.count({ where: { sku: { startsWith: `${tag}-` } } })).toBe(2000);
    const applied = progress.filter((p) => p.phase === "apply").map((p) => p.done);
    expect(applied.length).toBeGreaterThan(5);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ phase: "apply", done: 2000, total: 2000 });
  });
});

describe("opening stock import", () => {
  it("imports nothing when one row is bad, and names the row", async () => {
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager);
    const before = await counts();
    const text = `sku,location,quantity\n${sku},${loc},5\n${sku},NOPE-${uniq()},3\n${sku},${loc},-2\n`;
    const o = await run(manager, "opening_stock", text);
    expect(o.status).toBe("invalid");
    if (o.status !== "invalid") return;
    expect(o.errorCount).toBe(2);
    expect(o.errors[0]).toMatchObject({ row: 3, column: "location", key: "unknownLocation" });
    expect(o.errors[1]).toMatchObject({ row: 4, column: "quantity", key: "badQuantity" });
    expect(await counts()).toEqual(before);
    expect(await levelOf(sku, loc)).toBe(0);
  });

  it("posts one `in` movement with a consistent ledger, and the same file only once", async () => {
    const manager = await actorFor("manager");
    const [a, b] = await makeLocations(2);
    const plain = await makeProduct(manager);
    const lotted = await makeProduct(manager, { tracking: "lot" });
    const text = `sku;location;quantity;lot;expiry;unit cost\n${plain};${a};7;;;1,25\nBC-${lotted};${b.toLowerCase()};4;LOT-1;2027-01-31;\n${plain};${b};3;;;\n`;
    const o = expectDone(await run(manager, "opening_stock", text, "opening.csv"));
    expect(o.movementNumber).toMatch(/^WH\/IN\//);
    expect(await levelOf(plain, a)).toBe(7);
    expect(await levelOf(plain, b)).toBe(3);
    expect(await levelOf(lotted, b)).toBe(4);
    const movement = await db.movement.findFirstOrThrow({ where: { number: o.movementNumber! }, include: { lines: true, ledger: true } });
    expect(movement).toMatchObject({ type: "in", channel: "import", actorId: manager.id });
    expect(movement.lines).toHaveLength(3);
    expect(movement.ledger).toHaveLength(3);
    expect(movement.ledger.reduce((s, l) => s + l.delta, 0)).toBe(14);
    for (const [sku, loc] of [[plain, a], [plain, b], [lotted, b]]) expect(await ledgerSum(sku, loc)).toBe(await levelOf(sku, loc));
    const lot = await db.lot.findFirstOrThrow({ where: { product: { sku: lotted } } });
    expect(lot).toMatchObject({ code: "LOT-1", quantity: 4 });
    expect(lot.expiresAt?.toISOString().slice(0, 10)).toBe("2027-01-31");

    const again = await run(manager, "opening_stock", text, "renamed.csv");
    expect(again).toMatchObject({ status: "already", movementNumber: o.movementNumber });
    expect(await levelOf(plain, a)).toBe(7);
  });

  it("two parallel imports of the same file post one movement", async () => {
    const manager = await actorFor("manager");
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(manager);
    const text = `sku,location,quantity\n${sku},${loc},11\n`;
    const before = await db.movement.count({ where: { lines: { some: { product: { sku } } } } });
    const results = await Promise.all([run(manager, "opening_stock", text), run(manager, "opening_stock", text), run(manager, "opening_stock", text)]);
    expect(results.filter((r) => r.status === "done")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already")).toHaveLength(2);
    const numbers = new Set(results.map((r) => (r.status === "invalid" ? null : r.movementNumber)));
    expect(numbers.size).toBe(1);
    expect(await db.movement.count({ where: { lines: { some: { product: { sku } } } } })).toBe(before + 1);
    expect(await levelOf(sku, loc)).toBe(11);
    expect(await ledgerSum(sku, loc)).toBe(11);
  });

  it("takes more lines than a normal movement allows", async () => {
    const manager = await actorFor("manager");
    const locs = await makeLocations(3);
    // Inserted directly: 200 parallel createProduct transactions could outwait the pool's maxWait.
    const skus = Array.from({ length: 200 }, () => uniq("SKU"));
    await db.product.createMany({ data: skus.map((sku) => ({ sku, name: sku })) });
    const rows = skus.flatMap((s) => locs.map((l) => `${s},${l},1`));
    expect(rows.length).toBeGreaterThan(500);
    const o = expectDone(await run(manager, "opening_stock", `sku,location,quantity\n${rows.join("\n")}\n`));
    const movement = await db.movement.findFirstOrThrow({ where: { number: o.movementNumber! }, include: { _count: { select: { lines: true } } } });
    expect(movement._count.lines).toBe(600);
  });
});
