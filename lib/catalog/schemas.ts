// zod schemas of the catalogue: used by the forms (react-hook-form), the server actions,
// the /api/v1 handlers and the OpenAPI document.
import { z } from "zod";
import { moneySchema } from "../money";
import { pageQuerySchema } from "../pagination";

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const MAX_QTY = 1_000_000_000;

export const skuSchema = z
  .string()
  .trim()
  .min(1, "SKU is required.")
  .max(64, "SKU is at most 64 characters.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "SKU may contain letters, digits and . _ - / only.");

export const barcodeSchema = z
  .string()
  .trim()
  .max(64, "Barcode is at most 64 characters.")
  .regex(/^[A-Za-z0-9\-.]+$/, "Barcode may contain letters, digits, - and . only.");

const specValue = z.union([z.string().max(500), z.number(), z.boolean()]);
export const specSchema = z
  .record(z.string().trim().min(1).max(64), specValue)
  .refine((o) => Object.keys(o).length <= 50, "At most 50 attributes.")
  .superRefine((o, ctx) => {
    // Attribute names ignore case (the list's spec filter does too): "Watts" and "watts" are one.
    const seen = new Set<string>();
    for (const key of Object.keys(o)) {
      if (seen.has(key.toLowerCase())) ctx.addIssue({ code: "custom", path: [key], message: "Each attribute name may appear once." });
      seen.add(key.toLowerCase());
    }
  });

/**
 * A spec filter as typed in the product list — `watts:500, colour:dark red` or `watts:500 size:M`
 * — split into `key:value` terms: a comma or a space ends a term only where the next word is
 * another `key:`, so values may hold spaces and commas ("colour:dark red", "size:10,5").
 */
export function splitSpecFilter(text: string): string[] {
  return text
    .trim()
    .split(/[\s,]+(?=[^\s,:]+:)/)
    .map((t) => t.replace(/[\s,]+$/, ""))
    .filter(Boolean);
}

export const TRACKING = ["none", "lot", "serial"] as const;

const productFields = {
  name: z.string().trim().min(1, "Name is required.").max(200, "Name is at most 200 characters."),
  barcode: z.preprocess(emptyToNull, barcodeSchema.nullable()).optional(),
  /** Category id (uuid) or exact name. */
  category: z.preprocess(emptyToNull, z.string().trim().max(200).nullable()).optional(),
  spec: specSchema.optional(),
  unit: z.string().trim().min(1, "Unit is required.").max(20).optional(),
  minStock: z.number().int("Whole numbers only.").min(0, "Cannot be negative.").max(MAX_QTY).optional(),
  /** Critical threshold; defaults to half of minStock. */
  safetyStock: z.number().int("Whole numbers only.").min(0, "Cannot be negative.").max(MAX_QTY).optional(),
  price: moneySchema.nullable().optional(),
  tracking: z.enum(TRACKING).optional(),
};

function thresholdsInOrder(p: { minStock?: number; safetyStock?: number }, ctx: z.RefinementCtx) {
  if (p.minStock !== undefined && p.safetyStock !== undefined && p.safetyStock > p.minStock) {
    ctx.addIssue({ code: "custom", path: ["safetyStock"], message: "Safety stock cannot exceed the minimum stock." });
  }
}

export const productCreateSchema = z.object({ sku: skuSchema, ...productFields }).superRefine(thresholdsInOrder);
export type ProductCreateInput = z.input<typeof productCreateSchema>;

export const productUpdateSchema = z.object(productFields).partial().superRefine(thresholdsInOrder);
export type ProductUpdateInput = z.input<typeof productUpdateSchema>;

const boolString = z.enum(["true", "false"]).transform((v) => v === "true");

export const productListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  /** Category id or name; includes its descendants. */
  category: z.string().trim().max(200).optional(),
  inStock: boolString.optional(),
  /** `deleted=true` lists soft-deleted products instead of live ones. */
  deleted: boolString.optional(),
  /**
   * Spec filters `key:value`, repeatable (`spec=colour:red&spec=size:M`) or several in one
   * (`spec=colour:red,size:M`). Keys ignore case; values match strings ignoring case, and numbers
   * or booleans by value (`watts:500` finds 500 and "500").
   */
  spec: z
    .union([z.string().max(500), z.array(z.string().max(500))])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap(splitSpecFilter))
    .pipe(z.array(z.string().regex(/^[^:]+:.+$/, "Use key:value.")).max(10))
    .optional(),
});
export type ProductListQuery = z.output<typeof productListQuerySchema>;

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  category: z.object({ id: z.string(), name: z.string() }).nullable(),
  spec: z.record(z.string(), specValue),
  unit: z.string(),
  minStock: z.number().int(),
  safetyStock: z.number().int(),
  price: moneySchema.nullable(),
  inStock: z.boolean(),
  onHand: z.number().int(),
  tracking: z.enum(TRACKING),
  deletedAt: z.string().nullable(),
});
export type ProductDto = z.infer<typeof productSchema>;

