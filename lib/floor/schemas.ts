// zod schemas of the handheld's offline catalogue (GET /api/v1/floor/catalog): the query, and the
// answer the /floor client stores in IndexedDB. Used by lib/floor/catalog.ts and the OpenAPI document.
import { z } from "zod";
import { TRACKING } from "../catalog/schemas";
import { LOCATION_KINDS } from "../locations/schemas";

export const FLOOR_CATALOG_DEFAULT_LIMIT = 2000;
export const FLOOR_CATALOG_MAX_LIMIT = 5000;

export const floorCatalogQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(FLOOR_CATALOG_MAX_LIMIT)
    .default(FLOOR_CATALOG_DEFAULT_LIMIT)
    .meta({ description: `Rows per kind (products, locations, levels) per page; default ${FLOOR_CATALOG_DEFAULT_LIMIT}, max ${FLOOR_CATALOG_MAX_LIMIT} (more → 422).` }),
  cursor: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: "Opaque `nextCursor` of an earlier answer. Without it: a full snapshot." }),
});

export const floorProductSchema = z.object({
  sku: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  tracking: z.enum(TRACKING),
  active: z.boolean().meta({ description: "false: the product was soft-deleted (only in answers to a cursor); drop it." }),
});

export const floorLocationSchema = z.object({
  code: z.string(),
  barcode: z.string(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  active: z.boolean(),
});

export const floorLotSchema = z.object({
  code: z.string(),
  quantity: z.number().int(),
  expiresAt: z.string().nullable().meta({ description: "YYYY-MM-DD, or null when the lot does not expire." }),
});

export const floorLevelSchema = z.object({
  sku: z.string(),
  location: z.string(),
  quantity: z.number().int().meta({ description: "0 (only in answers to a cursor): the level is empty; delete it." }),
  reserved: z.number().int(),
  lots: z.array(floorLotSchema).meta({ description: "Lots with quantity > 0 here, FEFO: expiry first (none last), then received." }),
});

export const floorCatalogSchema = z.object({
  products: z.array(floorProductSchema),
  locations: z.array(floorLocationSchema),
  levels: z.array(floorLevelSchema),
  nextCursor: z.string().meta({ description: "Send it back as `cursor`: the next page while `more`, afterwards what changed since." }),
  more: z.boolean().meta({ description: "true: this pass has more pages; call again with `nextCursor` now." }),
});

export type FloorCatalog = z.infer<typeof floorCatalogSchema>;
export type FloorProduct = z.infer<typeof floorProductSchema>;
export type FloorLocation = z.infer<typeof floorLocationSchema>;
export type FloorLevel = z.infer<typeof floorLevelSchema>;
