import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { productDto, productInclude } from "./product-dto";
import type { ProductDto } from "./schemas";

export async function getProduct(actor: Actor, sku: string, opts: { includeDeleted?: boolean } = {}): Promise<ProductDto> {
  assertCan(actor, "catalog.read");
  const product = await db.product.findFirst({
    where: { sku, ...(opts.includeDeleted ? {} : { deletedAt: null }) },
    include: productInclude,
  });
  if (!product) throw new AppError("NOT_FOUND", `Product ${sku} not found.`);
  return productDto(db, product);
}
