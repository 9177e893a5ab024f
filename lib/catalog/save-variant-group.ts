// Create, change and delete variant groups (managers: catalog.write). Members are given by SKU (or
// barcode) and replace the group's list as a whole; every change is audited.
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type Tx } from "../db";
import { AppError, fromDatabaseError, keyedIssue, type Issue } from "../errors";
import { parse } from "../validation";
import { z } from "zod";
import { getVariantGroup } from "./list-variant-groups";
import { variantGroupInputSchema, type VariantGroupDto } from "./variant-group-schemas";

type Parsed = z.output<typeof variantGroupInputSchema>;

async function resolveMembers(tx: Tx, members: Parsed["members"]): Promise<{ productId: string; priority: number }[]> {
  if (members.length === 0) return [];
  const keys = members.map((m) => m.sku);
  const found = await tx.product.findMany({
    where: { deletedAt: null, OR: [{ sku: { in: keys } }, { barcode: { in: keys } }] },
    select: { id: true, sku: true, barcode: true },
  });
  const issues: Issue[] = [];
  const out = members.map((m, i) => {
    const p = found.find((x) => x.sku === m.sku) ?? found.find((x) => x.barcode === m.sku);
    if (!p) issues.push(keyedIssue(`members.${i}.sku`, `Unknown SKU or barcode "${m.sku}".`, "movements.errors.unknownProduct", { code: m.sku }));
    return { productId: p?.id ?? "", priority: m.priority };
  });
  const ids = out.map((m) => m.productId).filter(Boolean);
  if (new Set(ids).size !== ids.length) issues.push({ path: "members", message: "Each product may appear once." });
  if (issues.length) throw new AppError("VALIDATION_FAILED", issues[0].message, { issues }, issues[0].messageKey ? { key: issues[0].messageKey, params: issues[0].params } : undefined);
  return out;
}

export async function createVariantGroup(actor: Actor, input: unknown): Promise<VariantGroupDto> {
  assertCan(actor, "catalog.write");
  const data = parse(variantGroupInputSchema, input);
  try {
    const id = await db.$transaction(async (tx) => {
      const members = await resolveMembers(tx, data.members);
      const group = await tx.variantGroup.create({ data: { name: data.name, description: data.description ?? null, members: { create: members } } });
      await writeAudit(tx, actor, { action: "variantGroup.create", entity: "variantGroup", entityId: group.id, after: { name: data.name, members: data.members } });
      return group.id;
    });
    return getVariantGroup(actor, id);
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateVariantGroup(actor: Actor, id: string, input: unknown): Promise<VariantGroupDto> {
  assertCan(actor, "catalog.write");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", "Variant group not found.");
  const data = parse(variantGroupInputSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.variantGroup.findUnique({ where: { id }, include: { members: { include: { product: { select: { sku: true } } }, orderBy: { priority: "asc" } } } });
      if (!before) throw new AppError("NOT_FOUND", "Variant group not found.");
      const members = await resolveMembers(tx, data.members);
      await tx.variantGroupMember.deleteMany({ where: { groupId: id } });
      await tx.variantGroup.update({ where: { id }, data: { name: data.name, description: data.description ?? null, members: { create: members } } });
      await writeAudit(tx, actor, {
        action: "variantGroup.update", entity: "variantGroup", entityId: id,
        before: { name: before.name, members: before.members.map((m) => ({ sku: m.product.sku, priority: m.priority })) },
        after: { name: data.name, members: data.members },
      });
    });
    return getVariantGroup(actor, id);
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function deleteVariantGroup(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "catalog.write");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", "Variant group not found.");
  await db.$transaction(async (tx) => {
    const before = await tx.variantGroup.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "Variant group not found.");
    await tx.variantGroup.delete({ where: { id } }); // members go with it (ON DELETE CASCADE)
    await writeAudit(tx, actor, { action: "variantGroup.delete", entity: "variantGroup", entityId: id, before: { name: before.name } });
  });
}
