// zod schemas of stock movements (docs/api.md "Stock"): shared by the REST handler, the desktop form,
// the handheld screens and the OpenAPI document.
import { z } from "zod";
import { amountSchema } from "../money";
import { pageQuerySchema } from "../pagination";
import { isoDate, isoDateTime } from "../validation";

export const MOVEMENT_TYPES = ["in", "out", "transfer", "adjust", "write_off"] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];
export const MAX_QUANTITY = 1_000_000_000;
export const MAX_LINES = 500;
/** A movement posted by a CSV import (channel `import`) may carry a whole opening-stock file. */
export const MAX_IMPORT_LINES = 20_000;

const code = z.string().trim().min(1).max(64);
const quantity = z.number().int("Quantities are whole numbers.").min(1, "Quantity must be at least 1.").max(MAX_QUANTITY, `At most ${MAX_QUANTITY}.`);

export const movementLineSchema = z.object({
  /** SKU or barcode. */
  sku: code,
  /** in / out / adjust / write_off: location code or barcode. */
  location: code.optional(),
  /** transfer */
  from: code.optional(),
  to: code.optional(),
  quantity: quantity.optional(),
  /** adjust: the counted quantity to set. */
  counted: z.number().int("Quantities are whole numbers.").min(0, "Cannot be negative.").max(MAX_QUANTITY).optional(),
  /** Lot code (lot-tracked products): receipts create or add to it; issues take it instead of FIFO. */
  lot: z.string().trim().min(1).max(64).optional(),
  /** Receipts of lot-tracked products: expiry date (YYYY-MM-DD). */
  expiresAt: isoDate("Use YYYY-MM-DD.").optional(),
  unitCost: amountSchema.optional(),
  /** Serial-tracked products: one serial per unit — the item's identifier (any case, with or without hyphens) or IMEI. */
  serials: z.array(z.string().trim().min(1).max(64)).max(MAX_QUANTITY).optional(),
  reason: z.string().trim().max(200).optional(),
});
export type MovementLineInput = z.input<typeof movementLineSchema>;

const movementSchema = (maxLines: number) =>
  z
    .object({
      type: z.enum(MOVEMENT_TYPES),
      reference: z.string().trim().max(100, "At most 100 characters.").optional(),
      note: z.string().trim().max(2000, "At most 2,000 characters.").optional(),
      /** write_off: why (lines may give their own). */
      reason: z.string().trim().max(200).optional(),
      lines: z.array(movementLineSchema).min(1, "At least one line.").max(maxLines, `At most ${maxLines} lines.`),
    })
    .superRefine((m, ctx) => {
      m.lines.forEach((l, i) => {
        const at = (field: string, message: string) => ctx.addIssue({ code: "custom", path: ["lines", i, field], message });
        if (m.type === "transfer") {
          if (!l.from) at("from", "A transfer line needs `from`.");
          if (!l.to) at("to", "A transfer line needs `to`.");
          if (l.from && l.to && l.from.toUpperCase() === l.to.toUpperCase()) at("to", "`from` and `to` must differ.");
        } else if (!l.location) {
          at("location", "This line needs a `location`.");
        }
        if (m.type === "adjust") {
          if (l.counted === undefined) at("counted", "An adjust line needs `counted` (the counted quantity).");
          if (l.quantity !== undefined) at("quantity", "An adjust line takes `counted`, not `quantity`.");
        } else if (l.quantity === undefined) {
          at("quantity", "Quantity is required.");
        }
        if (m.type === "write_off" && !l.reason && !m.reason) at("reason", "A write-off needs a reason.");
      });
    });

export const postMovementSchema = movementSchema(MAX_LINES);
/** The same movement from the import channel, which may have up to MAX_IMPORT_LINES lines. */
export const importMovementSchema = movementSchema(MAX_IMPORT_LINES);
export type PostMovementInput = z.input<typeof postMovementSchema>;
export type PostMovement = z.output<typeof postMovementSchema>;

export const idempotencyKeySchema = z.string().trim().min(1).max(255).regex(/^[\x21-\x7e]+$/, "Printable ASCII only.");

// POST /api/v1/movements/batch: up to MAX_BATCH_MOVEMENTS movements, each the body of
// POST /api/v1/movements plus its own idempotencyKey. The envelope is checked once, as a whole
// (a bad one posts nothing); each movement is validated by postMovement as it is posted, so a bad
// movement fails alone, with the error the single endpoint would have answered.
export const MAX_BATCH_MOVEMENTS = 100;

