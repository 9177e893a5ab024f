import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { fromDatabaseError } from "../errors";
import { parse } from "../validation";
import { productDto, productInclude } from "./product-dto";
import { resolveCategoryId } from "./resolve-category";
import { productCreateSchema, type ProductDto } from "./schemas";

export async function createProduct(actor: Actor, input: unknown): Promise<ProductDto> {
  assertCan(actor, "catalog.write");
  const data = parse(productCreateSchema, input);
  const minStock = data.minStock ?? 0;
  try {
    return await db.$transaction(async (tx) => {
      const categoryId = await resolveCategoryId(tx, data.category);
      const product = await tx.product.create({
        data: {
          sku: data.sku,
          name: data.name,
          barcode: data.barcode ?? null,
          categoryId: categoryId ?? null,
          spec: data.spec ?? {},
          unit: data.unit ?? "pcs",
          minStock,
          safetyStock: data.safetyStock ?? Math.floor(minStock / 2),
          priceAmount: data.price?.amount ?? null,
          priceCurrency: data.price?.currency ?? null,
          tracking: data.tracking ?? "none",
        },
        include: productInclude,
      });
      const dto = await productDto(tx, product);
      await writeAudit(tx, actor, { action: "product.create", entity: "product", entityId: product.id, after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}
