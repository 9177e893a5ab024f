import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";

export type ProductStockRow = {
  location: string;
  locationName: string;
  warehouse: string;
  kind: string;
  quantity: number;
  reserved: number;
  available: number;
};

/** A product's stock per location (locations holding or reserving any), in location-code order. */
export async function productStock(actor: Actor, productId: string): Promise<ProductStockRow[]> {
  assertCan(actor, "stock.read");
  const rows = await db.stockLevel.findMany({
    where: { productId, OR: [{ quantity: { gt: 0 } }, { reserved: { gt: 0 } }] },
    select: {
      quantity: true,
      reserved: true,
      location: { select: { code: true, name: true, kind: true, warehouse: { select: { code: true } } } },
    },
    orderBy: { location: { code: "asc" } },
  });
  return rows.map((r) => ({
    location: r.location.code,
    locationName: r.location.name,
    warehouse: r.location.warehouse.code,
    kind: r.location.kind,
    quantity: r.quantity,
    reserved: r.reserved,
    available: r.quantity - r.reserved,
  }));
}
