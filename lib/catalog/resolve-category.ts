import type { DbClient } from "../db";
import { AppError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A category reference is its id or its exact name (refused when the name is ambiguous). */
export async function resolveCategoryId(tx: DbClient, ref: string | null | undefined, path = "category"): Promise<string | null | undefined> {
  if (ref === undefined) return undefined;
  if (ref === null) return null;
  const found = UUID.test(ref)
    ? await tx.category.findMany({ where: { id: ref }, select: { id: true } })
    : await tx.category.findMany({ where: { name: ref }, select: { id: true }, take: 2 });
  if (found.length === 0) throw new AppError("VALIDATION_FAILED", "Unknown category.", { issues: [{ path, message: "Unknown category." }] });
  if (found.length > 1) {
    throw new AppError("VALIDATION_FAILED", "Several categories have this name; use its id.", { issues: [{ path, message: "Ambiguous category name; use its id." }] });
  }
  return found[0].id;
}

/** The ids of a category and all its descendants (one recursive query). */
export async function categoryWithDescendants(tx: DbClient, id: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT id FROM categories WHERE id = ${id}::uuid
      UNION ALL
      SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id
    )
    SELECT id::text AS id FROM tree`;
  return rows.map((r) => r.id);
}
