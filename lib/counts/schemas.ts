import { z } from "zod";
import { MAX_QUANTITY } from "../stock/schemas";

export const countSessionCreateSchema = z.object({
  /** Location codes to count. */
  locations: z.array(z.string().trim().min(1).max(64)).min(1, "Choose at least one location.").max(500),
  note: z.string().trim().max(2000).optional(),
});
export type CountSessionCreateInput = z.input<typeof countSessionCreateSchema>;

export const recordCountSchema = z.object({
  /** SKU or barcode. */
  sku: z.string().trim().min(1, "Scan or type a product.").max(64),
  /** Location code or barcode (must be in the session). */
  location: z.string().trim().min(1, "Scan or type a location.").max(64),
  counted: z.number().int("Whole numbers only.").min(0, "Cannot be negative.").max(MAX_QUANTITY),
  /** `set` replaces what was counted for this product here; `add` adds to it (a second box). */
  mode: z.enum(["set", "add"]).default("set"),
});
export type RecordCountInput = z.input<typeof recordCountSchema>;
