// Products from CSV: create or update by SKU with the catalogue's own schemas and operations
// (insertProduct / changeProduct), all rows in one transaction.
import type { z } from "zod";
import type { Actor } from "../auth/permissions";
import { listCategoryTree } from "../catalog/categories";
import { insertProduct } from "../catalog/create-product";
import { productCreateSchema, productUpdateSchema } from "../catalog/schemas";
import { changeProduct } from "../catalog/update-product";
import { db, type Tx } from "../db";
import { AppError, fromDatabaseError } from "../errors";
import { requireColumns, type CsvTable } from "./csv";
import { PROGRESS_EVERY, RowErrors, type OnProgress, type RowError } from "./types";

export const PRODUCT_COLUMNS = ["sku", "name", "barcode", "category", "unit", "minStock", "safetyStock", "price", "currency", "tracking", "spec"] as const;
/** A cell holding only this clears the product's barcode, category or attributes (an empty cell leaves them unchanged). */
export const CLEAR_CELL = "-";
export const PRODUCT_ALIASES: Record<string, string> = {
  sku: "sku",
  name: "name",
  barcode: "barcode",
  ean: "barcode",
  category: "category",
  categorypath: "category",
  unit: "unit",
  minstock: "minStock",
  safetystock: "safetyStock",
  price: "price",
  priceamount: "price",
  currency: "currency",
  pricecurrency: "currency",
  tracking: "tracking",
  spec: "spec",
  attributes: "spec",
};

