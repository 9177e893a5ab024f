import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { AppError } from "../errors";
import { writeOutbox } from "../queue/outbox";
import { parse } from "../validation";
import { assertCodesFree, codeClashError } from "./product-codes";
import { productDto, productInclude } from "./product-dto";
import { resolveCategoryId } from "./resolve-category";
import { productUpdateSchema, type ProductDto } from "./schemas";
import type { z } from "zod";

/** Changes a live product's fields; the SKU itself is its identity and does not change. */
export async function updateProduct(actor: Actor, sku: string, input: unknown): Promise<ProductDto> {
  assertCan(actor, "catalog.write");
  const data = parse(productUpdateSchema, input);
  try {
    return await db.$transaction((tx) => changeProduct(tx, actor, sku, data));
  } catch (e) {
    throw codeClashError(e);
  }
}

/** The update itself, inside the caller's transaction (also used by the CSV import). */
export async function changeProduct(tx: DbClient, actor: Actor, sku: string, data: z.output<typeof productUpdateSchema>): Promise<ProductDto> {
  // Lock the row so two concurrent edits serialise and the audit's "before" is exact.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM products WHERE sku = ${sku} AND deleted_at IS NULL FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", `Product ${sku} not found.`);
  const before = await tx.product.findUniqueOrThrow({ where: { id: locked[0].id }, include: productInclude });
  const minStock = data.minStock ?? before.minStock;
  const safetyStock = data.safetyStock ?? (data.minStock !== undefined ? Math.min(before.safetyStock, minStock) : undefined);
  if (safetyStock !== undefined && safetyStock > minStock) {
    throw new AppError("VALIDATION_FAILED", "Safety stock cannot exceed the minimum stock.", {
      issues: [{ path: "safetyStock", message: "Safety stock cannot exceed the minimum stock." }],
    });
  }
  if (data.barcode && data.barcode.toLowerCase() !== before.barcode?.toLowerCase()) {
    await assertCodesFree(tx, { barcode: data.barcode }, before.id);
  }
  if (data.tracking !== undefined && data.tracking !== before.tracking) await assertNoStock(tx, before.id, before.sku, before.tracking, data.tracking);
  const categoryId = await resolveCategoryId(tx, data.category);
  const product = await tx.product.update({
    where: { id: before.id },
    data: {
      name: data.name,
      barcode: data.barcode,
      categoryId,
      spec: data.spec,
      unit: data.unit,
      minStock: data.minStock,
      safetyStock,
      ...(data.price !== undefined
        ? { priceAmount: data.price?.amount ?? null, priceCurrency: data.price?.currency ?? null }
        : {}),
      tracking: data.tracking,
    },
    include: productInclude,
  });
  // New thresholds can open, escalate or resolve the product's alert: have it checked.
  if (product.minStock !== before.minStock || product.safetyStock !== before.safetyStock) {
    await writeOutbox(tx, "product.changed", { productIds: [product.id] });
  }
  const [beforeDto, afterDto] = [await productDto(tx, before), await productDto(tx, product)];
  await writeAudit(tx, actor, { action: "product.update", entity: "product", entityId: product.id, before: beforeDto, after: afterDto });
  return afterDto;
}

export const TRACKING_CHANGE_MESSAGE = "Tracking can only change while the product has no stock anywhere.";

/**
 * Tracking changes only while the product holds no stock (quantity and reserved 0 at every
 * location, product.md §1): stock received untracked cannot become serial- or lot-tracked stock.
 * The caller holds the product row FOR UPDATE, which waits for movements that are writing this
 * product's ledger (their foreign-key locks) and makes later ones recheck tracking (stock_post 6b).
 */
async function assertNoStock(tx: DbClient, productId: string, sku: string, from: string, to: string): Promise<void> {
  const [held] = await tx.$queryRaw<{ quantity: bigint; reserved: bigint; locations: bigint }[]>`
    SELECT COALESCE(sum(quantity), 0)::bigint AS quantity, COALESCE(sum(reserved), 0)::bigint AS reserved, count(*)::bigint AS locations
    FROM stock_levels WHERE product_id = ${productId}::uuid AND (quantity <> 0 OR reserved <> 0)`;
  if (held.locations === BigInt(0)) return;
  const message = `${sku} has stock (${held.quantity} on hand${held.reserved ? `, ${held.reserved} reserved` : ""} at ${held.locations} location${held.locations === BigInt(1) ? "" : "s"}): tracking cannot change from ${from} to ${to} until it has none.`;
  throw new AppError("INVALID_TRANSITION", message, {
    from, to, onHand: Number(held.quantity), reserved: Number(held.reserved), locations: Number(held.locations),
    issues: [{ path: "tracking", message: TRACKING_CHANGE_MESSAGE }],
  });
}
