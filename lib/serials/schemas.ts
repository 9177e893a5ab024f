// zod schemas and DTOs of serialized items (docs/serials.md). Client-safe (no server imports).
import { z } from "zod";
import { pageQuerySchema } from "../pagination";
import { isoDateTime } from "../validation";
import { imeiSchema } from "./imei";
import { SERIAL_STATUSES } from "./states";

export const SOURCE_KINDS = ["online_order", "purchase_order", "corporate_purchase", "temporary_channel"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max, `At most ${max} characters.`).nullable()).optional();
const when = z.preprocess(blank, isoDateTime().nullable()).optional();

// ---- Purchase sources (kinds 1, 3, 4; kind 2 is a purchase order of lib/purchasing) ----------

export const onlineOrderSchema = z.object({
  platform: z.string().trim().min(1, "Platform is required.").max(100),
  orderNumber: z.string().trim().min(1, "Order number is required.").max(100),
  orderedAt: when,
  buyerAccount: text(200),
  note: text(1000),
});
export const corporatePurchaseSchema = z.object({
  companyName: z.string().trim().min(1, "Company name is required.").max(200),
  invoiceNumber: text(100),
  purchasedAt: when,
  contact: text(200),
  note: text(1000),
});
export const temporaryChannelSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(200),
  contact: text(200),
  note: text(1000),
});
export const SOURCE_SCHEMAS = {
  online_order: onlineOrderSchema,
  corporate_purchase: corporatePurchaseSchema,
  temporary_channel: temporaryChannelSchema,
} as const;
export type OwnSourceKind = keyof typeof SOURCE_SCHEMAS;

/** A source as an item names it: its kind and its id (a purchase order: its number). */
export const sourceRefSchema = z.object({
  kind: z.enum(SOURCE_KINDS),
  /** The source's id; for a purchase order, its number (e.g. PO2612-0001). */
  ref: z.string().trim().min(1, "Choose the purchase source.").max(100),
});

// ---- Items ------------------------------------------------------------------------------------

const itemFields = {
  flag: text(100),
  imei: z.preprocess(blank, imeiSchema.nullable()).optional(),
  transactionConfirmedAt: when,
  scheduledArrivalAt: when,
};

export const serialItemCreateSchema = z.object({
  /** SKU or barcode of a serial-tracked product. */
  sku: z.string().trim().min(1, "Choose a product.").max(64),
  source: sourceRefSchema,
  ...itemFields,
});
export type SerialItemCreateInput = z.input<typeof serialItemCreateSchema>;

export const serialItemUpdateSchema = z.object(itemFields).partial();

export const serialListQuerySchema = pageQuerySchema.extend({
  status: z.enum(SERIAL_STATUSES).optional(),
  /** SKU of the product. */
  product: z.string().trim().max(64).optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  /** Actual arrival from / to (ISO date or date-time). */
  arrivedFrom: isoDateTime().optional(),
  arrivedTo: isoDateTime().optional(),
  /** IMEI (exact), identifier (exact, any case, with or without hyphens) or flag (contains). */
  q: z.string().trim().max(100).optional(),
});

export const serialTransitionSchema = z.object({
  to: z.enum(SERIAL_STATUSES),
  /** arrived: the location code or barcode it arrives at. */
  location: z.preprocess(blank, z.string().trim().max(64).nullable()).optional(),
  /** abnormal: what is wrong. */
  reason: z.preprocess(blank, z.string().trim().max(500).nullable()).optional(),
});

export type SerialItemDto = {
  id: string;
  identifier: string;
  flag: string | null;
  imei: string | null;
  product: { sku: string; name: string };
  source: { kind: SourceKind; id: string; label: string };
  status: (typeof SERIAL_STATUSES)[number];
  abnormalFrom: (typeof SERIAL_STATUSES)[number] | null;
  abnormalReason: string | null;
  location: string | null;
  transactionConfirmedAt: string | null;
  scheduledArrivalAt: string | null;
  checkedArrivalAt1: string | null;
  checkedArrivalAt2: string | null;
  actualArrivalAt: string | null;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
};

export type SerialHistoryDto = {
  id: string;
  action: string;
  channel: string;
  actor: { id: string; name: string } | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  createdAt: string;
};
