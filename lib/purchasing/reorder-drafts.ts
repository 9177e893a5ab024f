// Reorder suggestions → draft purchase orders (docs/purchasing.md "Reorder"): the suggested
// quantities of the reorder report, grouped by each product's preferred supplier, raised to the
// supplier's minimum order quantity, at the supplier's last price (0 when it has none in the
// supplier's currency, for the purchaser to fill in). One draft per supplier, each created by
// createPurchaseOrder (same checks, number, audit); products without a preferred supplier, or
// whose supplier is inactive, are returned apart.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { db } from "../db";
import { reorderFiltersSchema, reorderReport, type ReorderRow } from "../reports/reorder";
import { parse } from "../validation";
import { createPurchaseOrder } from "./purchase-orders";

export const reorderDraftsSchema = reorderFiltersSchema.extend({
  /** Only these SKUs of the report (all suggested ones when absent). */
  skus: z.array(z.string().trim().min(1).max(64)).max(5000).optional(),
});

export type ReorderDraftsResult = {
  orders: { number: string; supplier: string; lines: number }[];
  withoutSupplier: { sku: string; name: string; suggested: number }[];
};

export async function createReorderDrafts(actor: Actor, input: unknown): Promise<ReorderDraftsResult> {
  assertCan(actor, "purchase.write");
  assertCan(actor, "report.read");
  const f = parse(reorderDraftsSchema, input);
  const only = f.skus ? new Set(f.skus.map((s) => s.toUpperCase())) : null;
  const rows: ReorderRow[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await reorderReport.fetch(f, cursor, 500);
    rows.push(...page.items.filter((r) => r.suggested > 0 && (!only || only.has(r.sku.toUpperCase()))));
    cursor = page.nextCursor ?? undefined;
  }
  const links = await db.supplierProduct.findMany({
    where: { preferred: true, product: { sku: { in: rows.map((r) => r.sku) } }, supplier: { deletedAt: null, active: true } },
    include: { product: { select: { sku: true } }, supplier: { select: { code: true, currency: true } } },
  });
  const bySku = new Map(links.map((l) => [l.product.sku, l]));
  const groups = new Map<string, { sku: string; quantity: number; unitPrice: string }[]>();
  const withoutSupplier: ReorderDraftsResult["withoutSupplier"] = [];
  for (const r of rows) {
    const link = bySku.get(r.sku);
    if (!link) {
      withoutSupplier.push({ sku: r.sku, name: r.name, suggested: r.suggested });
      continue;
    }
    const price = link.lastPrice && (link.currency ?? link.supplier.currency) === link.supplier.currency ? link.lastPrice.toString() : "0";
    const lines = groups.get(link.supplier.code) ?? [];
    lines.push({ sku: r.sku, quantity: Math.max(r.suggested, link.minOrderQty), unitPrice: price });
    groups.set(link.supplier.code, lines);
  }
  const orders: ReorderDraftsResult["orders"] = [];
  for (const [supplier, lines] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < lines.length; i += 200) {
      const chunk = lines.slice(i, i + 200);
      const o = await createPurchaseOrder(actor, { supplier, lines: chunk, notes: "Drafted from the reorder suggestions." });
      orders.push({ number: o.number, supplier, lines: chunk.length });
    }
  }
  return { orders, withoutSupplier };
}
