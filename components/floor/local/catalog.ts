"use client";
// The local catalogue: products, locations and last known stock in IndexedDB (./db.ts), loaded
// once and then refreshed with the changes since the last cursor (GET /api/v1/floor/catalog), so
// a scan resolves on the device in a few milliseconds, online or not.
import type { ScannedLocation, ScannedProduct } from "@/lib/stock/scan-lookup";
import { parseGs1, type Gs1 } from "../scanner/gs1";
import { apiFetch, NoSession } from "./api";
import { floorDb, getMeta, levelKey, setMeta, type LocalLevel, type LocalLocation, type LocalProduct, type Tracking } from "./db";

type CatalogPage = {
  products: { sku: string; barcode: string | null; name: string; unit: string; tracking: Tracking; active: boolean }[];
  locations: LocalLocation[];
  levels: { sku: string; location: string; quantity: number; reserved: number; lots: LocalLevel["lots"] }[];
  nextCursor: string;
  more: boolean;
};

const CURSOR = "catalog.cursor";
const REFRESHED = "catalog.refreshedAt";

const gtinOf = (barcode: string | null) => (barcode && /^\d{8,14}$/.test(barcode) ? barcode.padStart(14, "0") : null);

async function apply(page: CatalogPage): Promise<void> {
  const at = new Date().toISOString();
  await floorDb.transaction("rw", [floorDb.products, floorDb.locations, floorDb.levels, floorDb.meta], async () => {
    const [live, gone] = [page.products.filter((p) => p.active), page.products.filter((p) => !p.active)];
    await floorDb.products.bulkPut(live.map(({ sku, barcode, name, unit, tracking }) => ({ sku, barcode, name, unit, tracking, gtin: gtinOf(barcode) })));
    if (gone.length) await floorDb.products.bulkDelete(gone.map((p) => p.sku));
    await floorDb.locations.bulkPut(page.locations);
    const [held, empty] = [page.levels.filter((l) => l.quantity > 0 || l.reserved > 0), page.levels.filter((l) => l.quantity <= 0 && l.reserved <= 0)];
    await floorDb.levels.bulkPut(held.map((l) => ({ ...l, key: levelKey(l.sku, l.location), at })));
    if (empty.length) await floorDb.levels.bulkDelete(empty.map((l) => levelKey(l.sku, l.location)));
    await setMeta(CURSOR, page.nextCursor);
  });
}

let running: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

