// zod schemas of what the purchasing API answers (the *output* DTOs), for the OpenAPI document
// (lib/openapi.ts). The DTO types themselves live with the domain (./schemas.ts and the operations);
// the compile-time guards at the end keep these schemas exactly equal to them, so the document
// cannot drift from the code.
import { z } from "zod";
import type { PurchaseOrderView } from "./purchase-orders";
import type { ReceiptResult } from "./receive";
import type { ReorderDraftsResult } from "./reorder-drafts";
import type { PurchasingSettings } from "./settings";
import { PO_STATUSES, PO_TRANSITIONS } from "./states";
import type {
  ExchangeRateDto,
  PersonDto,
  PurchaseOrderDto,
  PurchaseOrderEventDto,
  PurchaseOrderLineDto,
  PurchaseOrderSummaryDto,
  SupplierDto,
  SupplierProductDto,
} from "./schemas";

const decimal = (description: string, example?: string) => z.string().meta({ description, ...(example ? { example } : {}) });
/** Field schemas shared with the outbound DTOs (lib/sales/dto-schemas.ts). */
export const amount = (description: string) => decimal(`${description} Exact decimal string (no float), e.g. "1234.5".`, "1234.5");
export const day = z.string().meta({ description: "Date, YYYY-MM-DD.", example: "2026-12-01" });
export const timestamp = z.string().meta({ description: "ISO 8601 UTC." });

// ── Suppliers ─────────────────────────────────────────────────────────────────────────────────

export const supplierDtoSchema = z.object({
  id: z.string(),
  code: z.string().meta({ example: "SUP-01" }),
  name: z.string(),
  contact: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  currency: z.string().meta({ description: "The supplier's default order currency (ISO 4217).", example: "USD" }),
  paymentTerms: z.string().nullable(),
  leadTimeDays: z.number().int(),
  receiptTolerancePct: decimal("How much over an order line may be received, in percent.", "5"),
  active: z.boolean(),
  deleted: z.boolean().meta({ description: "`true` only in the answer of DELETE." }),
});

export const supplierProductDtoSchema = z.object({
  sku: z.string(),
  name: z.string(),
  supplierSku: z.string().nullable(),
  lastPrice: decimal("Last unit price, exact decimal string.").nullable(),
  currency: z.string().nullable(),
  minOrderQty: z.number().int(),
  preferred: z.boolean().meta({ description: "The product's preferred supplier (at most one per product); reorder drafts go to it." }),
});

export const supplierDetailSchema = supplierDtoSchema.extend({ products: z.array(supplierProductDtoSchema) });

// ── Exchange rates and settings ───────────────────────────────────────────────────────────────

export const exchangeRateDtoSchema = z.object({
  currency: z.string().meta({ example: "USD" }),
  date: day,
  rate: decimal("Units of the base currency for one unit of `currency` (up to 10 decimals).", "7.1234"),
  updatedAt: timestamp,
});

export const exchangeRatePageSchema = z.object({
  items: z.array(exchangeRateDtoSchema),
  nextCursor: z.string().nullable().meta({ description: "Opaque; `null` on the last page." }),
  baseCurrency: z.string().meta({ description: "The company's base currency (its rate is always 1).", example: "CNY" }),
});

export const exchangeRateImportResultSchema = z.object({ imported: z.number().int().meta({ description: "Rates created or replaced." }) });

export const purchasingSettingsDtoSchema = z.object({
  baseCurrency: z.string().meta({ example: "CNY" }),
  approvalThreshold: amount("Orders whose total in base currency is above it need a second approval (a manager's); `null`: one approval for every order.").nullable(),
});

// ── Purchase orders ───────────────────────────────────────────────────────────────────────────

export const personDtoSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const purchaseOrderLineDtoSchema = z.object({
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  tracking: z.string().meta({ description: "The product's tracking: `none`, `lot` or `serial`." }),
  quantity: z.number().int(),
  unitPrice: decimal("In the order's currency, up to 4 decimals."),
  amount: amount("quantity × unitPrice, rounded half-even to the currency's minor unit."),
  receivedQuantity: z.number().int(),
  openQuantity: z.number().int().meta({ description: "quantity − receivedQuantity, never below 0 (the supplier's tolerance is not included)." }),
});

