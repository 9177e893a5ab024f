// Product codes are unambiguous (docs/product.md §1): no product's SKU or barcode may equal, ignoring
// case, any other product's SKU or barcode — soft-deleted products included, so a restore never
// clashes. A product's barcode may equal its own SKU. The database enforces it (unique indexes on
// lower(sku) and lower(barcode), and the trigger products_codes_unique for SKU against barcode,
// migration 20261211090000_integrity); this check runs first to give a message naming the field
// and the product that holds the code. A concurrent insert that slips past it is stopped by the
// trigger, whose unique violation becomes the same DUPLICATE (codeClashError).
import type { DbClient } from "../db";
import { AppError, fromDatabaseError, keyedIssue, type MessageRef } from "../errors";
import { pgErrorParts } from "../numbering/lookup";

type CodeField = "sku" | "barcode";
const LABEL: Record<CodeField, string> = { sku: "SKU", barcode: "Barcode" };

const EXISTS_KEY: Record<CodeField, string> = { sku: "validation.skuExists", barcode: "validation.barcodeExists" };

/** DUPLICATE on `field`: "already exists", or (with `taken`) the value and the product that holds it. */
function duplicate(field: CodeField, message: string, extra: Record<string, unknown> = {}, taken?: { value: string; sku: string }): AppError {
  const ref: MessageRef = taken ? { key: "validation.codeTaken", params: { field: LABEL[field], ...taken } } : { key: EXISTS_KEY[field] };
  return new AppError("DUPLICATE", message, { fields: [field], issues: [keyedIssue(field, message, ref.key, ref.params)], ...extra }, ref);
}

/** Throws DUPLICATE when one of the codes is another product's SKU or barcode (ignoring case). */
export async function assertCodesFree(tx: DbClient, codes: { sku?: string | null; barcode?: string | null }, ownId?: string): Promise<void> {
  const wanted = (["sku", "barcode"] as const).flatMap((field) => (codes[field] ? [{ field, value: codes[field] as string }] : []));
  if (!wanted.length) return;
  const lower = wanted.map((w) => w.value.toLowerCase());
  const others = await tx.$queryRaw<{ sku: string; barcode: string | null }[]>`
    SELECT sku, barcode FROM products
    WHERE (lower(sku) = ANY(${lower}::text[]) OR lower(barcode) = ANY(${lower}::text[]))
      AND (${ownId ?? null}::uuid IS NULL OR id <> ${ownId ?? null}::uuid)
    ORDER BY sku`;
  for (const w of wanted) {
    const v = w.value.toLowerCase();
    const other = others.find((o) => o.sku.toLowerCase() === v || o.barcode?.toLowerCase() === v);
    if (!other) continue;
    const as = other.sku.toLowerCase() === v ? "SKU" : "barcode";
    const conflict = { conflict: { sku: other.sku, field: as === "SKU" ? "sku" : "barcode" } };
    // The same field taken (any case): the short message the forms translate ("SKU already exists.").
    if ((w.field === "sku") === (as === "SKU")) throw duplicate(w.field, `${LABEL[w.field]} already exists.`, conflict);
    throw duplicate(w.field, `${LABEL[w.field]} "${w.value}" is already the ${as} of product ${other.sku} (codes are compared ignoring case).`, conflict, {
      value: w.value,
      sku: other.sku,
    });
  }
}

/** The database's refusal (trigger or lower() index) as DUPLICATE naming the field; else fromDatabaseError. */
export function codeClashError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const pg = pgErrorParts(e);
  if (pg?.code === "23505") {
    const m = /^(SKU|Barcode) "(.*)" is already used by product (.+)\.$/.exec(pg.message);
    if (m) {
      const field: CodeField = m[1] === "SKU" ? "sku" : "barcode";
      return duplicate(field, `${m[1]} "${m[2]}" is already the SKU or barcode of product ${m[3]} (codes are compared ignoring case).`, { conflict: { sku: m[3] } }, {
        value: m[2],
        sku: m[3],
      });
    }
    if (/products_lower_(sku|barcode)_key/.test(pg.message + (pg.detail ?? ""))) {
      const field: CodeField = /products_lower_sku_key/.test(pg.message + (pg.detail ?? "")) ? "sku" : "barcode";
      return duplicate(field, `${LABEL[field]} already exists (codes are compared ignoring case).`);
    }
  }
  return fromDatabaseError(e);
}
