// Product.inStock (seed 003): true when any location has available stock (quantity − reserved > 0).
// Job stock.in-stock runs it for every product a movement touched. Idempotent, and safe against
// overlapping runs: under a per-product lock each run reads the stock *after* the previous run
// committed, so a stale run can never overwrite a newer answer.
import { db } from "../db";

export async function recomputeInStock(productId: string): Promise<{ inStock: boolean | null; changed: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`in_stock:${productId}`}, 0))`;
    const rows = await tx.$queryRaw<{ in_stock: boolean; now: boolean }[]>`
      SELECT p.in_stock,
             EXISTS (SELECT 1 FROM stock_levels s WHERE s.product_id = p.id AND s.quantity - s.reserved > 0) AS now
      FROM products p WHERE p.id = ${productId}::uuid`;
    if (rows.length === 0) return { inStock: null, changed: false };
    const { in_stock, now } = rows[0];
    if (in_stock !== now) await tx.$executeRaw`UPDATE products SET in_stock = ${now} WHERE id = ${productId}::uuid`;
    return { inStock: now, changed: in_stock !== now };
  }, { maxWait: 10_000, timeout: 15_000 });
}
