// zod schemas and DTOs of purchasing (docs/purchasing.md): suppliers, exchange rates, purchase
// orders, transitions and receipts. Shared by the domain, the REST handlers, the forms and OpenAPI.
import { z } from "zod";
import { amountSchema, currencySchema } from "../money";
import { pageQuerySchema } from "../pagination";
import { isoDate } from "../validation";
import { PO_STATUSES, PO_TRANSITIONS } from "./states";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max, `At most ${max} characters.`).nullable()).optional();
const code = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, "Code is required.")
  .max(32, "Code is at most 32 characters.")
  .regex(/^[A-Z0-9][A-Z0-9\-_.]*$/, "Use letters, digits and - _ . (e.g. SUP-01).");
/** Percent with up to 2 decimals, as text ("5", "2.5"). */
const percent = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(
    z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, "Enter a percentage like 5 or 2.5.")
      .refine((v) => Number(v) <= 100, { message: "At most 100%.", when: (p) => /^\d{1,3}(\.\d{1,2})?$/.test(String(p.value)) }),
  );

// ---- Suppliers --------------------------------------------------------------------------------

export const supplierCreateSchema = z.object({
  code,
  name: z.string().trim().min(1, "Name is required.").max(200, "At most 200 characters."),
  contact: optionalText(200),
  email: z.preprocess(emptyToNull, z.email("Enter an email address like orders@example.com.").max(200).nullable()).optional(),
  phone: optionalText(50),
  currency: currencySchema,
  paymentTerms: optionalText(200),
  leadTimeDays: z.number().int("Whole days.").min(0, "Cannot be negative.").max(3650, "At most 3650 days.").optional(),
  active: z.boolean().optional(),
});
export type SupplierCreateInput = z.input<typeof supplierCreateSchema>;
export const supplierUpdateSchema = supplierCreateSchema.omit({ code: true }).partial();

/** Managers only (purchase.settings): how much over a line's quantity may be received. */
export const supplierToleranceSchema = z.object({ receiptTolerancePct: percent });

export const supplierListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

export const supplierProductSchema = z.object({
  /** SKU or barcode of our product. */
  sku: z.string().trim().min(1, "Choose a product.").max(64),
  supplierSku: optionalText(64),
  lastPrice: z.preprocess(emptyToNull, amountSchema.nullable()).optional(),
  currency: z.preprocess(emptyToNull, currencySchema.nullable()).optional(),
  minOrderQty: z.number().int("Whole numbers only.").min(1, "At least 1.").max(1_000_000_000).optional(),
  preferred: z.boolean().optional(),
});
export type SupplierProductInput = z.input<typeof supplierProductSchema>;

export type SupplierProductDto = {
  sku: string;
  name: string;
  supplierSku: string | null;
  lastPrice: string | null;
  currency: string | null;
  minOrderQty: number;
  preferred: boolean;
};

export type SupplierDto = {
  id: string;
  code: string;
  name: string;
  contact: string | null;
  email: string | null;
  phone: string | null;
  currency: string;
  paymentTerms: string | null;
  leadTimeDays: number;
  receiptTolerancePct: string;
  active: boolean;
  deleted: boolean;
};

// ---- Exchange rates ---------------------------------------------------------------------------

/** Units of the base currency for one unit of `currency` (up to 10 decimals). */
export const rateSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(
    z
      .string()
      .regex(/^\d{1,9}(\.\d{1,10})?$/, "Enter a rate like 7.1234 (up to 10 decimals).")
      // `when`: only a well-formed rate is also checked for zero (one message per mistake).
      .refine((v) => Number(v) > 0, { message: "The rate must be above zero.", when: (p) => /^\d{1,9}(\.\d{1,10})?$/.test(String(p.value)) }),
  );

export const exchangeRateSchema = z.object({
  currency: currencySchema,
  date: isoDate(),
  rate: rateSchema,
});
export type ExchangeRateInput = z.input<typeof exchangeRateSchema>;
export const exchangeRateListQuerySchema = pageQuerySchema.extend({ currency: currencySchema.optional() });
/** Purchasing settings kept by managers (lib/purchasing/settings.ts). */
export const purchasingSettingsSchema = z.object({
  /** Orders above this total in base currency need a second approval; empty = one step. */
  approvalThreshold: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), amountSchema.nullable()),
});

export type ExchangeRateDto = { currency: string; date: string; rate: string; updatedAt: string };

// ---- Purchase orders --------------------------------------------------------------------------

export const MAX_ORDER_LINES = 200;

