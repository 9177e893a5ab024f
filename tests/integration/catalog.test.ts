import { describe, expect, it } from "vitest";
import { createProduct } from "@/lib/catalog/create-product";
import { getProduct } from "@/lib/catalog/get-product";
import { listProducts } from "@/lib/catalog/list-products";
import { deleteProduct, restoreProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { createCategory, deleteCategory, listCategoryTree, updateCategory } from "@/lib/catalog/categories";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { actorFor, uniq } from "../support/fixtures";

async function rejects(p: Promise<unknown>, code: string) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe("products", () => {
  it("creates a product, refuses a duplicate SKU or barcode with DUPLICATE", async () => {
    const manager = await actorFor("manager");
    const sku = uniq("SKU");
    const p = await createProduct(manager, { sku, name: "Drill", barcode: `${sku}-BC`, minStock: 10, price: { amount: "12.5", currency: "cny" } });
    expect(p).toMatchObject({ sku, name: "Drill", minStock: 10, safetyStock: 5, price: { amount: "12.50", currency: "CNY" }, onHand: 0, inStock: false });
    const dup = await rejects(createProduct(manager, { sku, name: "Other" }), "DUPLICATE");
    expect(dup.status).toBe(409);
    expect(dup.details?.fields).toEqual(["sku"]);
    const dupBarcode = await rejects(createProduct(manager, { sku: uniq("SKU"), name: "Other", barcode: `${sku}-BC` }), "DUPLICATE");
    expect(dupBarcode.details?.fields).toEqual(["barcode"]);
  });

  it("validates input with field paths", async () => {
    const manager = await actorFor("manager");
    const e = await rejects(createProduct(manager, { sku: "", name: "x", minStock: -1 }), "VALIDATION_FAILED");
    const paths = (e.details?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["sku", "minStock"]));
  });

  it("refuses writes for roles without catalog.write", async () => {
    for (const role of ["viewer", "clerk", "purchaser", "approver"] as const) {
      await rejects(createProduct(await actorFor(role), { sku: uniq("SKU"), name: "x" }), "FORBIDDEN");
    }
  });

  it("soft delete hides the product and restore shows it again", async () => {
    const manager = await actorFor("manager");
    const sku = uniq("SKU");
    await createProduct(manager, { sku, name: "Hammer" });
    await deleteProduct(manager, sku);
    expect((await listProducts(manager, { q: sku })).items).toHaveLength(0);
    await rejects(getProduct(manager, sku), "NOT_FOUND");
    expect((await listProducts(manager, { q: sku, deleted: "true" })).items.map((p) => p.sku)).toEqual([sku]);
    await rejects(deleteProduct(manager, sku), "NOT_FOUND");
    await restoreProduct(manager, sku);
    expect((await listProducts(manager, { q: sku })).items.map((p) => p.sku)).toEqual([sku]);
  });

  it("writes audit rows with before and after", async () => {
    const manager = await actorFor("manager");
    const sku = uniq("SKU");
    const created = await createProduct(manager, { sku, name: "Saw", minStock: 4 });
    await updateProduct(manager, sku, { name: "Hand saw" });
    const rows = await db.auditLog.findMany({ where: { entity: "product", entityId: created.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["product.create", "product.update"]);
    expect(rows[0]).toMatchObject({ actorId: manager.id, channel: "web", before: null });
    expect(rows[1].before).toMatchObject({ name: "Saw" });
    expect(rows[1].after).toMatchObject({ name: "Hand saw" });
  });

  it("paginates by SKU with a cursor and filters by category subtree", async () => {
    const manager = await actorFor("manager");
    const root = await createCategory(manager, { name: uniq("Root") });
    const child = await createCategory(manager, { name: "Child", parentId: root.id });
    const prefix = uniq("PG");
    for (let i = 1; i <= 5; i++) await createProduct(manager, { sku: `${prefix}-${i}`, name: `P${i}`, category: i % 2 ? child.id : root.id });
    const first = await listProducts(manager, { q: prefix, limit: "2" });
    expect(first.items.map((p) => p.sku)).toEqual([`${prefix}-1`, `${prefix}-2`]);
    const second = await listProducts(manager, { q: prefix, limit: "2", cursor: first.nextCursor! });
    expect(second.items.map((p) => p.sku)).toEqual([`${prefix}-3`, `${prefix}-4`]);
    const third = await listProducts(manager, { q: prefix, limit: "2", cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    expect((await listProducts(manager, { category: root.id })).items).toHaveLength(5);
    expect((await listProducts(manager, { category: child.id })).items).toHaveLength(3);
  });
});

describe("categories", () => {
  it("keeps names unique among siblings, including roots, and refuses cycles and deleting used ones", async () => {
    const manager = await actorFor("manager");
    const name = uniq("Cat");
    const a = await createCategory(manager, { name });
    await rejects(createCategory(manager, { name }), "DUPLICATE");
    const b = await createCategory(manager, { name: "Sub", parentId: a.id });
    await rejects(createCategory(manager, { name: "Sub", parentId: a.id }), "DUPLICATE");
    await rejects(updateCategory(manager, a.id, { parentId: b.id }), "VALIDATION_FAILED");
    await rejects(deleteCategory(manager, a.id), "IN_USE");
    await deleteCategory(manager, b.id);
    await deleteCategory(manager, a.id);
  });
});

describe("category product counts", () => {
  it("the tree's counts (kept by triggers on products) equal a count of the live products, through create, move, delete, restore and bulk writes", async () => {
    const admin = await actorFor("admin");
    const a = await createCategory(admin, { name: uniq("CountA") });
    const b = await createCategory(admin, { name: uniq("CountB"), parentId: a.id });
    const live = async () => {
      const rows = await db.$queryRaw<{ id: string; n: number }[]>`
        SELECT c.id::text AS id, (SELECT count(*)::int FROM products p WHERE p.category_id = c.id AND p.deleted_at IS NULL) AS n FROM categories c`;
      return Object.fromEntries(rows.map((r) => [r.id, r.n]));
    };
    const tree = async () => Object.fromEntries((await listCategoryTree(admin)).map((c) => [c.id, c.productCount]));

    const skus = [uniq("SKU"), uniq("SKU"), uniq("SKU")];
    for (const sku of skus) await createProduct(admin, { sku, name: sku, category: a.id });
    expect((await tree())[a.id]).toBe(3);
    await updateProduct(admin, skus[0], { category: b.id });
    await deleteProduct(admin, skus[1]);
    expect(await tree()).toMatchObject({ [a.id]: 1, [b.id]: 1 });
    await restoreProduct(admin, skus[1]);
    // One statement over many rows (as imports and scripts write): one trigger run, same counts.
    await db.$executeRaw`UPDATE products SET category_id = ${b.id}::uuid WHERE sku = ANY(${skus})`;
    await db.product.createMany({ data: [uniq("SKU"), uniq("SKU")].map((sku) => ({ sku, name: sku, categoryId: a.id })) });
    await db.$executeRaw`UPDATE products SET deleted_at = now() WHERE sku = ${skus[2]}`;
    expect(await tree()).toMatchObject({ [a.id]: 2, [b.id]: 2 });
    expect(await tree()).toEqual(await live());
  });
});

describe("database constraints", () => {
  it("refuses a negative stock quantity written by raw SQL", async () => {
    const manager = await actorFor("manager");
    const p = await createProduct(manager, { sku: uniq("SKU"), name: "Bolt" });
    const w = await db.warehouse.create({ data: { code: uniq("W"), name: "W" } });
    const code = uniq("L");
    const l = await db.location.create({ data: { code, barcode: code, name: code, warehouseId: w.id } });
    const insert = db.$executeRaw`
      INSERT INTO stock_levels (id, product_id, location_id, quantity, updated_at)
      VALUES (gen_random_uuid(), ${p.id}::uuid, ${l.id}::uuid, -1, now())`;
    await expect(insert).rejects.toThrow(/stock_levels_quantity_check|check constraint/i);
  });
});