export const categoryCreateSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(100, "Name is at most 100 characters."),
  parentId: z.preprocess(emptyToNull, z.uuid("Choose a parent category.").nullable()).optional(),
});
export const categoryUpdateSchema = categoryCreateSchema.partial();
export type CategoryCreateInput = z.input<typeof categoryCreateSchema>;

// ---------------------------------------------------------------------------------------------
// The product form (web UI). Built from the same fields as the API schemas above, with two
// changes for humans: spec attributes are edited as key/value rows, and the price as two inputs
// where an empty amount means "no price". The output is a valid productCreate/Update input, and
// the domain operation validates it again on the server.

export const SPEC_VALUE_TYPES = ["string", "number", "boolean"] as const;

const specRowSchema = z.object({
  key: z.string().trim().max(64, "Attribute name is at most 64 characters."),
  value: z.string().trim().max(500, "Attribute value is at most 500 characters."),
  /** The stored value's type, so that editing a product keeps 220 a number and true a boolean. */
  type: z.enum(SPEC_VALUE_TYPES).optional(),
});
export type SpecRow = z.input<typeof specRowSchema>;

function typedSpecValue(row: z.output<typeof specRowSchema>): string | number | boolean {
  if (row.type === "number" && /^-?\d+(\.\d+)?$/.test(row.value)) return Number(row.value);
  if (row.type === "boolean" && (row.value === "true" || row.value === "false")) return row.value === "true";
  return row.value;
}

/** Key/value rows → the `spec` object; blank rows are ignored, names must be unique ignoring case. */
export const specRowsSchema = z
  .array(specRowSchema)
  .max(50, "At most 50 attributes.")
  .transform((rows, ctx) => {
    const spec = new Map<string, [string, string | number | boolean]>();
    rows.forEach((row, i) => {
      if (!row.key && !row.value) return;
      if (!row.key) ctx.addIssue({ code: "custom", path: [i, "key"], message: "Attribute name is required." });
      else if (spec.has(row.key.toLowerCase())) ctx.addIssue({ code: "custom", path: [i, "key"], message: "Each attribute name may appear once." });
      else spec.set(row.key.toLowerCase(), [row.key, typedSpecValue(row)]);
    });
    return Object.fromEntries(spec.values());
  });

/** The `spec` object → rows for the form, remembering each value's type. */
export function specToRows(spec: Record<string, string | number | boolean> | null | undefined): SpecRow[] {
  return Object.entries(spec ?? {}).map(([key, v]) => ({ key, value: String(v), type: typeof v as SpecRow["type"] }));
}

/** Amount + currency inputs → a price, or null when the amount is left empty. */
export const priceFormSchema = z.object({ amount: z.string(), currency: z.string() }).transform((p, ctx) => {
  if (p.amount.trim() === "") return null;
  const r = moneySchema.safeParse(p);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue({ code: "custom", path: issue.path.map(String), message: issue.message });
  return z.NEVER;
});

const formOverrides = { spec: specRowsSchema, price: priceFormSchema };

export const productFormSchema = z.object({ ...productCreateSchema.shape, ...formOverrides }).superRefine(thresholdsInOrder);
export type ProductFormValues = z.input<typeof productFormSchema>;
export type ProductFormOutput = z.output<typeof productFormSchema>;

export const productEditFormSchema = z.object({ ...productUpdateSchema.shape, ...formOverrides }).superRefine(thresholdsInOrder);
export type ProductEditFormOutput = z.output<typeof productEditFormSchema>;
