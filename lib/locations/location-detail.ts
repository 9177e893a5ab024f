// The location detail page (/locations/[code]): the location, what it holds (products and lots, with
// reservations), how much of its capacity that uses. Read-only; recent movements come from
// listMovements (lib/stock/queries.ts) with the location filter.
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { locationContents, type LocationContentRow } from "../stock/scan-lookup";
import { getLocation } from "./locations";
import type { LocationDto } from "./schemas";

export type LocationLotRow = { sku: string; code: string; expiresAt: string | null; receivedAt: string; quantity: number; reserved: number };

export type LocationDetail = {
  location: LocationDto & { warehouseName: string };
  /** Products with stock or reservations here, by SKU (at most `limit`). */
  contents: LocationContentRow[];
  /** More product rows than `contents` shows. */
  moreContents: boolean;
  /** Lots with stock left here, by SKU then expiry. */
  lots: LocationLotRow[];
  /** Units held (all products together — what the capacity check counts) and reserved. */
  holds: number;
  reserved: number;
  products: number;
};

export async function locationDetail(actor: Actor, code: string, opts: { limit?: number } = {}): Promise<LocationDetail> {
  assertCan(actor, "stock.read");
  const location = await getLocation(actor, code);
  const limit = opts.limit ?? 200;
  const [row, contents, totals, lots] = await Promise.all([
    db.location.findUniqueOrThrow({ where: { id: location.id }, select: { warehouse: { select: { name: true } } } }),
    locationContents(actor, location.code, limit + 1),
    db.stockLevel.aggregate({
      where: { locationId: location.id, OR: [{ quantity: { gt: 0 } }, { reserved: { gt: 0 } }] },
      _sum: { quantity: true, reserved: true },
      _count: true,
    }),
    db.lot.findMany({
      where: { locationId: location.id, quantity: { gt: 0 } },
      select: { code: true, expiresAt: true, receivedAt: true, quantity: true, reserved: true, product: { select: { sku: true } } },
      orderBy: [{ product: { sku: "asc" } }, { expiresAt: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }],
      take: limit,
    }),
  ]);
  return {
    location: { ...location, warehouseName: row.warehouse.name },
    contents: contents.slice(0, limit),
    moreContents: contents.length > limit,
    lots: lots.map((l) => ({
      sku: l.product.sku,
      code: l.code,
      expiresAt: l.expiresAt ? l.expiresAt.toISOString().slice(0, 10) : null,
      receivedAt: l.receivedAt.toISOString(),
      quantity: l.quantity,
      reserved: l.reserved,
    })),
    holds: totals._sum.quantity ?? 0,
    reserved: totals._sum.reserved ?? 0,
    products: totals._count,
  };
}