const batchEnvelope = <T extends z.ZodType>(item: T) =>
  z.object(
    {
      movements: z
        .array(item, { error: (iss) => (iss.input === undefined ? "Required: `movements`, an array of movements." : "`movements` must be an array of movements.") })
        .min(1, "At least one movement.")
        .max(MAX_BATCH_MOVEMENTS, `At most ${MAX_BATCH_MOVEMENTS} movements per batch.`),
    },
    { error: "The body must be an object with `movements`." },
  );
const batchKey = idempotencyKeySchema.meta({ description: "Required per movement; the same rules and semantics as the Idempotency-Key header of POST /movements." });
const keyRequired = { error: (iss: { input: unknown }) => (iss.input === undefined ? "Each movement of a batch needs an `idempotencyKey`." : "Must be a string.") };

/** What postMovementBatch validates up front: the array and every item's key; the rest of an item is postMovement's. */
export const postMovementBatchSchema = batchEnvelope(
  z.looseObject({ idempotencyKey: z.string(keyRequired).pipe(idempotencyKeySchema) }, { error: "Each movement must be an object." }),
);
/** The same envelope with each item's full movement schema: the request body as the OpenAPI document shows it. */
export const postMovementBatchBodySchema = batchEnvelope(z.intersection(postMovementSchema, z.object({ idempotencyKey: batchKey })));
export type PostMovementBatchInput = z.input<typeof postMovementBatchBodySchema>;

export const movementLineResultSchema = z.object({
  sku: z.string(),
  location: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  quantity: z.number().int(),
  balance: z.number().int().optional(),
  fromBalance: z.number().int().optional(),
  toBalance: z.number().int().optional(),
  counted: z.number().int().optional(),
  delta: z.number().int().optional(),
  lots: z.array(z.object({ code: z.string(), quantity: z.number().int() })).optional(),
  /** Serial-tracked products: the identifiers of the items the line moved. */
  serials: z.array(z.string()).optional(),
});
export const movementResultSchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(MOVEMENT_TYPES),
  reference: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(movementLineResultSchema),
});
export type MovementResult = z.infer<typeof movementResultSchema>;
export type MovementLineResult = z.infer<typeof movementLineResultSchema>;


export const movementListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional()
    .meta({ description: "Part of the movement number, its reference, or the number of its document (purchase or sales order, shipment, pick list, count session); case-insensitive." }),
  sku: z.string().trim().max(64).optional(),
  location: z.string().trim().max(64).optional(),
  type: z.enum(MOVEMENT_TYPES).optional(),
  since: isoDateTime().optional(),
  until: isoDateTime().optional(),
});

export const inventoryQuerySchema = pageQuerySchema.extend({
  sku: z.string().trim().max(64).optional(),
  location: z.string().trim().max(64).optional(),
});

export const ledgerQuerySchema = inventoryQuerySchema;

// Response shapes of the read endpoints (docs/api.md), for the OpenAPI document.
export const inventoryRowSchema = z.object({ sku: z.string(), location: z.string(), quantity: z.number().int(), reserved: z.number().int(), available: z.number().int() });
export const ledgerRowSchema = z.object({
  id: z.string(), movement: z.string(), sku: z.string(), location: z.string(),
  delta: z.number().int(), balance: z.number().int(), lot: z.string().nullable(), createdAt: z.string(),
});
export const movementDtoSchema = z.object({
  id: z.string(), number: z.string(), type: z.enum(MOVEMENT_TYPES), reference: z.string().nullable(), note: z.string().nullable(),
  reason: z.string().nullable(), channel: z.string(), user: z.string(), createdAt: z.string(),
  lines: z.array(z.object({
    sku: z.string(), location: z.string().optional(), from: z.string().optional(), to: z.string().optional(),
    quantity: z.number().int(), counted: z.number().int().optional(), lot: z.string().optional(),
  })),
});
export const erpInventoryRowSchema = z.object({ sku: z.string(), location: z.string(), quantity: z.number().int() });
export const erpInventoryQuerySchema = inventoryQuerySchema.extend({ format: z.enum(["json", "csv"]).optional() });