export const purchaseOrderLineSchema = z.object({
  /** SKU or barcode. */
  sku: z.string().trim().min(1, "Choose a product.").max(64),
  quantity: z.number().int("Whole numbers only.").min(1, "At least 1.").max(1_000_000_000, "At most 1,000,000,000."),
  unitPrice: amountSchema,
});

export const purchaseOrderCreateSchema = z.object({
  /** Supplier code. */
  supplier: z.string().trim().min(1, "Choose a supplier.").max(64),
  /** Defaults to the supplier's currency. */
  currency: z.preprocess(emptyToUndefined, currencySchema.optional()),
  expectedDate: z.preprocess(emptyToNull, isoDate().nullable()).optional(),
  notes: optionalText(2000),
  lines: z
    .array(purchaseOrderLineSchema)
    .min(1, "Add at least one line.")
    .max(MAX_ORDER_LINES, `At most ${MAX_ORDER_LINES} lines.`)
    .superRefine((lines, ctx) => {
      const seen = new Map<string, number>();
      lines.forEach((l, i) => {
        const k = l.sku.toUpperCase();
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, "sku"], message: "This product is already on the order; change that line's quantity." });
        else seen.set(k, i);
      });
    }),
});
export type PurchaseOrderInput = z.input<typeof purchaseOrderCreateSchema>;
export const purchaseOrderUpdateSchema = purchaseOrderCreateSchema;

export const purchaseOrderListQuerySchema = pageQuerySchema.extend({
  status: z.enum(PO_STATUSES).optional(),
  supplier: z.string().trim().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  /** Order date from / to (YYYY-MM-DD). */
  from: isoDate().optional(),
  to: isoDate().optional(),
  /** Only approved or partially received orders whose expected date has passed. */
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  /** Only orders expected on or before this date that can be received. */
  expectedBy: isoDate().optional(),
});

export const transitionSchema = z
  .object({
    action: z.enum(PO_TRANSITIONS, { message: `One of: ${PO_TRANSITIONS.join(", ")}.` }),
    reason: z.preprocess(emptyToUndefined, z.string().trim().max(500, "At most 500 characters.").optional()),
  })
  .superRefine((t, ctx) => {
    if (t.action === "reject" && !t.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why the order is rejected." });
  });
export type TransitionInput = z.input<typeof transitionSchema>;

export const receiptSchema = z.object({
  /** Location code or barcode the goods are put at. */
  location: z.string().trim().min(1, "Scan or choose a location.").max(64),
  lines: z
    .array(
      z.object({
        /** SKU or barcode of a product on the order. */
        sku: z.string().trim().min(1).max(64),
        quantity: z.number().int("Whole numbers only.").min(1, "At least 1.").max(1_000_000_000),
        /** Lot-tracked products: the lot code (required) and expiry. */
        lot: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
        expiresAt: z.preprocess(emptyToUndefined, isoDate().optional()),
        /** Serial-tracked products: one serial per unit — an IMEI (a new item whose source is the order) or a registered item's identifier/IMEI. */
        serials: z.array(z.string().trim().min(1).max(64)).max(10_000).optional(),
      }),
    )
    .min(1, "Receive at least one line.")
    .max(MAX_ORDER_LINES),
  note: z.preprocess(emptyToUndefined, z.string().trim().max(500).optional()),
});
export type ReceiptInput = z.input<typeof receiptSchema>;

export type PersonDto = { id: string; name: string; email: string };

export type PurchaseOrderLineDto = {
  lineNo: number;
  sku: string;
  name: string;
  tracking: string;
  quantity: number;
  unitPrice: string;
  amount: string;
  receivedQuantity: number;
  openQuantity: number;
};

export type PurchaseOrderSummaryDto = {
  id: string;
  number: string;
  status: (typeof PO_STATUSES)[number];
  supplier: { code: string; name: string };
  currency: string;
  total: string;
  baseCurrency: string;
  totalBase: string;
  orderDate: string;
  expectedDate: string | null;
  createdBy: PersonDto;
  createdAt: string;
  updatedAt: string;
};

export type PurchaseOrderEventDto = {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: PersonDto;
  channel: string;
  reason: string | null;
  data: unknown;
  createdAt: string;
};

export type PurchaseOrderDto = PurchaseOrderSummaryDto & {
  exchangeRate: string;
  notes: string | null;
  approvalsRequired: number;
  approvals: number;
  rejectReason: string | null;
  /** The supplier's receipt tolerance (percent over a line's quantity that may be received). */
  receiptTolerancePct: string;
  lastEditedBy: PersonDto;
  lines: PurchaseOrderLineDto[];
  events: PurchaseOrderEventDto[];
  receipts: { movement: string; createdAt: string; actor: PersonDto; lines: { sku: string; quantity: number }[] }[];
};
