// The latest ledger rows of one product (all locations), with the movement each belongs to, for
// the product page. Read-only; the full history is the movements list filtered by SKU.
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import type { MovementType } from "./schemas";

export type ProductLedgerRow = {
  id: string;
  movementId: string;
  movement: string;
  type: MovementType;
  location: string;
  lot: string | null;
  delta: number;
  balance: number;
  createdAt: string;
};

export async function latestProductLedger(actor: Actor, productId: string, limit = 15): Promise<ProductLedgerRow[]> {
  assertCan(actor, "stock.read");
  const rows = await db.ledgerEntry.findMany({
    where: { productId },
    select: {
      id: true,
      delta: true,
      balance: true,
      createdAt: true,
      movement: { select: { id: true, number: true, type: true } },
      location: { select: { code: true } },
      lot: { select: { code: true } },
    },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    movementId: r.movement.id,
    movement: r.movement.number,
    type: r.movement.type,
    location: r.location.code,
    lot: r.lot?.code ?? null,
    delta: r.delta,
    balance: r.balance,
    createdAt: r.createdAt.toISOString(),
  }));
}
