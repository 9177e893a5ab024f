// zod schemas and DTOs of outbound (docs/outbound.md): customers, sales orders, transitions, pick
// lists, picks, shipments. Shared by the domain, the REST handlers, the forms and OpenAPI.
import { z } from "zod";
import { amountSchema, currencySchema } from "../money";
import { pageQuerySchema } from "../pagination";
import { isoDate } from "../validation";
import { SO_STATUSES, SO_TRANSITIONS, type SoStatus, type SoTransition } from "./states";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max, `At most ${max} characters.`).nullable()).optional();
const quantity = z.number().int("Whole numbers only.").min(1, "At least 1.").max(1_000_000_000, "At most 1,000,000,000.");

// ---- Customers --------------------------------------------------------------------------------

export const customerCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, "Code is required.")
    .max(32, "Code is at most 32 characters.")
    .regex(/^[A-Z0-9][A-Z0-9\-_.]*$/, "Use letters, digits and - _ . (e.g. CUST-01)."),
  name: z.string().trim().min(1, "Name is required.").max(200, "At most 200 characters."),
  contact: optionalText(200),
  email: z.preprocess(emptyToNull, z.email("Enter an email address like buyer@example.com.").max(200).nullable()).optional(),
  phone: optionalText(50),
  billingAddress: optionalText(1000),
  shippingAddress: optionalText(1000),
  currency: currencySchema,
  notes: optionalText(2000),
});
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;
export const customerUpdateSchema = customerCreateSchema.omit({ code: true }).partial();
export const customerListQuerySchema = pageQuerySchema.extend({ q: z.string().trim().max(100).optional() });

export type CustomerDto = {
  id: string;
  code: string;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  billingAddress: string | null;
  shippingAddress: string | null;
  currency: string;
  notes: string | null;
  deleted: boolean;
};

// ---- Sales orders -----------------------------------------------------------------------------

export const MAX_SALES_LINES = 200;

export const salesOrderLineSchema = z.object({
  /** SKU or barcode. */
  sku: z.string().trim().min(1, "Choose a product.").max(64),
  quantity,
  unitPrice: amountSchema,
});

export const salesOrderCreateSchema = z.object({
  /** Customer code. */
  customer: z.string().trim().min(1, "Choose a customer.").max(64),
  /** Defaults to the customer's currency. */
  currency: z.preprocess(emptyToUndefined, currencySchema.optional()),
  requestedDate: z.preprocess(emptyToNull, isoDate().nullable()).optional(),
  /** Defaults to the customer's shipping address. */
  shipTo: optionalText(1000),
  notes: optionalText(2000),
  lines: z
    .array(salesOrderLineSchema)
    .min(1, "Add at least one line.")
    .max(MAX_SALES_LINES, `At most ${MAX_SALES_LINES} lines.`)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        const k = l.sku.toUpperCase();
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, "sku"], message: "This product is already on the order; change that line's quantity." });
        seen.add(k);
      });
    }),
});
export type SalesOrderInput = z.input<typeof salesOrderCreateSchema>;
export const salesOrderUpdateSchema = salesOrderCreateSchema;

export const salesOrderListQuerySchema = pageQuerySchema.extend({
  status: z.enum(SO_STATUSES).optional(),
  customer: z.string().trim().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  /** Only orders with a backorder (quantity not reserved, picked or shipped). */
  backorder: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  /** Only open orders (confirmed, picking, packed) requested on or before this date. */
  dueBy: isoDate().optional(),
});

export const salesTransitionSchema = z
  .object({
    action: z.enum(SO_TRANSITIONS, { message: `One of: ${SO_TRANSITIONS.join(", ")}.` }),
    reason: z.preprocess(emptyToUndefined, z.string().trim().max(500, "At most 500 characters.").optional()),
    /** pack: number of packages (required) and total weight in kg. */
    packages: z.number().int("Whole numbers only.").min(1, "At least 1 package.").max(10_000, "At most 10,000.").optional(),
    weightKg: z.preprocess(
      emptyToUndefined,
      z
        .union([z.string(), z.number()])
        .transform((v) => String(v).trim())
        .pipe(z.string().regex(/^\d{1,7}(\.\d{1,3})?$/, "Enter a weight in kg like 12.5 (up to 3 decimals)."))
        .optional(),
    ),
  })
  .superRefine((t, ctx) => {
    if (t.action === "pack" && t.packages === undefined) ctx.addIssue({ code: "custom", path: ["packages"], message: "Say how many packages." });
  });
export type SalesTransitionInput = z.input<typeof salesTransitionSchema>;

export type PersonDto = { id: string; name: string; email: string };

export type ReservationDto = {
  location: string;
  lot: string | null;
  serial: string | null;
  quantity: number;
  picked: boolean;
};

export type SalesOrderLineDto = {
  lineNo: number;
  sku: string;
  name: string;
  tracking: string;
  quantity: number;
  unitPrice: string;
  amount: string;
  /** Reserved and not yet picked. */
  reservedQuantity: number;
  /** Picked: at the shipping location, still reserved for this order. */
  pickedQuantity: number;
  shippedQuantity: number;
  /** Not reserved, picked or shipped, while the order is confirmed, picking or packed (else 0). */
  backorderQuantity: number;
  reservations: ReservationDto[];
};

