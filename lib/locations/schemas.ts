import { z } from "zod";
import { pageQuerySchema } from "../pagination";

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const codeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, "Code is required.")
  .max(32, "Code is at most 32 characters.")
  .regex(/^[A-Z0-9][A-Z0-9\-_.]*$/, "Use letters, digits and - _ . (e.g. A-01-02).");

export const LOCATION_KINDS = ["storage", "receiving", "shipping", "scrap"] as const;

export const warehouseCreateSchema = z.object({
  code: codeSchema,
  name: z.string().trim().min(1, "Name is required.").max(100),
  active: z.boolean().optional(),
});
export const warehouseUpdateSchema = warehouseCreateSchema.omit({ code: true }).partial();

export const locationCreateSchema = z.object({
  code: codeSchema,
  name: z.string().trim().max(100).optional(),
  kind: z.enum(LOCATION_KINDS).optional(),
  capacity: z.preprocess(emptyToNull, z.number().int("Whole numbers only.").positive("Must be above zero.").max(1_000_000_000).nullable()).optional(),
  /** Warehouse code (or id). */
  warehouse: z.string().trim().min(1, "Choose a warehouse."),
  /** Defaults to the code. */
  barcode: z.preprocess(emptyToNull, z.string().trim().max(64).nullable()).optional(),
  active: z.boolean().optional(),
});
export type LocationCreateInput = z.input<typeof locationCreateSchema>;
export const locationUpdateSchema = locationCreateSchema.omit({ code: true }).partial();

export const locationListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  warehouse: z.string().trim().max(64).optional(),
  kind: z.enum(LOCATION_KINDS).optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

export const locationSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  capacity: z.number().int().nullable(),
  barcode: z.string(),
  active: z.boolean(),
  warehouse: z.string(),
});
export type LocationDto = z.infer<typeof locationSchema>;
