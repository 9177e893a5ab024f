import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { writeOutbox } from "../queue/outbox";
import { productDto, productInclude } from "./product-dto";
import type { ProductDto } from "./schemas";

/** Soft delete: the product is hidden from lists but keeps its history and can be restored. */
export function deleteProduct(actor: Actor, sku: string): Promise<ProductDto> {
  return setDeleted(actor, sku, true);
}

export function restoreProduct(actor: Actor, sku: string): Promise<ProductDto> {
  return setDeleted(actor, sku, false);
}

async function setDeleted(actor: Actor, sku: string, deleted: boolean): Promise<ProductDto> {
  assertCan(actor, "catalog.write");
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM products
      WHERE sku = ${sku} AND (deleted_at IS NULL) = ${deleted} FOR UPDATE`;
    if (rows.length === 0) {
      throw new AppError("NOT_FOUND", deleted ? `Product ${sku} not found.` : `No deleted product ${sku} to restore.`);
    }
    const product = await tx.product.update({
      where: { id: rows[0].id },
      data: { deletedAt: deleted ? new Date() : null },
      include: productInclude,
    });
    const dto = await productDto(tx, product);
    // A deleted product's alert resolves; a restored one is checked again.
    await writeOutbox(tx, "product.changed", { productIds: [product.id] });
    await writeAudit(tx, actor, {
      action: deleted ? "product.delete" : "product.restore",
      entity: "product",
      entityId: product.id,
      before: { deletedAt: deleted ? null : dto.deletedAt },
      after: { deletedAt: dto.deletedAt },
    });
    return dto;
  });
}
