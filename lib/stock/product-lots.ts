// The lots of a product (lot-tracked products), for the product page: where each lot is, when it
// came in, when it expires and what remains. Read-only.
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { formatAmount } from "../money";

export type ProductLotRow = {
  code: string;
  location: string;
  receivedAt: string;
  expiresAt: string | null;
  remaining: number;
  unitCost: string | null;
  currency: string | null;
};

/** Lots with stock left first (FEFO order: earliest expiry, then oldest), then a few used up. */
export async function listProductLots(actor: Actor, productId: string, opts: { includeEmpty?: boolean; limit?: number } = {}): Promise<ProductLotRow[]> {
  assertCan(actor, "stock.read");
  const rows = await db.lot.findMany({
    where: { productId, ...(opts.includeEmpty ? {} : { quantity: { gt: 0 } }) },
    select: { code: true, receivedAt: true, expiresAt: true, quantity: true, unitCost: true, currency: true, location: { select: { code: true } } },
    orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { receivedAt: "asc" }, { code: "asc" }],
    take: opts.limit ?? 100,
  });
  return rows.map((r) => ({
    code: r.code,
    location: r.location.code,
    receivedAt: r.receivedAt.toISOString(),
    expiresAt: r.expiresAt ? r.expiresAt.toISOString().slice(0, 10) : null,
    remaining: r.quantity,
    unitCost: r.unitCost ? formatAmount(r.unitCost) : null,
    currency: r.currency,
  }));
}
