// The ledger rows a movement wrote (signed delta and balance after, per product × location and
// lot), and the lots it touched with what they hold now — for the movement detail page. Read-only.
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { formatAmount } from "../money";

export type MovementLedgerRow = {
  id: string;
  lineNo: number;
  sku: string;
  name: string;
  location: string;
  lot: string | null;
  delta: number;
  balance: number;
  unitCost: string | null;
};

export type MovementLotRow = { code: string; sku: string; location: string; receivedAt: string; expiresAt: string | null; remaining: number };

export async function movementLedger(actor: Actor, movementId: string): Promise<{ rows: MovementLedgerRow[]; lots: MovementLotRow[] }> {
  assertCan(actor, "stock.read");
  const entries = await db.ledgerEntry.findMany({
    where: { movementId },
    select: {
      id: true,
      delta: true,
      balance: true,
      unitCost: true,
      line: { select: { lineNo: true } },
      product: { select: { sku: true, name: true } },
      location: { select: { code: true } },
      lot: { select: { id: true, code: true, receivedAt: true, expiresAt: true, quantity: true } },
    },
    orderBy: { id: "asc" },
  });
  const lots = new Map<string, MovementLotRow>();
  for (const e of entries) {
    if (e.lot && !lots.has(e.lot.id)) {
      lots.set(e.lot.id, {
        code: e.lot.code,
        sku: e.product.sku,
        location: e.location.code,
        receivedAt: e.lot.receivedAt.toISOString(),
        expiresAt: e.lot.expiresAt ? e.lot.expiresAt.toISOString().slice(0, 10) : null,
        remaining: e.lot.quantity,
      });
    }
  }
  return {
    rows: entries.map((e) => ({
      id: e.id.toString(),
      lineNo: e.line.lineNo,
      sku: e.product.sku,
      name: e.product.name,
      location: e.location.code,
      lot: e.lot?.code ?? null,
      delta: e.delta,
      balance: e.balance,
      unitCost: e.unitCost ? formatAmount(e.unitCost) : null,
    })),
    lots: [...lots.values()],
  };
}
