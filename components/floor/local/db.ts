"use client";
// The handheld's own database (IndexedDB through Dexie), so the floor works through a Wi-Fi drop:
//   products, locations, levels — the catalogue and last known stock, kept by ./catalog.ts from
//     GET /api/v1/floor/catalog (a full load, then changes since a cursor);
//   outbox — movements confirmed on this device, sent in order by ./outbox.ts through
//     POST /api/v1/movements/batch, each with the Idempotency-Key it got when it was confirmed;
//   meta — the catalogue cursor and when it was last refreshed.
// One database per browser profile; outbox rows carry the user who confirmed them and are only
// ever sent with that user's session.
import Dexie, { type EntityTable } from "dexie";

export type Tracking = "none" | "lot" | "serial";

export type LocalProduct = { sku: string; barcode: string | null; name: string; unit: string; tracking: Tracking; gtin: string | null };
export type LocalLocation = { code: string; barcode: string; name: string; kind: string; active: boolean };
export type LocalLot = { code: string; quantity: number; expiresAt: string | null };
export type LocalLevel = { key: string; sku: string; location: string; quantity: number; reserved: number; lots: LocalLot[]; at: string };

export type MovementMode = "in" | "out" | "transfer";
export type QueuedLine = { sku: string; quantity: number; location?: string; from?: string; to?: string; lot?: string; expiresAt?: string };
export type OutboxState = "waiting" | "sending" | "attention" | "sent";

export type OutboxItem = {
  /** The Idempotency-Key: given when the movement was confirmed, reused by every send. */
  key: string;
  /** Order of confirmation on this device. */
  seq: number;
  userId: string;
  userName: string;
  type: MovementMode;
  line: QueuedLine;
  name: string;
  unit: string;
  state: OutboxState;
  confirmedAt: string;
  /** Why the server refused it (state "attention"). */
  /** The refusal: English message, and its key and values to say it in the clerk's language. */
  error?: { code: string; message: string; messageKey?: string; params?: Record<string, string | number>; available?: number; location?: string };
  /** The posted movement (state "sent"). */
  result?: { number: string; balance?: number; fromBalance?: number; toBalance?: number; lots?: { code: string; quantity: number }[] };
  sentAt?: string;
};

export type Meta = { key: string; value: unknown };

export const levelKey = (sku: string, location: string) => `${sku}\u0000${location}`;

export const floorDb = new Dexie("wms-floor") as Dexie & {
  products: EntityTable<LocalProduct, "sku">;
  locations: EntityTable<LocalLocation, "code">;
  levels: EntityTable<LocalLevel, "key">;
  outbox: EntityTable<OutboxItem, "key">;
  meta: EntityTable<Meta, "key">;
};

floorDb.version(1).stores({
  products: "sku, barcode, gtin",
  locations: "code, barcode",
  levels: "key, sku, location",
  outbox: "key, seq, userId, state",
  meta: "key",
});

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await floorDb.meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await floorDb.meta.put({ key, value });
}