/** Called after each completed refresh (the Sync screen shows when and how much). */
export function onCatalogRefreshed(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Brings the local catalogue up to date; false when it could not (offline, signed out). One run at a time. */
export function refreshCatalog(): Promise<boolean> {
  running ??= (async () => {
    try {
      for (let pages = 0; pages < 500; pages++) {
        const cursor = await getMeta<string>(CURSOR);
        const res = await apiFetch(`/floor/catalog${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, { timeoutMs: 30_000 });
        if (res.status === 400 && cursor) {
          // A cursor the server no longer understands: start over with a full load.
          await setMeta(CURSOR, null);
          continue;
        }
        if (!res.ok) return false;
        const page = (await res.json()) as CatalogPage;
        await apply(page);
        if (!page.more) break;
      }
      await setMeta(REFRESHED, new Date().toISOString());
      listeners.forEach((l) => l());
      return true;
    } catch (e) {
      if (e instanceof NoSession) return false;
      throw e;
    } finally {
      running = null;
    }
  })();
  return running;
}

/** When the catalogue was last brought up to date on this device (null: never). */
export function catalogRefreshedAt(): Promise<string | null | undefined> {
  return getMeta<string>(REFRESHED);
}

/** A local product or location in the shape the server's scan lookup answers (lib/stock/scan-lookup.ts). */
export const scannedProduct = (p: LocalProduct): ScannedProduct => ({ kind: "product", sku: p.sku, name: p.name, barcode: p.barcode, unit: p.unit, tracking: p.tracking });
export const scannedLocation = (l: LocalLocation): ScannedLocation => ({ kind: "location", code: l.code, name: l.name, barcode: l.barcode, locationKind: l.kind, active: l.active });

export type LocalScan =
  | { kind: "product"; product: LocalProduct; gs1?: Gs1 }
  | { kind: "location"; location: LocalLocation };

/**
 * What a code is, from the local catalogue: a product by SKU (exact, then case-insensitive) or
 * barcode, a location by code or barcode, or a GS1 code whose GTIN is a product's barcode (with
 * its lot and expiry). `prefer` decides when a code is both. Undefined when unknown here.
 */
export async function resolveLocally(code: string, prefer: "product" | "location" = "product"): Promise<LocalScan | undefined> {
  const c = code.trim();
  if (!c) return undefined;
  const product = async (): Promise<LocalScan | undefined> => {
    const p = (await floorDb.products.get(c)) ?? (await floorDb.products.get(c.toUpperCase())) ?? (await floorDb.products.where("barcode").equals(c).first());
    return p ? { kind: "product", product: p } : undefined;
  };
  const location = async (): Promise<LocalScan | undefined> => {
    const l = (await floorDb.locations.get(c.toUpperCase())) ?? (await floorDb.locations.where("barcode").equals(c).first());
    return l ? { kind: "location", location: l } : undefined;
  };
  const found = prefer === "product" ? ((await product()) ?? (await location())) : ((await location()) ?? (await product()));
  if (found) return found;
  const gs1 = parseGs1(c);
  if (gs1) {
    const p = await floorDb.products.where("gtin").equals(gs1.gtin.padStart(14, "0")).first();
    if (p) return { kind: "product", product: p, gs1 };
  }
  return undefined;
}

/** Whether the device holds a catalogue at all (a first load finished). */
export async function hasCatalog(): Promise<boolean> {
  return Boolean(await getMeta<string>(REFRESHED));
}

/** The last known stock of `sku` at `location` (undefined: none known). */
export function localLevel(sku: string, location: string): Promise<LocalLevel | undefined> {
  return floorDb.levels.get(levelKey(sku, location));
}

/** Records a balance the server just reported (after a posted movement). */
export async function updateLocalLevel(sku: string, location: string, quantity: number): Promise<void> {
  const key = levelKey(sku, location);
  const at = new Date().toISOString();
  const prior = await floorDb.levels.get(key);
  if (quantity <= 0 && !(prior && prior.reserved > 0)) await floorDb.levels.delete(key);
  else await floorDb.levels.put({ key, sku, location, quantity, reserved: prior?.reserved ?? 0, lots: prior?.lots ?? [], at });
}

/** Clears the catalogue (not the outbox): used when the server's data was reset. */
export async function forgetCatalog(): Promise<void> {
  await floorDb.transaction("rw", [floorDb.products, floorDb.locations, floorDb.levels, floorDb.meta], async () => {
    await Promise.all([floorDb.products.clear(), floorDb.locations.clear(), floorDb.levels.clear(), setMeta(CURSOR, null), setMeta(REFRESHED, null)]);
  });
}

/** Look up from the device alone (offline): what the last known stock says, shaped like the server's answer. */
export async function lookupLocally(code: string) {
  const found = await resolveLocally(code);
  if (!found) return null;
  if (found.kind === "product") {
    const p = found.product;
    const levels = (await floorDb.levels.where("sku").equals(p.sku).toArray()).sort((a, b) => a.location.localeCompare(b.location));
    const names = new Map((await floorDb.locations.bulkGet(levels.map((l) => l.location))).filter((l) => !!l).map((l) => [l!.code, l!]));
    const stock = levels.map((l) => ({ location: l.location, locationName: names.get(l.location)?.name ?? "", warehouse: "", kind: names.get(l.location)?.kind ?? "", quantity: l.quantity, reserved: l.reserved, available: l.quantity - l.reserved }));
    return {
      kind: "product" as const,
      product: { product: scannedProduct(p), stock, total: stock.reduce((s, r) => s + r.quantity, 0) },
    };
  }
  const l = found.location;
  const levels = (await floorDb.levels.where("location").equals(l.code).toArray()).sort((a, b) => a.sku.localeCompare(b.sku));
  const products = new Map((await floorDb.products.bulkGet(levels.map((x) => x.sku))).filter((p) => !!p).map((p) => [p!.sku, p!]));
  return {
    kind: "location" as const,
    location: scannedLocation(l),
    contents: levels.map((x) => ({ sku: x.sku, name: products.get(x.sku)?.name ?? "", unit: products.get(x.sku)?.unit ?? "", quantity: x.quantity, reserved: x.reserved, available: x.quantity - x.reserved })),
  };
}
