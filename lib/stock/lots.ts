// Lot allocation (seed 003): issues consume the lot that expires first (FEFO); among lots without
// an expiry date, the oldest receipt first (FIFO). Pure, so it is unit-tested on its own.

export type LotBalance = { id: string; code: string; receivedAt: Date; expiresAt: Date | null; quantity: number };
export type LotTake = { lotId: string; code: string; quantity: number };

export function consumptionOrder(a: LotBalance, b: LotBalance): number {
  if (a.expiresAt && b.expiresAt && a.expiresAt.getTime() !== b.expiresAt.getTime()) return a.expiresAt.getTime() - b.expiresAt.getTime();
  if (a.expiresAt && !b.expiresAt) return -1;
  if (!a.expiresAt && b.expiresAt) return 1;
  if (a.receivedAt.getTime() !== b.receivedAt.getTime()) return a.receivedAt.getTime() - b.receivedAt.getTime();
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Takes `quantity` from the lots in FEFO/FIFO order. Returns the takes and what no lot covered
 * (stock received before the product became lot-tracked has no lot).
 */
export function allocateLots(lots: LotBalance[], quantity: number): { takes: LotTake[]; uncovered: number } {
  const takes: LotTake[] = [];
  let left = quantity;
  for (const lot of [...lots].sort(consumptionOrder)) {
    if (left === 0) break;
    const take = Math.min(lot.quantity, left);
    if (take > 0) {
      takes.push({ lotId: lot.id, code: lot.code, quantity: take });
      left -= take;
    }
  }
  return { takes, uncovered: left };
}
