// What a scanned or typed code is, for the handheld screens and the desktop form's autocomplete:
// a product (SKU or barcode) or a location (code or barcode), with what is stocked there.
// Read-only; every function checks stock.read first.
import { assertCan, type Actor } from "../auth/permissions";
import { productStock, type ProductStockRow } from "../catalog/product-stock";
import { db } from "../db";
import { likeEscape } from "./list-stock-levels";

export type ScannedProduct = { kind: "product"; sku: string; name: string; barcode: string | null; unit: string; tracking: "none" | "lot" | "serial" };
export type ScannedLocation = { kind: "location"; code: string; name: string; barcode: string; locationKind: string; active: boolean };
export type Scanned = ScannedProduct | ScannedLocation;

const clean = (code: string) => code.trim().slice(0, 64);

export async function findProductByCode(actor: Actor, code: string): Promise<ScannedProduct | null> {
  assertCan(actor, "stock.read");
  const c = clean(code);
  if (!c) return null;
  // An exact SKU wins over a barcode (as in postMovement).
  const rows = await db.product.findMany({
    where: { deletedAt: null, OR: [{ sku: c }, { barcode: c }] },
    select: { sku: true, name: true, barcode: true, unit: true, tracking: true },
    take: 2,
  });
  const p = rows.find((r) => r.sku === c) ?? rows[0];
  return p ? { kind: "product", sku: p.sku, name: p.name, barcode: p.barcode, unit: p.unit, tracking: p.tracking } : null;
}

export async function findLocationByCode(actor: Actor, code: string): Promise<ScannedLocation | null> {
  assertCan(actor, "stock.read");
  const c = clean(code);
  if (!c) return null;
  const rows = await db.location.findMany({
    where: { OR: [{ code: c.toUpperCase() }, { barcode: c }] },
    select: { code: true, name: true, barcode: true, kind: true, active: true },
    take: 2,
  });
  const l = rows.find((r) => r.code === c.toUpperCase()) ?? rows[0];
  return l ? { kind: "location", code: l.code, name: l.name, barcode: l.barcode, locationKind: l.kind, active: l.active } : null;
}

/** A code that could be either: the expected kind is tried first. */
export async function resolveScan(actor: Actor, code: string, expect: "product" | "location" = "product"): Promise<Scanned | null> {
  const [first, second] = expect === "product" ? [findProductByCode, findLocationByCode] : [findLocationByCode, findProductByCode];
  return (await first(actor, code)) ?? (await second(actor, code));
}

export type LocationContentRow = { sku: string; name: string; unit: string; quantity: number; reserved: number; available: number };

/** What a location holds (levels above zero), by SKU. */
export async function locationContents(actor: Actor, locationCode: string, limit = 200): Promise<LocationContentRow[]> {
  assertCan(actor, "stock.read");
  const rows = await db.stockLevel.findMany({
    where: { location: { code: locationCode.toUpperCase() }, product: { deletedAt: null }, OR: [{ quantity: { gt: 0 } }, { reserved: { gt: 0 } }] },
    select: { quantity: true, reserved: true, product: { select: { sku: true, name: true, unit: true } } },
    orderBy: { product: { sku: "asc" } },
    take: limit,
  });
  return rows.map((r) => ({ sku: r.product.sku, name: r.product.name, unit: r.product.unit, quantity: r.quantity, reserved: r.reserved, available: r.quantity - r.reserved }));
}

export type ProductLookup = { product: ScannedProduct; stock: ProductStockRow[]; total: number };

export async function productLookup(actor: Actor, code: string): Promise<ProductLookup | null> {
  const product = await findProductByCode(actor, code);
  if (!product) return null;
  const row = await db.product.findUniqueOrThrow({ where: { sku: product.sku }, select: { id: true } });
  const stock = await productStock(actor, row.id);
  return { product, stock, total: stock.reduce((s, r) => s + r.quantity, 0) };
}

/** Autocomplete: products whose SKU starts with, or whose name contains, the text (or an exact barcode). */
export async function searchProducts(actor: Actor, text: string, limit = 12): Promise<{ sku: string; name: string }[]> {
  assertCan(actor, "stock.read");
  const t = text.trim().slice(0, 64);
  if (!t) return [];
  const like = likeEscape(t);
  return db.product.findMany({
    where: {
      deletedAt: null,
      OR: [{ sku: { startsWith: like, mode: "insensitive" } }, { name: { contains: like, mode: "insensitive" } }, { barcode: t }],
    },
    select: { sku: true, name: true },
    orderBy: { sku: "asc" },
    take: limit,
  });
}

/**
 * Autocomplete for a location field: active locations whose code starts with the text (a code, or a
 * zone/aisle prefix such as "A-01"), or whose name contains it; without text, the first ones.
 */
export async function searchLocations(actor: Actor, text: string, limit = 30): Promise<{ code: string; name: string }[]> {
  assertCan(actor, "stock.read");
  const t = text.trim().slice(0, 64);
  return db.location.findMany({
    where: { active: true, ...(t ? { OR: [{ code: { startsWith: t.toUpperCase() } }, { name: { contains: t, mode: "insensitive" } }] } : {}) },
    select: { code: true, name: true },
    orderBy: { code: "asc" },
    take: limit,
  });
}

/** Active locations for pickers and autocomplete (a warehouse has hundreds, not millions). */
export async function locationOptions(actor: Actor, limit = 2000): Promise<{ code: string; name: string }[]> {
  assertCan(actor, "stock.read");
  return db.location.findMany({ where: { active: true }, select: { code: true, name: true }, orderBy: { code: "asc" }, take: limit });
}

export type StockAt = { quantity: number; reserved: number; available: number; lots: { code: string; quantity: number; expiresAt: string | null }[] };

/** What `sku` has at `location` now, with its lots first-to-expire first (FEFO, as issues take them). */
export async function stockAt(actor: Actor, sku: string, locationCode: string): Promise<StockAt> {
  assertCan(actor, "stock.read");
  const where = { product: { sku: clean(sku), deletedAt: null }, location: { code: clean(locationCode).toUpperCase() } };
  const [level, lots] = await Promise.all([
    db.stockLevel.findFirst({ where, select: { quantity: true, reserved: true } }),
    db.lot.findMany({
      where: { ...where, quantity: { gt: 0 } },
      select: { code: true, quantity: true, expiresAt: true },
      orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }, { code: "asc" }],
      take: 50,
    }),
  ]);
  const quantity = level?.quantity ?? 0;
  const reserved = level?.reserved ?? 0;
  return { quantity, reserved, available: quantity - reserved, lots: lots.map((l) => ({ code: l.code, quantity: l.quantity, expiresAt: l.expiresAt ? l.expiresAt.toISOString().slice(0, 10) : null })) };
}
