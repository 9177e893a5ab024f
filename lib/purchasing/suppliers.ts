// Suppliers and what they sell us (docs/purchasing.md). Codes are upper case and unique; a supplier
// is soft-deleted, and not at all while an order references it (IN_USE).
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma } from "../db";
import { readDb } from "../read-replica";
import { formatAmount } from "../money";
import { AppError, fieldError, fromDatabaseError } from "../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { parse } from "../validation";
import { z } from "zod";
import {
  supplierCreateSchema,
  supplierListQuerySchema,
  supplierProductSchema,
  supplierToleranceSchema,
  supplierUpdateSchema,
  type SupplierDto,
  type SupplierProductDto,
} from "./schemas";

type SupplierRow = Prisma.SupplierGetPayload<object>;

export function supplierDto(s: SupplierRow): SupplierDto {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    contact: s.contact,
    email: s.email,
    phone: s.phone,
    currency: s.currency,
    paymentTerms: s.paymentTerms,
    leadTimeDays: s.leadTimeDays,
    receiptTolerancePct: s.receiptTolerancePct.toString(),
    active: s.active,
    deleted: s.deletedAt !== null,
  };
}

/** The supplier with this code (not deleted), or NOT_FOUND. */
export async function findSupplier(tx: DbClient, code: string, opts: { lock?: boolean; share?: boolean } = {}): Promise<SupplierRow> {
  const c = code.trim().toUpperCase();
  if (opts.lock) await tx.$queryRaw`SELECT 1 FROM suppliers WHERE code = ${c} AND deleted_at IS NULL FOR UPDATE`;
  else if (opts.share) await tx.$queryRaw`SELECT 1 FROM suppliers WHERE code = ${c} AND deleted_at IS NULL FOR SHARE`;
  const s = await tx.supplier.findFirst({ where: { code: c, deletedAt: null } });
  if (!s) throw new AppError("NOT_FOUND", `Supplier ${c} not found.`, undefined, { key: "purchasing.errors.supplierNotFound", params: { code: c } });
  return s;
}

/** A product by SKU or barcode (case-insensitive), not deleted. */
export async function findProductByCode(tx: DbClient, code: string, path: string) {
  const rows = await tx.$queryRaw<{ id: string; sku: string; name: string; tracking: string }[]>`
    SELECT id::text AS id, sku, name, tracking::text AS tracking FROM products
    WHERE deleted_at IS NULL AND (lower(sku) = lower(${code}) OR lower(barcode) = lower(${code}))
    ORDER BY (lower(sku) = lower(${code})) DESC LIMIT 1`;
  if (!rows[0]) throw fieldError("VALIDATION_FAILED", path, `Unknown product ${code}.`, "purchasing.errors.unknownProduct", { code });
  return rows[0];
}

