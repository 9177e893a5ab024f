import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { parse } from "../validation";
import { assertCodesFree, codeClashError } from "./product-codes";
import { productDto, productInclude } from "./product-dto";
import { resolveCategoryId } from "./resolve-category";
import { productCreateSchema, type ProductDto } from "./schemas";
import type { z } from "zod";

export async function createProduct(actor: Actor, input: unknown): Promise<ProductDto> {
  assertCan(actor, "catalog.write");
  const data = parse(productCreateSchema, input);
  try {
    return await db.$transaction((tx) => insertProduct(tx, actor, data));
  } catch (e) {
    throw codeClashError(e);
  }
}

/** The create itself, inside the caller's transaction (also used by the CSV import). */
export async function insertProduct(tx: DbClient, actor: Actor, data: z.output<typeof productCreateSchema>): Promise<ProductDto> {
  const minStock = data.minStock ?? 0;
  await assertCodesFree(tx, { sku: data.sku, barcode: data.barcode });
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
}