export const purchaseOrderSummarySchema = z.object({
  id: z.string(),
  number: z.string().meta({ example: "PO-2026-00001" }),
  status: z.enum(PO_STATUSES),
  supplier: z.object({ code: z.string(), name: z.string() }),
  currency: z.string(),
  total: amount("Sum of the line amounts, in the order's currency."),
  baseCurrency: z.string(),
  totalBase: amount("total × exchangeRate, rounded half-even to the base currency's minor unit."),
  orderDate: day,
  expectedDate: day.nullable(),
  createdBy: personDtoSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const purchaseOrderEventDtoSchema = z.object({
  action: z.string().meta({ description: "`create`, `edit`, `receive`, or a transition (`submit`, `approve`, `reject`, `reopen`, `cancel`, `close`)." }),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: personDtoSchema,
  channel: z.string().meta({ description: "`web`, `handheld`, `api`, `import` or `job`." }),
  reason: z.string().nullable(),
  data: z.unknown().meta({ description: "Per action: `{approvalsRequired}` (submit), `{step, of}` (approve), `{movement, lines}` (receive), else null." }),
  createdAt: timestamp,
});

export const purchaseOrderReceiptDtoSchema = z.object({
  movement: z.string().meta({ description: "Number of the `in` movement the receipt posted." }),
  createdAt: timestamp,
  actor: personDtoSchema,
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
});

export const purchaseOrderDtoSchema = purchaseOrderSummarySchema.extend({
  exchangeRate: decimal("Base-currency units per unit of the order's currency, frozen at the order date (1 when they are the same).", "7.1234"),
  notes: z.string().nullable(),
  approvalsRequired: z.number().int().meta({ description: "1, or 2 when the order's totalBase was above the approval threshold when it was submitted." }),
  approvals: z.number().int(),
  rejectReason: z.string().nullable(),
  receiptTolerancePct: decimal("The supplier's receipt tolerance: percent over a line's quantity that may be received.", "5"),
  lastEditedBy: personDtoSchema,
  lines: z.array(purchaseOrderLineDtoSchema),
  events: z.array(purchaseOrderEventDtoSchema),
  receipts: z.array(purchaseOrderReceiptDtoSchema),
});

/** What GET, POST, PATCH and the transitions answer: the order plus what the caller may do with it now. */
export const purchaseOrderViewSchema = purchaseOrderDtoSchema.extend({
  allowedTransitions: z.array(z.enum(PO_TRANSITIONS)).meta({ description: "The transitions the caller may apply now (state, role, own-order and second-approver rules)." }),
  canEdit: z.boolean(),
  canReceive: z.boolean(),
});

export const receiptResultSchema = z.object({
  order: z.string(),
  status: z.string().meta({ description: "The order's status after the receipt: `partially_received` or `received`." }),
  movement: z.string().meta({ description: "Number of the `in` movement posted (see GET /movements)." }),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), receivedQuantity: z.number().int(), openQuantity: z.number().int() })),
});

export const reorderDraftsResultSchema = z.object({
  orders: z.array(z.object({ number: z.string(), supplier: z.string(), lines: z.number().int() })),
  withoutSupplier: z.array(z.object({ sku: z.string(), name: z.string(), suggested: z.number().int() })).meta({
    description: "Suggested products without an active preferred supplier: nothing was drafted for them.",
  }),
});

// ── Compile-time guards: each schema is exactly its DTO type ─────────────────────────────────

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;
const guards: [
  Same<Out<typeof supplierDtoSchema>, SupplierDto>,
  Same<Out<typeof supplierProductDtoSchema>, SupplierProductDto>,
  Same<Out<typeof supplierDetailSchema>, SupplierDto & { products: SupplierProductDto[] }>,
  Same<Out<typeof exchangeRateDtoSchema>, ExchangeRateDto>,
  Same<Out<typeof purchasingSettingsDtoSchema>, PurchasingSettings>,
  Same<Out<typeof personDtoSchema>, PersonDto>,
  Same<Out<typeof purchaseOrderLineDtoSchema>, PurchaseOrderLineDto>,
  Same<Out<typeof purchaseOrderSummarySchema>, PurchaseOrderSummaryDto>,
  Same<Out<typeof purchaseOrderEventDtoSchema>, PurchaseOrderEventDto>,
  Same<Out<typeof purchaseOrderDtoSchema>, PurchaseOrderDto>,
  Same<Out<typeof purchaseOrderViewSchema>, PurchaseOrderView>,
  Same<Out<typeof receiptResultSchema>, ReceiptResult>,
  Same<Out<typeof reorderDraftsResultSchema>, ReorderDraftsResult>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
void guards;
