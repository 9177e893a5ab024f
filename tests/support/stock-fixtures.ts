// Stock fixtures for integration tests: a warehouse with fresh locations and products.
import { createProduct } from "@/lib/catalog/create-product";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { uniq } from "./fixtures";

export async function makeLocations(n: number): Promise<string[]> {
  const w = await db.warehouse.create({ data: { code: uniq("W"), name: "Test" } });
  const codes = Array.from({ length: n }, () => uniq("L"));
  await db.location.createMany({ data: codes.map((code) => ({ code, barcode: `BC-${code}`, name: code, warehouseId: w.id })) });
  return codes;
}

export async function makeProduct(actor: Actor, extra: Record<string, unknown> = {}): Promise<string> {
  const sku = uniq("SKU");
  await createProduct(actor, { sku, name: `Product ${sku}`, barcode: `BC-${sku}`, ...extra });
  return sku;
}

export async function levelOf(sku: string, location: string): Promise<number> {
  const row = await db.stockLevel.findFirst({ where: { product: { sku }, location: { code: location } } });
  return row?.quantity ?? 0;
}

export async function ledgerSum(sku: string, location: string): Promise<number> {
  const r = await db.ledgerEntry.aggregate({ where: { product: { sku }, location: { code: location } }, _sum: { delta: true } });
  return r._sum.delta ?? 0;
}
