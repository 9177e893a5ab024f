// Category tree operations: create, rename/move (never into its own subtree), delete when unused.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError, fromDatabaseError } from "../errors";
import { parse } from "../validation";
import { categoryWithDescendants } from "./resolve-category";
import { categoryCreateSchema, categoryUpdateSchema } from "./schemas";

export type CategoryNode = { id: string; name: string; parentId: string | null; depth: number; path: string; productCount: number };

/**
 * The whole tree, depth-first in name order, with each node's path and live product count (kept by
 * triggers on products in category_product_counts, so no page counts 100,000 products).
 */
export async function listCategoryTree(actor: Actor): Promise<CategoryNode[]> {
  assertCan(actor, "catalog.read");
  const rows = await db.$queryRaw<{ id: string; name: string; parent_id: string | null; depth: number; path: string; product_count: number }[]>`
    WITH RECURSIVE tree AS (
      SELECT id, name, parent_id, 0 AS depth, name::text AS path, ARRAY[name::text] AS sort
      FROM categories WHERE parent_id IS NULL
      UNION ALL
      SELECT c.id, c.name, c.parent_id, t.depth + 1, t.path || ' / ' || c.name, t.sort || c.name::text
      FROM categories c JOIN tree t ON c.parent_id = t.id
    )
    SELECT t.id::text AS id, t.name, t.parent_id::text AS parent_id, t.depth, t.path,
           COALESCE((SELECT c.products FROM category_product_counts c WHERE c.category_id = t.id), 0) AS product_count
    FROM tree t ORDER BY t.sort`;
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, depth: r.depth, path: r.path, productCount: r.product_count }));
}

export async function createCategory(actor: Actor, input: unknown) {
  assertCan(actor, "catalog.write");
  const data = parse(categoryCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      if (data.parentId && !(await tx.category.findUnique({ where: { id: data.parentId } }))) {
        throw new AppError("VALIDATION_FAILED", "Unknown parent category.", { issues: [{ path: "parentId", message: "Unknown parent category." }] });
      }
      const category = await tx.category.create({ data: { name: data.name, parentId: data.parentId ?? null } });
      await writeAudit(tx, actor, { action: "category.create", entity: "category", entityId: category.id, after: category });
      return category;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateCategory(actor: Actor, id: string, input: unknown) {
  assertCan(actor, "catalog.write");
  const data = parse(categoryUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.category.findUnique({ where: { id } });
      if (!before) throw new AppError("NOT_FOUND", "Category not found.");
      if (data.parentId) {
        // Moving under itself or a descendant would cut the subtree loose from the tree.
        if ((await categoryWithDescendants(tx, id)).includes(data.parentId)) {
          throw new AppError("VALIDATION_FAILED", "A category cannot move under itself.", {
            issues: [{ path: "parentId", message: "A category cannot move under itself or its descendants." }],
          });
        }
      }
      const after = await tx.category.update({ where: { id }, data: { name: data.name, parentId: data.parentId } });
      await writeAudit(tx, actor, { action: "category.update", entity: "category", entityId: id, before, after });
      return after;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function deleteCategory(actor: Actor, id: string) {
  assertCan(actor, "catalog.write");
  return db.$transaction(async (tx) => {
    const before = await tx.category.findUnique({ where: { id }, include: { _count: { select: { children: true, products: true } } } });
    if (!before) throw new AppError("NOT_FOUND", "Category not found.");
    if (before._count.children || before._count.products) {
      throw new AppError("IN_USE", "This category still has subcategories or products.", {
        children: before._count.children,
        products: before._count.products,
      });
    }
    await tx.category.delete({ where: { id } });
    await writeAudit(tx, actor, { action: "category.delete", entity: "category", entityId: id, before: { id, name: before.name, parentId: before.parentId } });
  });
}