export type SalesOrderSummaryDto = {
  id: string;
  number: string;
  status: SoStatus;
  customer: { code: string; name: string };
  currency: string;
  total: string;
  requestedDate: string | null;
  /** Units still to reserve across the lines. */
  backorderQuantity: number;
  backorderOf: string | null;
  createdBy: PersonDto;
  createdAt: string;
  updatedAt: string;
};

export type SalesOrderEventDto = {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: PersonDto;
  channel: string;
  reason: string | null;
  data: unknown;
  createdAt: string;
};

export type ShipmentDto = {
  id: string;
  number: string;
  order: string;
  movement: string;
  packages: number;
  weightKg: string | null;
  carrier: string | null;
  trackingNo: string | null;
  actor: PersonDto;
  createdAt: string;
  lines: { sku: string; name: string; quantity: number; lots: { code: string; quantity: number }[]; serials: string[] }[];
};

export type SalesOrderDto = SalesOrderSummaryDto & {
  shipTo: string | null;
  notes: string | null;
  packages: number | null;
  weightKg: string | null;
  cancelReason: string | null;
  /** What this role may do now (the state table). */
  transitions: SoTransition[];
  lines: SalesOrderLineDto[];
  events: SalesOrderEventDto[];
  pickLists: { number: string; status: string }[];
  shipments: { number: string; movement: string; createdAt: string }[];
  backorders: string[];
};

// ---- Pick lists -------------------------------------------------------------------------------

export const pickListCreateSchema = z.object({
  /** Order numbers (or ids): one, or several for batch picking. */
  orders: z.array(z.string().trim().min(1).max(64)).min(1, "Choose at least one order.").max(50, "At most 50 orders per pick list."),
  /** Where the picked goods go: a shipping location's code or barcode (default: the first shipping location). */
  toLocation: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
});
export type PickListCreateInput = z.input<typeof pickListCreateSchema>;

export const pickListListQuerySchema = pageQuerySchema.extend({ status: z.enum(["open", "done", "cancelled"]).optional() });

export const pickSchema = z
  .object({
    /** The location scanned (code or barcode): must be the line's location. */
    location: z.string().trim().min(1, "Scan the location.").max(64),
    /** The product scanned (SKU or barcode): must be the line's product. */
    sku: z.string().trim().min(1, "Scan the product.").max(64),
    /** Units picked: the line's quantity, or less for a short pick (then `reason`). */
    quantity: z.number().int("Whole numbers only.").min(0, "Cannot be negative.").max(1_000_000_000),
    /** Lot-tracked: the lot scanned (must be the reserved lot). */
    lot: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
    /** Serial-tracked: the serial scanned (identifier or IMEI; must be the reserved item). */
    serial: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
    /** Why fewer units were picked than asked for. */
    reason: z.preprocess(emptyToUndefined, z.string().trim().max(500, "At most 500 characters.").optional()),
  });
export type PickInput = z.input<typeof pickSchema>;

export type PickListLineDto = {
  seq: number;
  order: string;
  sku: string;
  name: string;
  tracking: string;
  location: string;
  lot: string | null;
  serial: string | null;
  imei: string | null;
  quantity: number;
  pickedQuantity: number | null;
  shortReason: string | null;
  pickedBy: string | null;
  pickedAt: string | null;
  movement: string | null;
};

export type PickListDto = {
  id: string;
  number: string;
  status: "open" | "done" | "cancelled";
  toLocation: string;
  orders: string[];
  createdBy: PersonDto;
  createdAt: string;
  completedAt: string | null;
  lines: PickListLineDto[];
};

export type PickResult = {
  pickList: PickListDto;
  /** What happened to a shortfall: re-reserved elsewhere (new lines at the end) or backordered. */
  shortfall: { quantity: number; rereserved: { location: string; lot: string | null; quantity: number }[]; backordered: number } | null;
};

// ---- Shipments --------------------------------------------------------------------------------

export const shipSchema = z.object({
  carrier: optionalText(100),
  trackingNo: optionalText(100),
  /** What happens to a backorder: a new order carries it (default), or it is dropped. */
  backorder: z.enum(["keep", "cancel"]).optional(),
});
export type ShipInput = z.input<typeof shipSchema>;

// Customer returns (lib/sales/returns.ts): goods back from a shipment.
export const MAX_RETURN_LINES = 200;

export const returnLineSchema = z.object({
  sku: z.string().trim().min(1, "Scan or type a product.").max(64),
  quantity: z.number({ error: "Quantity is required." }).int("Whole numbers only.").min(1, "Quantity must be at least 1.").max(1_000_000, "At most 1000000."),
  lot: z.string().trim().min(1).max(64).optional(),
  serials: z.array(z.string().trim().min(1).max(64)).max(1000).optional(),
});

export const returnSchema = z.object({
  location: z.string({ error: "Scan or type a location." }).trim().min(1, "Scan or type a location.").max(32),
  reason: z.string({ error: "Say why the goods came back." }).trim().min(1, "Say why the goods came back.").max(200, "At most 200 characters."),
  lines: z.array(returnLineSchema).min(1, "At least one line.").max(MAX_RETURN_LINES),
});
export type ReturnInput = z.input<typeof returnSchema>;