type Plan =
  | { row: number; op: "create"; sku: string; data: z.output<typeof productCreateSchema> }
  | { row: number; op: "update"; sku: string; data: z.output<typeof productUpdateSchema> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const normPath = (p: string) => p.split(/\s*[/>]\s*/).map((s) => s.trim()).filter(Boolean).join(" / ");

/** Category by id, by path ("Tools / Hand tools" or "Tools > Hand tools") or by unique name. */
async function categoryResolver(actor: Actor) {
  const tree = await listCategoryTree(actor);
  const byId = new Set(tree.map((c) => c.id));
  const byPath = new Map(tree.map((c) => [c.path, c.id]));
  const byName = new Map<string, string[]>();
  for (const c of tree) byName.set(c.name, [...(byName.get(c.name) ?? []), c.id]);
  return (ref: string): { id: string } | { error: string; key: string } => {
    if (UUID.test(ref) && byId.has(ref.toLowerCase())) return { id: ref.toLowerCase() };
    const path = byPath.get(normPath(ref));
    if (path) return { id: path };
    const named = byName.get(ref.trim()) ?? [];
    if (named.length === 1) return { id: named[0] };
    if (named.length > 1) return { error: "Several categories have this name; use its path.", key: "categoryAmbiguous" };
    return { error: "Unknown category.", key: "unknownCategory" };
  };
}

export async function validateProducts(actor: Actor, table: CsvTable, onProgress: OnProgress): Promise<{ plans: Plan[]; errors: RowError[] }> {
  requireColumns(table, ["sku"]);
  const col = (c: string) => table.columns.get(c) ?? c;
  const skus = [...new Set(table.rows.map((r) => r.values.get("sku") ?? "").filter(Boolean))];
  const barcodes = [...new Set(table.rows.map((r) => r.values.get("barcode") ?? "").filter(Boolean))];
  const [existing, barcodeOwners, category] = await Promise.all([
    db.product.findMany({ where: { sku: { in: skus } }, select: { sku: true, deletedAt: true } }),
    db.product.findMany({ where: { barcode: { in: barcodes } }, select: { sku: true, barcode: true } }),
    categoryResolver(actor),
  ]);
  const bySku = new Map(existing.map((p) => [p.sku, p]));
  const owner = new Map(barcodeOwners.map((p) => [p.barcode!, p.sku]));

  const errors: RowError[] = [];
  const plans: Plan[] = [];
  const seenSku = new Map<string, number>();
  const seenBarcode = new Map<string, number>();

  table.rows.forEach(({ row, values }, i) => {
    const rowErrors: RowError[] = [];
    const fail = (column: string | null, message: string, key?: string, v?: RowError["values"]) =>
      rowErrors.push({ row, column: column ? col(column) : null, message, ...(key ? { key, values: v } : {}) });
    const get = (c: string) => {
      const v = values.get(c)?.trim();
      return v ? v : undefined;
    };
    const int = (c: string) => {
      const v = get(c);
      if (v === undefined) return undefined;
      if (!/^-?\d+$/.test(v)) {
        fail(c, "Whole numbers only.");
        return undefined;
      }
      return Number(v);
    };

    const sku = get("sku") ?? "";
    const current = bySku.get(sku);
    const input: Record<string, unknown> = {};
    if (get("name") !== undefined) input.name = get("name");
    const cleared = (c: string) => get(c) === CLEAR_CELL;
    const barcode = cleared("barcode") ? undefined : get("barcode");
    if (get("barcode") !== undefined) input.barcode = barcode ?? null;
    if (get("unit") !== undefined) input.unit = get("unit");
    const minStock = int("minStock");
    const safetyStock = int("safetyStock");
    if (minStock !== undefined) input.minStock = minStock;
    if (safetyStock !== undefined) input.safetyStock = safetyStock;
    const tracking = get("tracking");
    if (tracking !== undefined) input.tracking = tracking.toLowerCase();
    const price = get("price");
    if (price !== undefined) {
      const currency = get("currency");
      if (!currency) fail("currency", "A price needs a currency.", "currencyRequired");
      else input.price = { amount: price.replace(",", "."), currency };
    }
    const spec = get("spec");
    if (spec !== undefined) {
      const parsedSpec = cleared("spec") ? {} : parseJsonObject(spec);
      if (parsedSpec) input.spec = parsedSpec;
      else fail("spec", 'Write the attributes as a JSON object, e.g. {"colour": "red"}.', "badSpec");
    }
    const cat = get("category");
    if (cat !== undefined && cleared("category")) input.category = null;
    else if (cat !== undefined) {
      const r = category(cat);
      if ("id" in r) input.category = r.id;
      else fail("category", r.error, r.key);
    }

    if (sku && seenSku.has(sku)) fail("sku", `SKU ${sku} appears again (first in row ${seenSku.get(sku)}).`, "duplicateSku", { sku, first: seenSku.get(sku)! });
    else if (sku) seenSku.set(sku, row);
    if (barcode) {
      const ownerSku = owner.get(barcode);
      if (ownerSku && ownerSku !== sku) fail("barcode", `Barcode ${barcode} belongs to ${ownerSku}.`, "barcodeTaken", { barcode, sku: ownerSku });
      else if (seenBarcode.has(barcode)) fail("barcode", `Barcode ${barcode} appears again (first in row ${seenBarcode.get(barcode)}).`, "duplicateBarcode", { barcode, first: seenBarcode.get(barcode)! });
      else seenBarcode.set(barcode, row);
    }
    if (current?.deletedAt) fail("sku", `Product ${sku} is deleted; restore it before importing it.`, "productDeleted", { sku });

    const parsed = current ? productUpdateSchema.safeParse(input) : productCreateSchema.safeParse({ sku, ...input });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        const column = field === "price" ? (issue.path[1] === "currency" ? "currency" : "price") : field || null;
        // Numbers already reported as not whole above.
        if (!rowErrors.some((e) => e.column === (column ? col(column) : null))) fail(column, issue.message);
      }
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (parsed.success) {
      plans.push(current ? { row, op: "update", sku, data: parsed.data as Plan["data"] } : { row, op: "create", sku, data: parsed.data as z.output<typeof productCreateSchema> });
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress({ phase: "validate", done: i + 1, total: table.rows.length });
  });
  return { plans, errors };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Applies validated rows inside the caller's transaction; any failure names its row. */
export async function applyProducts(tx: Tx, actor: Actor, plans: Plan[], onProgress: OnProgress): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const [i, plan] of plans.entries()) {
    try {
      if (plan.op === "create") {
        await insertProduct(tx, actor, plan.data);
        created++;
      } else {
        await changeProduct(tx, actor, plan.sku, plan.data);
        updated++;
      }
    } catch (e) {
      const err = fromDatabaseError(e);
      if (err instanceof AppError) {
        const issue = (err.details?.issues as { path: string; message: string }[] | undefined)?.[0];
        throw new RowErrors([{ row: plan.row, column: issue?.path ?? null, message: issue?.message ?? err.message }]);
      }
      throw e;
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress({ phase: "apply", done: i + 1, total: plans.length });
  }
  return { created, updated };
}
