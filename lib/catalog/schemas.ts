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
  .refine((o) => Object.keys(o).length <= 50, "At most 50 attributes.");

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
  /** Spec filters `key:value`, repeatable: `spec=colour:red&spec=size:M`. */
  spec: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
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
