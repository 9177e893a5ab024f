// What goes on each label, read from the catalogue, the locations or the lots.
import { assertCan, type Actor } from "../auth/permissions";
import { categoryWithDescendants } from "../catalog/resolve-category";
import { db } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { LABEL_SIZES, labelQuerySchema, MAX_LABELS, splitSkus, type LabelQuery } from "./schemas";

/** One label: a bold title, up to two detail lines, and the value the symbol encodes (printed under a Code 128). */
export type LabelItem = { title: string; lines: string[]; code: string };

export type LabelPlan = { query: LabelQuery; items: LabelItem[]; labels: number; pages: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function items(q: LabelQuery): Promise<LabelItem[]> {
  const take = MAX_LABELS + 1;
  switch (q.kind) {
    case "locations": {
      if (!q.warehouse && !q.prefix) throw selection("Choose a warehouse or a location code prefix.", "chooseLocations");
      const rows = await db.location.findMany({
        where: { active: true, ...(q.warehouse ? { warehouse: { code: q.warehouse.toUpperCase() } } : {}), ...(q.prefix ? { code: { startsWith: q.prefix.toUpperCase() } } : {}) },
        orderBy: { code: "asc" },
        take,
        select: { code: true, name: true, barcode: true, warehouse: { select: { code: true } } },
      });
      return rows.map((l) => ({ title: l.code, lines: [l.name !== l.code ? l.name : "", l.warehouse.code].filter(Boolean), code: l.barcode }));
    }
    case "products": {
      const skus = splitSkus(q.skus);
      if (!skus.length && !q.category && !q.q) throw selection("Enter SKUs, choose a category or search.", "chooseProducts");
      if (skus.length > MAX_LABELS) throw tooMany(skus.length);
      const categoryIds = q.category ? (UUID.test(q.category) ? await categoryWithDescendants(db, q.category) : []) : null;
      if (categoryIds && !categoryIds.length) throw selection("Unknown category.", "unknownCategory");
      const rows = await db.product.findMany({
        where: {
          deletedAt: null,
          ...(skus.length ? { sku: { in: skus } } : {}),
          ...(categoryIds ? { categoryId: { in: categoryIds } } : {}),
          ...(q.q ? { OR: [{ sku: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }, { barcode: q.q }] } : {}),
        },
        orderBy: { sku: "asc" },
        take,
        select: { sku: true, name: true, barcode: true },
      });
      if (skus.length) {
        const found = new Set(rows.map((r) => r.sku));
        const missing = skus.filter((s) => !found.has(s));
        if (missing.length) throw selection(`Unknown SKU(s): ${missing.slice(0, 10).join(", ")}.`, "unknownSkus", { skus: missing.slice(0, 10).join(", ") });
        rows.sort((a, b) => skus.indexOf(a.sku) - skus.indexOf(b.sku));
      }
      return rows.map((p) => ({ title: p.sku, lines: [p.name, p.barcode ?? ""].filter(Boolean), code: p.barcode ?? p.sku }));
    }
    case "lots": {
      if (!q.sku) throw selection("Enter the product's SKU.", "chooseLotProduct");
      const product = await db.product.findFirst({ where: { sku: q.sku, deletedAt: null }, select: { id: true, sku: true, name: true, barcode: true } });
      if (!product) throw selection(`Unknown SKU "${q.sku}".`, "unknownSku", { sku: q.sku });
      const lots = await db.lot.findMany({
        where: { productId: product.id, quantity: { gt: 0 } },
        orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { code: "asc" }],
        take,
        select: { code: true, expiresAt: true, location: { select: { code: true } } },
      });
      return lots.map((l) => ({
        title: `${product.sku} · ${l.code}`,
        lines: [product.name, [l.expiresAt ? `EXP ${l.expiresAt.toISOString().slice(0, 10)}` : "", l.location.code].filter(Boolean).join("  ")],
        code: product.barcode ?? product.sku,
      }));
    }
  }
}

function selection(message: string, key: string, values?: Record<string, string | number>) {
  return new AppError("VALIDATION_FAILED", message, { key, ...(values ? { values } : {}) });
}
function tooMany(n: number) {
  return new AppError("VALIDATION_FAILED", `Too many labels: ${n > MAX_LABELS ? `more than ${MAX_LABELS}` : n}; at most ${MAX_LABELS} per PDF. Narrow the selection or print fewer copies.`, {
    key: "tooManyLabels",
    values: { max: MAX_LABELS },
  });
}

/** Validates the options, reads the items and checks the total against MAX_LABELS. */
export async function planLabels(actor: Actor, input: unknown): Promise<LabelPlan> {
  assertCan(actor, "label.print");
  const query = parse(labelQuerySchema, input);
  const list = await items(query);
  if (list.length === 0) throw selection("Nothing matches this selection.", "nothingFound");
  const labels = list.length * query.copies;
  if (labels > MAX_LABELS) throw tooMany(labels);
  const size = LABEL_SIZES[query.size];
  const perPage = "sheet" in size ? size.sheet.cols * size.sheet.rows : 1;
  return { query, items: list, labels, pages: Math.ceil(labels / perPage) };
}