export async function listSuppliers(actor: Actor, query: unknown): Promise<Page<SupplierDto>> {
  assertCan(actor, "supplier.read");
  const q = parse(supplierListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.string());
  const rows = await readDb().supplier.findMany({
    where: {
      deletedAt: null,
      ...(q.q ? { OR: [{ code: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] } : {}),
      ...(q.active !== undefined ? { active: q.active } : {}),
      ...(after ? { code: { gt: after } } : {}),
    },
    orderBy: { code: "asc" },
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, (r) => r.code, supplierDto);
}

export async function getSupplier(actor: Actor, code: string): Promise<SupplierDto & { products: SupplierProductDto[] }> {
  assertCan(actor, "supplier.read");
  const s = await findSupplier(db, code);
  const products = await db.supplierProduct.findMany({
    where: { supplierId: s.id },
    include: { product: { select: { sku: true, name: true } } },
    orderBy: { product: { sku: "asc" } },
  });
  return {
    ...supplierDto(s),
    products: products.map((p) => ({
      sku: p.product.sku,
      name: p.product.name,
      supplierSku: p.supplierSku,
      lastPrice: p.lastPrice ? formatAmount(p.lastPrice) : null,
      currency: p.currency,
      minOrderQty: p.minOrderQty,
      preferred: p.preferred,
    })),
  };
}

export async function createSupplier(actor: Actor, input: unknown): Promise<SupplierDto> {
  assertCan(actor, "supplier.write");
  const data = parse(supplierCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const s = await tx.supplier.create({ data: { ...data, leadTimeDays: data.leadTimeDays ?? 0 } });
      const dto = supplierDto(s);
      await writeAudit(tx, actor, { action: "supplier.create", entity: "supplier", entityId: s.id, after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateSupplier(actor: Actor, code: string, input: unknown): Promise<SupplierDto> {
  assertCan(actor, "supplier.write");
  const data = parse(supplierUpdateSchema, input);
  return change(actor, code, "supplier.update", data);
}

/** Managers set how much over an order line may be received from this supplier. */
export async function setSupplierTolerance(actor: Actor, code: string, input: unknown): Promise<SupplierDto> {
  assertCan(actor, "purchase.settings");
  const data = parse(supplierToleranceSchema, input);
  return change(actor, code, "supplier.tolerance", data);
}

async function change(actor: Actor, code: string, action: string, data: Prisma.SupplierUpdateInput): Promise<SupplierDto> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await findSupplier(tx, code, { lock: true });
      const after = await tx.supplier.update({ where: { id: before.id }, data });
      const dto = supplierDto(after);
      await writeAudit(tx, actor, { action, entity: "supplier", entityId: before.id, before: supplierDto(before), after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

/** Soft delete; refused with IN_USE while any purchase order references the supplier. */
export async function deleteSupplier(actor: Actor, code: string): Promise<SupplierDto> {
  assertCan(actor, "supplier.write");
  return db.$transaction(async (tx) => {
    // The lock makes a concurrent order creation (which locks the supplier too) wait or see the deletion.
    const before = await findSupplier(tx, code, { lock: true });
    const orders = await tx.purchaseOrder.count({ where: { supplierId: before.id } });
    if (orders > 0) {
      throw new AppError("IN_USE", `Supplier ${before.code} is referenced by ${orders} purchase order(s) and cannot be deleted; make it inactive instead.`, { orders });
    }
    const after = await tx.supplier.update({ where: { id: before.id }, data: { deletedAt: new Date(), active: false } });
    await writeAudit(tx, actor, { action: "supplier.delete", entity: "supplier", entityId: before.id, before: supplierDto(before), after: supplierDto(after) });
    return supplierDto(after);
  });
}

/** Adds or updates what the supplier sells us for one product; `preferred` moves the flag here. */
export async function setSupplierProduct(actor: Actor, code: string, input: unknown): Promise<SupplierProductDto> {
  assertCan(actor, "supplier.write");
  const data = parse(supplierProductSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const s = await findSupplier(tx, code);
      const product = await findProductByCode(tx, data.sku, "sku");
      if (data.preferred) {
        // Lock the product's supplier rows in a fixed order so two "make preferred" calls serialise.
        await tx.$queryRaw`SELECT 1 FROM supplier_products WHERE product_id = ${product.id}::uuid ORDER BY id FOR UPDATE`;
        await tx.supplierProduct.updateMany({ where: { productId: product.id, preferred: true, NOT: { supplierId: s.id } }, data: { preferred: false } });
      }
      const fields = {
        supplierSku: data.supplierSku,
        lastPrice: data.lastPrice,
        currency: data.lastPrice ? (data.currency ?? s.currency) : data.currency,
        minOrderQty: data.minOrderQty,
        preferred: data.preferred,
      };
      const before = await tx.supplierProduct.findUnique({ where: { supplierId_productId: { supplierId: s.id, productId: product.id } } });
      const row = await tx.supplierProduct.upsert({
        where: { supplierId_productId: { supplierId: s.id, productId: product.id } },
        create: { supplierId: s.id, productId: product.id, ...fields, minOrderQty: data.minOrderQty ?? 1, preferred: data.preferred ?? false },
        update: fields,
      });
      await writeAudit(tx, actor, { action: "supplier.product", entity: "supplier", entityId: s.id, before, after: row });
      return {
        sku: product.sku,
        name: product.name,
        supplierSku: row.supplierSku,
        lastPrice: row.lastPrice ? formatAmount(row.lastPrice) : null,
        currency: row.currency,
        minOrderQty: row.minOrderQty,
        preferred: row.preferred,
      };
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function removeSupplierProduct(actor: Actor, code: string, sku: string): Promise<void> {
  assertCan(actor, "supplier.write");
  await db.$transaction(async (tx) => {
    const s = await findSupplier(tx, code);
    const product = await findProductByCode(tx, sku, "sku");
    const before = await tx.supplierProduct.findUnique({ where: { supplierId_productId: { supplierId: s.id, productId: product.id } } });
    if (!before) throw new AppError("NOT_FOUND", `${s.code} does not supply ${product.sku}.`);
    await tx.supplierProduct.delete({ where: { id: before.id } });
    await writeAudit(tx, actor, { action: "supplier.product.remove", entity: "supplier", entityId: s.id, before });
  });
}
