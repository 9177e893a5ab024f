// The OpenAPI 3.1 document of /api/v1 (served at /api/v1/openapi.json), generated from the zod
// schemas the handlers and domain operations validate with. Request bodies and query strings are
// rendered as their *input* (what a client sends, before trims and transforms), responses as the
// *output* DTOs. The envelope schemas that only the API has (error, list page, token) live here and
// the route handlers type their answers with them, so the document cannot drift from the code.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { alertListQuerySchema, alertSchema } from "./alerts/schemas";
import { credentialsSchema } from "./auth/login";
import { ROLES } from "./auth/permissions";
import {
  productCreateSchema,
  productListQuerySchema,
  productSchema,
  productUpdateSchema,
  skuSchema,
} from "./catalog/schemas";
import { variantGroupListQuerySchema, variantGroupSchema } from "./catalog/variant-group-schemas";
import { ERROR_STATUS } from "./errors";
import type { Health } from "./health";
import {
  locationCreateSchema,
  locationListQuerySchema,
  locationSchema,
  locationUpdateSchema,
} from "./locations/schemas";
import { moneySchema } from "./money";
import {
  erpInventoryQuerySchema,
  erpInventoryRowSchema,
  inventoryQuerySchema,
  inventoryRowSchema,
  ledgerQuerySchema,
  ledgerRowSchema,
  movementDtoSchema,
  movementListQuerySchema,
  movementResultSchema,
  postMovementBatchBodySchema,
  postMovementSchema,
} from "./stock/schemas";
import type { BatchResult } from "./stock/post-movement-batch";
import { numberRequestSchema, numberResultSchema } from "./numbering/schemas";
import { floorCatalogQuerySchema, floorCatalogSchema } from "./floor/schemas";
import { pageQuerySchema } from "./pagination";
import {
  exchangeRateDtoSchema,
  exchangeRateImportResultSchema,
  exchangeRatePageSchema,
  purchaseOrderSummarySchema,
  purchaseOrderViewSchema,
  purchasingSettingsDtoSchema,
  receiptResultSchema,
  reorderDraftsResultSchema,
  supplierDetailSchema,
  supplierDtoSchema,
  supplierProductDtoSchema,
} from "./purchasing/dto-schemas";
import { reorderDraftsSchema } from "./purchasing/reorder-drafts";
import {
  exchangeRateListQuerySchema,
  exchangeRateSchema,
  purchaseOrderCreateSchema,
  purchaseOrderListQuerySchema,
  receiptSchema,
  supplierCreateSchema,
  supplierListQuerySchema,
  supplierProductSchema,
  supplierToleranceSchema,
  supplierUpdateSchema,
  transitionSchema,
} from "./purchasing/schemas";
import { purchasingSettingsSchema } from "./purchasing/schemas";
import { purchaseSourceDtoSchema, serialHistorySchema, serialItemDtoSchema } from "./serials/dto-schemas";
import {
  corporatePurchaseSchema,
  onlineOrderSchema,
  serialItemCreateSchema,
  serialItemUpdateSchema,
  serialListQuerySchema,
  serialTransitionSchema,
  temporaryChannelSchema,
} from "./serials/schemas";
import { SERIAL_TRANSITIONS } from "./serials/states";
import {
  customerDtoSchema,
  pickListDtoSchema,
  pickResultSchema,
  productReservationSchema,
  salesOrderSummarySchema,
  salesOrderViewSchema,
  shipmentDtoSchema,
  shipResultSchema,
  shipmentReturnDtoSchema,
  shipmentReturnsSchema,
} from "./sales/dto-schemas";
import {
  customerCreateSchema,
  customerListQuerySchema,
  customerUpdateSchema,
  pickListCreateSchema,
  pickListListQuerySchema,
  pickSchema,
  salesOrderCreateSchema,
  salesOrderListQuerySchema,
  salesTransitionSchema,
  returnSchema,
  shipSchema,
} from "./sales/schemas";
import { SO_TRANSITION_TABLE, SO_TRANSITIONS } from "./sales/states";
import {
  webhookCreateSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryDtoSchema,
  webhookEndpointDtoSchema,
  webhookEndpointWithSecretSchema,
  webhookUpdateSchema,
} from "./webhooks/schemas";

import { PG_INT_MAX } from "./validation";

export const API_VERSION = "1.0.0";

// ── Envelopes ────────────────────────────────────────────────────────────────────────────────

/** Error codes the API answers with: the domain's codes plus 405 from the route layer. */
export const API_ERROR_CODES = Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[];

const messageKeySchema = z.string().meta({
  description: "The message's key in the app's message catalogues (e.g. `movements.errors.insufficient`), to say it in another language; only on refusals that have one.",
  example: "movements.errors.insufficient",
});
const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()])).meta({ description: "The values the keyed message takes, e.g. `{ sku, location, requested, available }`." });

export const issueSchema = z.object({
  path: z.string().meta({ description: "Dotted path of the offending field, e.g. `lines.0.quantity`.", example: "minStock" }),
  message: z.string(),
  messageKey: messageKeySchema.optional(),
  params: messageParamsSchema.optional(),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string().meta({ description: "Human-readable English; do not parse it, use `code`." }),
    messageKey: messageKeySchema.optional(),
    params: messageParamsSchema.optional(),
    details: z
      .object({
        issues: z.array(issueSchema).optional().meta({ description: "VALIDATION_FAILED (and DUPLICATE): one entry per field." }),
        retryAfter: z.number().int().optional().meta({ description: "RATE_LIMITED: seconds to wait (also the `Retry-After` header)." }),
      })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type ApiError = z.infer<typeof errorSchema>;

/** The list envelope of every collection: `{ items, nextCursor }`; pass `nextCursor` back as `?cursor=`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: "Opaque; `null` on the last page." }),
  });
}

export const tokenResponseSchema = z.object({
  token: z.string().meta({ description: "Send as `Authorization: Bearer <token>`." }),
  tokenType: z.literal("Bearer"),
  expiresAt: z.iso.datetime(),
  user: z.object({ id: z.string(), email: z.string(), role: z.enum(ROLES) }),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const warehouseSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  locationCount: z.number().int(),
});
export type WarehouseDto = z.infer<typeof warehouseSchema>;

const queueStatsSchema = z.object({ waiting: z.number().int(), active: z.number().int(), failed: z.number().int() });
export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["ok", "down"]),
  redis: z.enum(["ok", "down"]),
  outboxPending: z.number().int(),
  queues: z.record(z.string(), queueStatsSchema),
  replica: z
    .object({
      status: z.enum(["ok", "down"]).meta({ description: "`down`: no connection; its reads go to the primary meanwhile." }),
      readsFrom: z.enum(["replica", "primary"]).meta({ description: "Where reports, exports, the dashboard and the desk's lists read right now." }),
      inRecovery: z.boolean().nullable().meta({ description: "pg_is_in_recovery() on the replica (false: DATABASE_READ_URL names a primary)." }),
      lagBytes: z.number().nullable().meta({ description: "WAL bytes between the primary's current LSN and the replica's replay LSN; 0 when caught up." }),
      lagSeconds: z.number().nullable().meta({ description: "Seconds since the last replayed transaction while the replica is behind; 0 when caught up." }),
    })
    .optional()
    .meta({ description: "Only when a read replica is configured (DATABASE_READ_URL; docs/scaling.md)." }),
});
// Compile-time guard: the documented health shape is exactly lib/health.ts's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const healthShapeMatches: Same<z.infer<typeof healthSchema>, Health> = true;
void healthShapeMatches;
/** What an anonymous caller (or a non-admin) gets: liveness only. */
const healthPublicSchema = z.object({ status: z.enum(["ok", "degraded"]) });
const healthAnswer = z.union([healthSchema, healthPublicSchema]);

/** One answer per movement of POST /movements/batch, in the order sent. */
export const movementBatchResultSchema = z.object({
  results: z.array(
    z.union([
      z.object({
        index: z.number().int().meta({ description: "Position of the movement in the request (from 0)." }),
        status: z.literal(201),
        replayed: z.boolean().meta({ description: "`true`: its idempotencyKey was used before with the same body; `movement` is the original answer." }),
        movement: movementResultSchema,
      }),
      z.object({
        index: z.number().int(),
        status: z.number().int().meta({ description: "The HTTP status POST /movements would have answered, e.g. 409, 422, 403." }),
        error: errorSchema.shape.error,
      }),
    ]),
  ),
});
// A component by id rather than in `components.schemas`: registered there, zod-openapi would also
// render it for output, leaving an unreferenced `MovementCreateOutput` twin behind.
const movementBatchCreateSchema = postMovementBatchBodySchema.meta({ id: "MovementBatchCreate" });
// Compile-time guard: the documented batch answer is exactly lib/stock/post-movement-batch.ts's.
const batchShapeMatches: Same<z.infer<typeof movementBatchResultSchema>, BatchResult> = true;
void batchShapeMatches;

const productPageSchema = pageSchema(productSchema);
const locationPageSchema = pageSchema(locationSchema);
const warehousePageSchema = pageSchema(warehouseSchema);
const inventoryPageSchema = pageSchema(inventoryRowSchema);
const ledgerPageSchema = pageSchema(ledgerRowSchema);
const movementPageSchema = pageSchema(movementDtoSchema);
const erpInventoryPageSchema = pageSchema(erpInventoryRowSchema);
const alertPageSchema = pageSchema(alertSchema);
const variantGroupPageSchema = pageSchema(variantGroupSchema);
const supplierPageSchema = pageSchema(supplierDtoSchema);
const purchaseOrderPageSchema = pageSchema(purchaseOrderSummarySchema);
const serialItemPageSchema = pageSchema(serialItemDtoSchema);
const purchaseSourcePageSchema = pageSchema(purchaseSourceDtoSchema);
const customerPageSchema = pageSchema(customerDtoSchema);
const salesOrderPageSchema = pageSchema(salesOrderSummarySchema);
const pickListPageSchema = pageSchema(pickListDtoSchema);
const shipmentPageSchema = pageSchema(shipmentDtoSchema).meta({ description: "All of them on one page: `nextCursor` is always null." });
const productReservationPageSchema = pageSchema(productReservationSchema).meta({ description: "All of them on one page: `nextCursor` is always null." });

// ── Shared responses ─────────────────────────────────────────────────────────────────────────

function jsonContent(schema: z.ZodType) {
  return { "application/json": { schema } };
}

function errorResponse(id: string, description: string, extra: Partial<ZodOpenApiResponseObject> = {}): ZodOpenApiResponseObject {
  return { id, description, content: jsonContent(errorSchema), ...extra };
}

const R = {
  badRequest: errorResponse("BadRequest", "`BAD_REQUEST`: the body is not valid JSON."),
  unauthenticated: errorResponse("Unauthenticated", "`UNAUTHENTICATED`: the bearer token is missing, invalid or expired."),
  forbidden: errorResponse("Forbidden", "`FORBIDDEN`: the user's role lacks the permission, or a read-only API token sent a write."),
  notFound: errorResponse("NotFound", "`NOT_FOUND`."),
  conflict: errorResponse("Conflict", "`DUPLICATE`: a unique field (SKU, barcode, code) is already taken."),
  tooLarge: errorResponse("PayloadTooLarge", "`PAYLOAD_TOO_LARGE`: the body exceeds 1 MiB."),
  unsupportedMediaType: errorResponse(
    "UnsupportedMediaType",
    "`UNSUPPORTED_MEDIA_TYPE`: the body was sent with a content type other than JSON (`application/json`, with any charset, or `application/*+json`).",
  ),
  invalid: errorResponse("ValidationFailed", "`VALIDATION_FAILED`, with `details.issues: [{path, message}]`."),
  rateLimited: errorResponse("RateLimited", "`RATE_LIMITED`: too many failed attempts; wait `Retry-After` seconds.", {
    headers: z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait." }) }),
  }),
  inUse: errorResponse("InUse", "`IN_USE`: the record is still referenced (a supplier by a purchase order); `details.orders` says by how many."),
  invalidTransition: errorResponse(
    "InvalidTransition",
    "`INVALID_TRANSITION`: the order's status does not allow this; `details: {from, to, allowed}` (`allowed`: the transitions its status allows).",
  ),
  internal: errorResponse("InternalError", "`INTERNAL`: an unexpected error (details are logged, never returned)."),
} satisfies Record<string, ZodOpenApiResponseObject>;

function ok(description: string, schema: z.ZodType): ZodOpenApiResponseObject {
  return { description, content: jsonContent(schema) };
}

/** An authenticated operation: adds 401/403/500 to its responses. */
function op(o: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { ...o, responses: { ...o.responses, "401": R.unauthenticated, "403": R.forbidden, "500": R.internal } };
}

function body(schema: z.ZodType) {
  return { required: true, content: jsonContent(schema) };
}

// Path parameters. `{sku}` must be percent-encoded when the SKU contains `/`.
const skuParam = z.object({ sku: skuSchema.meta({ description: "Product SKU (percent-encode `/`).", example: "SKU-00001" }) });
const codeParam = z.object({ code: z.string().meta({ description: "Location code (case-insensitive).", example: "A-01-01" }) });
const sequenceParam = z.object({ code: z.string().meta({ description: "Sequence code.", example: "stock.move.in" }) });
const supplierParam = z.object({ code: z.string().meta({ description: "Supplier code (case-insensitive).", example: "SUP-01" }) });
const supplierProductParam = supplierParam.extend({ sku: z.string().meta({ description: "SKU or barcode of the product (percent-encode `/`).", example: "SKU-00001" }) });
const orderParam = z.object({ number: z.string().meta({ description: "Purchase order number (case-insensitive).", example: "PO-2026-00001" }) });
const serialParam = z.object({
  id: z.string().meta({ description: "The item's id, its identifier (any case, with or without hyphens) or its IMEI.", example: "490154203237518" }),
});
const OWN_SOURCE_KINDS = ["online_order", "corporate_purchase", "temporary_channel"] as const;
const sourceKindParam = z.object({
  kind: z.enum(OWN_SOURCE_KINDS).meta({ description: "The kind of source; purchase orders (the fourth kind) live under /purchase-orders." }),
});
const sourceParam = sourceKindParam.extend({ id: z.string().meta({ description: "The source's id (uuid)." }) });
/** The body of POST /purchase-sources/{kind}: the schema of the kind in the path. */
const sourceCreateSchema = z.union([onlineOrderSchema, corporatePurchaseSchema, temporaryChannelSchema]).meta({
  id: "PurchaseSourceCreate",
  description: "online_order: `{platform, orderNumber, orderedAt?, buyerAccount?, note?}`; corporate_purchase: `{companyName, invoiceNumber?, purchasedAt?, contact?, note?}`; temporary_channel: `{name, contact?, note?}`.",
});
const duplicateImei = errorResponse("DuplicateImei", "`DUPLICATE`: the IMEI is already taken (`details.issues` names `imei`).");
/** The state table as a sentence, from lib/serials/states.ts. */
const serialEdges = SERIAL_TRANSITIONS.filter((e) => e.to !== "abnormal").map((e) => `${e.from} → ${e.to}${e.needsLocation ? " (needs `location`)" : ""}`).join(", ");
const customerParam = z.object({ code: z.string().meta({ description: "Customer code (case-insensitive).", example: "CUST-01" }) });
const salesOrderParam = z.object({ number: z.string().meta({ description: "Customer order number (case-insensitive) or id.", example: "SO2612-0001" }) });
const pickListParam = z.object({
  number: z.string().meta({ description: "Pick list number with its slashes percent-encoded (`WH%2FPICK%2F2026%2F00001`), or its id.", example: "WH%2FPICK%2F2026%2F00001" }),
});
const pickLineParam = pickListParam.extend({ seq: z.number().int().min(1).max(PG_INT_MAX).meta({ description: "The line's `seq` (its place in walking order).", example: 1 }) });
const shipmentParam = z.object({
  number: z.string().meta({ description: "Delivery note number with its slashes percent-encoded (`WH%2FDN%2F2026%2F00001`), or its id.", example: "WH%2FDN%2F2026%2F00001" }),
});
/** The sales order state table as a sentence, from lib/sales/states.ts. */
const salesEdges = SO_TRANSITIONS.map((t) => {
  const rule = SO_TRANSITION_TABLE[t];
  return `\`${t}\` (${rule.action}): ${rule.from.join(", ")} → ${rule.to ?? "unchanged"}`;
}).join("; ");
const customerInUse = errorResponse("CustomerInUse", "`IN_USE`: the customer has orders still to ship (or drafts); `details.orders` says how many.");
/** A write that posts a movement may wait for stock rows other movements hold. */
const stockBusy = (what: string) => errorResponse(`${what}Busy`, "`UNAVAILABLE`: the stock rows stayed locked by other movements too long; nothing changed — retry.");
const idempotencyHeader = z.object({ "Idempotency-Key": z.string().max(255).optional() });
/** The responses of a JSON write: 400, 413, 415, 422. */
const webhookParam = z.object({ id: z.string().meta({ description: "The endpoint's id (uuid)." }) });
const jsonWrite = { "400": R.badRequest, "413": R.tooLarge, "415": R.unsupportedMediaType, "422": R.invalid } as const;

// ── Document ─────────────────────────────────────────────────────────────────────────────────

function build() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "WMS API",
      version: API_VERSION,
      description:
        "REST API v1 of the warehouse management system. JSON in and out; errors are always " +
        '`{"error": {"code", "message", "details"}}`; lists are `{"items", "nextCursor"}` with `?limit=` ' +
        "(default 50, max 500) and `?cursor=`. Quantities are integers, money is " +
        '`{"amount": "12.50", "currency": "CNY"}`, timestamps ISO 8601 UTC. A method a path does not ' +
        "support answers 405 `METHOD_NOT_ALLOWED`; an unknown path under /api/v1 answers 404 `NOT_FOUND`; a path that " +
        "is not valid percent-encoded UTF-8 answers 400 `BAD_REQUEST`. Request bodies are JSON: another content type " +
        "answers 415 `UNSUPPORTED_MEDIA_TYPE`. Text must be valid Unicode without NUL characters, dates lie in the years " +
        "1 to 9999, and a value the database cannot store (e.g. a stock level past 2147483647) answers 422 `VALIDATION_FAILED`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "auth" },
      { name: "products" },
      { name: "locations" },
      { name: "stock" },
      { name: "floor" },
      { name: "numbering" },
      { name: "alerts" },
      { name: "suppliers", description: "Suppliers and what they sell us (docs/purchasing.md)." },
      { name: "purchasing", description: "Exchange rates, purchase orders, approvals and receipts (docs/purchasing.md)." },
      { name: "serials", description: "Serialized items (phones, tablets) through their lifecycle, and their purchase sources (docs/serials.md)." },
      { name: "customers", description: "The customers we ship to (docs/api.md \"Outbound\")." },
      { name: "outbound", description: "Customer orders, stock reservations, pick lists and shipments (docs/api.md \"Outbound\")." },
      { name: "webhooks", description: "Outgoing signed webhooks: endpoints, their secrets and delivery log (admins; docs/webhooks.md)." },
      { name: "system" },
    ],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "Either a JWT from POST /auth/token (expires after 12 hours), or an API token `wms_…` that an admin creates under " +
            "Admin → API tokens for an integration. An API token acts as its user (their role, while they are active) and is " +
            "limited by its scope: a `read` token may only send GET/HEAD requests (anything else → 403 `FORBIDDEN`). " +
            "A revoked or expired token → 401 `UNAUTHENTICATED`.",
        },
      },
      schemas: {
        Error: errorSchema,
        Issue: issueSchema,
        Money: moneySchema,
        PageQuery: pageQuerySchema,
        Credentials: credentialsSchema,
        TokenResponse: tokenResponseSchema,
        Product: productSchema,
        ProductCreate: productCreateSchema,
        ProductUpdate: productUpdateSchema,
        ProductPage: productPageSchema,
        Location: locationSchema,
        LocationCreate: locationCreateSchema,
        LocationUpdate: locationUpdateSchema,
        LocationPage: locationPageSchema,
        Warehouse: warehouseSchema,
        WarehousePage: warehousePageSchema,
        Health: healthSchema,
        MovementCreate: postMovementSchema,
        MovementResult: movementResultSchema,
        MovementBatchResult: movementBatchResultSchema,
        Movement: movementDtoSchema,
        MovementPage: movementPageSchema,
        InventoryPage: inventoryPageSchema,
        LedgerPage: ledgerPageSchema,
        ErpInventoryPage: erpInventoryPageSchema,
        Alert: alertSchema,
        AlertPage: alertPageSchema,
        VariantGroup: variantGroupSchema,
        VariantGroupPage: variantGroupPageSchema,
        FloorCatalog: floorCatalogSchema,
        Supplier: supplierDtoSchema,
        SupplierDetail: supplierDetailSchema,
        SupplierPage: supplierPageSchema,
        SupplierCreate: supplierCreateSchema,
        SupplierUpdate: supplierUpdateSchema,
        SupplierTolerance: supplierToleranceSchema,
        SupplierProduct: supplierProductDtoSchema,
        SupplierProductSet: supplierProductSchema,
        ExchangeRate: exchangeRateDtoSchema,
        ExchangeRateSet: exchangeRateSchema,
        ExchangeRatePage: exchangeRatePageSchema,
        ExchangeRateImportResult: exchangeRateImportResultSchema,
        PurchasingSettings: purchasingSettingsDtoSchema,
        PurchasingSettingsUpdate: purchasingSettingsSchema,
        PurchaseOrder: purchaseOrderViewSchema,
        PurchaseOrderSummary: purchaseOrderSummarySchema,
        PurchaseOrderPage: purchaseOrderPageSchema,
        PurchaseOrderCreate: purchaseOrderCreateSchema,
        PurchaseOrderTransition: transitionSchema,
        PurchaseOrderReceipt: receiptSchema,
        ReceiptResult: receiptResultSchema,
        ReorderDrafts: reorderDraftsSchema,
        ReorderDraftsResult: reorderDraftsResultSchema,
        SerialItem: serialItemDtoSchema,
        SerialItemPage: serialItemPageSchema,
        SerialItemCreate: serialItemCreateSchema,
        SerialItemUpdate: serialItemUpdateSchema,
        SerialItemTransition: serialTransitionSchema,
        SerialItemHistory: serialHistorySchema,
        PurchaseSource: purchaseSourceDtoSchema,
        PurchaseSourcePage: purchaseSourcePageSchema,
        Customer: customerDtoSchema,
        CustomerPage: customerPageSchema,
        CustomerCreate: customerCreateSchema,
        CustomerUpdate: customerUpdateSchema,
        SalesOrder: salesOrderViewSchema,
        SalesOrderSummary: salesOrderSummarySchema,
        SalesOrderPage: salesOrderPageSchema,
        SalesOrderCreate: salesOrderCreateSchema,
        SalesOrderTransition: salesTransitionSchema,
        ProductReservationPage: productReservationPageSchema,
        PickList: pickListDtoSchema,
        PickListPage: pickListPageSchema,
        PickListCreate: pickListCreateSchema,
        Pick: pickSchema,
        PickResult: pickResultSchema,
        Shipment: shipmentDtoSchema,
        ShipmentPage: shipmentPageSchema,
        Ship: shipSchema,
        ShipResult: shipResultSchema,
      },
    },
    paths: {
      "/auth/token": {
        post: {
          operationId: "issueToken",
          tags: ["auth"],
          summary: "Exchange email and password for a bearer token",
          description: "Rate-limited: after 10 failed attempts a minute for one email (and client address), 429.",
          security: [],
          requestBody: body(credentialsSchema),
          responses: {
            "200": ok("The token and its user.", tokenResponseSchema),
            "400": R.badRequest,
            "401": errorResponse("InvalidCredentials", "`INVALID_CREDENTIALS`: wrong email or password."),
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
            "429": R.rateLimited,
            "500": R.internal,
          },
        },
      },
      "/products": {
        get: op({
          operationId: "listProducts",
          tags: ["products"],
          summary: "List live products by SKU",
          description: "Filters: `q` (SKU/name contains, or exact barcode), `category` (id or name, with its subcategories), `inStock`, `deleted=true` (only soft-deleted), `spec=key:value` (repeatable).",
          requestParams: { query: productListQuerySchema },
          responses: { "200": ok("A page of products.", productPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createProduct",
          tags: ["products"],
          summary: "Create a product (manager, admin)",
          requestBody: body(productCreateSchema),
          responses: {
            "201": ok("The created product.", productSchema),
            "400": R.badRequest,
            "409": R.conflict,
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
          },
        }),
      },
      "/products/{sku}": {
        get: op({
          operationId: "getProduct",
          tags: ["products"],
          summary: "Get a live product",
          requestParams: { path: skuParam },
          responses: { "200": ok("The product.", productSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updateProduct",
          tags: ["products"],
          summary: "Change a live product's fields (manager, admin)",
          description: "Only the fields sent change; the SKU cannot change. `null` clears `barcode`, `category` and `price`.",
          requestParams: { path: skuParam },
          requestBody: body(productUpdateSchema),
          responses: {
            "200": ok("The updated product.", productSchema),
            "400": R.badRequest,
            "404": R.notFound,
            "409": R.conflict,
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
          },
        }),
        delete: op({
          operationId: "deleteProduct",
          tags: ["products"],
          summary: "Soft-delete a product (manager, admin)",
          description:
            "The product disappears from lists and GET answers 404, but its history stays and " +
            "`POST /products/{sku}/restore` brings it back. Answers 200 with the product, `deletedAt` set.",
          requestParams: { path: skuParam },
          responses: { "200": ok("The soft-deleted product.", productSchema), "404": R.notFound },
        }),
      },
      "/products/{sku}/restore": {
        post: op({
          operationId: "restoreProduct",
          tags: ["products"],
          summary: "Restore a soft-deleted product (manager, admin)",
          requestParams: { path: skuParam },
          responses: {
            "200": ok("The restored product, `deletedAt: null`.", productSchema),
            "404": errorResponse("NoDeletedProduct", "`NOT_FOUND`: no soft-deleted product with this SKU."),
          },
        }),
      },
      "/variant-groups": {
        get: op({
          operationId: "listVariantGroups",
          tags: ["products"],
          summary: "Variant groups by name, with computed inStock and price",
          description:
            "`inStock`: any member in stock. `price`: the price of the highest-priority member in stock (priority 1 is preferred); " +
            "if no member is in stock, the highest price among the members; `null` for an empty group. Soft-deleted products are not members. " +
            "Filters: `q` (name contains), `inStock`.",
          requestParams: { query: variantGroupListQuerySchema },
          responses: { "200": ok("A page of variant groups.", variantGroupPageSchema), "422": R.invalid },
        }),
      },
      "/locations": {
        get: op({
          operationId: "listLocations",
          tags: ["locations"],
          summary: "List locations by code",
          requestParams: { query: locationListQuerySchema },
          responses: { "200": ok("A page of locations.", locationPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createLocation",
          tags: ["locations"],
          summary: "Create a location (manager, admin)",
          requestBody: body(locationCreateSchema),
          responses: {
            "201": ok("The created location.", locationSchema),
            "400": R.badRequest,
            "409": R.conflict,
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
          },
        }),
      },
      "/locations/{code}": {
        get: op({
          operationId: "getLocation",
          tags: ["locations"],
          summary: "Get a location",
          requestParams: { path: codeParam },
          responses: { "200": ok("The location.", locationSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updateLocation",
          tags: ["locations"],
          summary: "Change a location (manager, admin)",
          requestParams: { path: codeParam },
          requestBody: body(locationUpdateSchema),
          responses: {
            "200": ok("The updated location.", locationSchema),
            "400": R.badRequest,
            "404": R.notFound,
            "409": R.conflict,
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
          },
        }),
      },
      "/warehouses": {
        get: op({
          operationId: "listWarehouses",
          tags: ["locations"],
          summary: "List warehouses (all on one page)",
          responses: { "200": ok("All warehouses; `nextCursor` is always null.", warehousePageSchema) },
        }),
      },
      "/sequences/{code}/preview": {
        get: op({
          operationId: "previewNumber",
          tags: ["numbering"],
          summary: "The next number of a sequence for a document date, consuming nothing (admin, manager)",
          description: "`date` defaults to today in the company's time zone; `company` (a code) picks the company's own sequence over the shared one.",
          requestParams: { path: sequenceParam, query: numberRequestSchema },
          responses: { "200": ok("The number the next document would get.", numberResultSchema), "404": R.notFound, "422": R.invalid },
        }),
      },
      "/sequences/{code}/next": {
        post: op({
          operationId: "nextNumber",
          tags: ["numbering"],
          summary: "Draw the next number of a sequence (admin, audited)",
          requestParams: { path: sequenceParam },
          requestBody: body(numberRequestSchema),
          responses: { "200": ok("The number drawn.", numberResultSchema), "400": R.badRequest, "404": R.notFound, "413": R.tooLarge, "415": R.unsupportedMediaType, "422": R.invalid },
        }),
      },
      "/movements": {
        get: op({
          operationId: "listMovements",
          tags: ["stock"],
          summary: "Movements with their lines, newest first",
          requestParams: { query: movementListQuerySchema },
          responses: { "200": ok("A page of movements.", movementPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "postMovement",
          tags: ["stock"],
          summary: "Post a movement: in, out, transfer (clerk and up); adjust, write_off (manager and up)",
          description:
            "All lines apply or none. Optional `Idempotency-Key` header: the same key and body return the original " +
            "response with `Idempotent-Replayed: true`; the same key with another body → 422 `IDEMPOTENCY_KEY_REUSED`; " +
            "while the first request with that key is still running → 409 `IDEMPOTENCY_IN_PROGRESS` (retry, and get the replay). " +
            "Keys are per user and kept 24 h.",
          requestParams: { header: z.object({ "Idempotency-Key": z.string().max(255).optional() }) },
          requestBody: body(postMovementSchema),
          responses: {
            "201": {
              description: "The movement, with the balances after it.",
              content: jsonContent(movementResultSchema),
              headers: z.object({ "Idempotent-Replayed": z.literal("true").optional().meta({ description: "Present on a replay." }) }),
            },
            "400": R.badRequest,
            "409": errorResponse("StockConflict", "`INSUFFICIENT_STOCK` (details: sku, location, requested, available) or `IDEMPOTENCY_IN_PROGRESS`."),
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
            "503": errorResponse("StockBusy", "`UNAVAILABLE`: the stock rows stayed locked by other movements for over 10 s, or a no_gap sequence stayed busy; nothing was posted — retry with the same Idempotency-Key."),
          },
        }),
      },
      "/movements/batch": {
        post: op({
          operationId: "postMovementBatch",
          tags: ["stock"],
          summary: "Post up to 100 movements in order; a failing one rolls back nothing else; one answer per movement",
          description:
            "For ERP integrations and offline queues. Each item is the body of POST /movements plus a required `idempotencyKey` " +
            "(the rules of the Idempotency-Key header). Items are posted one after another, in the order sent, each exactly as " +
            "POST /movements would post it (same permission check, validation, rules and answer); a failed item changes nothing " +
            "and rolls back nothing else. Consecutive plain movements (untracked products) are posted together, set-based, in one " +
            "transaction; an item that cannot be posted that way (lots, serials, an error) is posted alone in its own. The answer is 200 with one result per item, in order: `status: 201` with the `movement` (`replayed: true` " +
            "when its key was used before with the same body — so resending a whole batch posts nothing twice), or the `status` " +
            "and `error` POST /movements would have answered (e.g. 409 `INSUFFICIENT_STOCK`, 422 `VALIDATION_FAILED` or " +
            "`IDEMPOTENCY_KEY_REUSED`, 403 `FORBIDDEN` for a clerk's `adjust`). A key repeated within one batch answers as a " +
            "replay of the earlier item. The request as a whole fails, posting nothing, when it is not JSON (400), over 1 MiB " +
            "(413), or its envelope is invalid (422: no `movements` array, 0 or more than 100 items, an item without a valid " +
            "`idempotencyKey`).",
          requestBody: body(movementBatchCreateSchema),
          responses: {
            "200": ok("One result per movement, in the order sent.", movementBatchResultSchema),
            "400": R.badRequest,
            "413": R.tooLarge,
            "415": R.unsupportedMediaType,
            "422": R.invalid,
          },
        }),
      },
      "/movements/reversals": {
        post: op({
          operationId: "reverseMovement",
          tags: ["stock"],
          summary: "Reverse a posted movement (managers): a new movement of the opposite direction naming it",
          description:
            "Body `{movement, reason}` (the movement's number). in → out at the same location; out / write_off → in where it " +
            "came from, at the cost it left with; transfer → transfer back; lot by lot, referencing the original. At most once " +
            "(409 `INVALID_TRANSITION`, details.reversedBy). Refused (409 `INVALID_TRANSITION`) for a count (count again), a " +
            "reversal, and a movement that belongs to a purchase receipt, pick list, shipment or count (details.document); " +
            "422 for serial-tracked lines. When the stock has moved on: 409 `INSUFFICIENT_STOCK` naming what is available; " +
            "nothing is posted. Idempotency-Key as for POST /movements.",
          requestBody: body(z.object({ movement: z.string(), reason: z.string().min(1).max(200) })),
          responses: {
            "201": {
              description: "The reversal movement, and the number of the movement it reverses.",
              content: jsonContent(movementResultSchema.extend({ reverses: z.string() })),
              headers: z.object({ "Idempotent-Replayed": z.literal("true").optional().meta({ description: "Present on a replay." }) }),
            },
            "403": R.forbidden,
            "404": R.notFound,
            "409": errorResponse("ReversalConflict", "`INVALID_TRANSITION` (already reversed, a count, a reversal, part of a document) or `INSUFFICIENT_STOCK`."),
            "422": R.invalid,
          },
        }),
      },
      "/inventory": {
        get: op({
          operationId: "listInventory",
          tags: ["stock"],
          summary: "Stock levels per product × location",
          requestParams: { query: inventoryQuerySchema },
          responses: { "200": ok("A page of stock levels.", inventoryPageSchema), "422": R.invalid },
        }),
      },
      "/ledger": {
        get: op({
          operationId: "listLedger",
          tags: ["stock"],
          summary: "Ledger rows, newest first (append-only history of every stock change)",
          requestParams: { query: ledgerQuerySchema },
          responses: { "200": ok("A page of ledger rows.", ledgerPageSchema), "422": R.invalid },
        }),
      },
      "/erp/inventory": {
        get: op({
          operationId: "erpInventory",
          tags: ["stock"],
          summary: "The erp_inventory_view (sku, location, quantity); `format=csv` streams all rows as CSV",
          requestParams: { query: erpInventoryQuerySchema },
          responses: {
            "200": { description: "A page of rows, or CSV.", content: { ...jsonContent(erpInventoryPageSchema), "text/csv": { schema: z.string() } } },
            "422": R.invalid,
          },
        }),
      },
      "/floor/catalog": {
        get: op({
          operationId: "floorCatalog",
          tags: ["floor"],
          summary: "The handheld's offline catalogue: a full snapshot, then what changed since a cursor",
          description:
            "Without `cursor`: a full snapshot — live products, every location, levels with quantity or reserved above 0 " +
            "(with their lots) — in pages of up to `limit` rows per kind; call again with `nextCursor` while `more` is true. " +
            "With the `nextCursor` of a last page (`more: false`): only what was written since that pass began, paged the " +
            "same way — a soft-deleted product with `active: false`, an emptied level with `quantity: 0`. Rows may come " +
            "again in a later answer; upsert by key (`sku`, `code`, `sku` + `location`) and keep the last `nextCursor`. " +
            "A cursor that is not one of ours, or a `limit` over 5000, → 422 `VALIDATION_FAILED`. Permission `stock.read`.",
          requestParams: { query: floorCatalogQuerySchema },
          responses: { "200": ok("A page of the catalogue.", floorCatalogSchema), "422": R.invalid },
        }),
      },
      "/alerts": {
        get: op({
          operationId: "listAlerts",
          tags: ["alerts"],
          summary: "Low-stock alerts, newest first",
          description:
            "Three tiers per product: `warning` (on-hand below minStock), `critical` (below safetyStock), `out` (none left). " +
            "At most one unresolved (`open` or `acknowledged`) alert per product; it escalates and resolves by itself as stock moves. " +
            "Filters: `status`, `level`, `sku`.",
          requestParams: { query: alertListQuerySchema },
          responses: { "200": ok("A page of alerts.", alertPageSchema), "422": R.invalid },
        }),
      },
      "/suppliers": {
        get: op({
          operationId: "listSuppliers",
          tags: ["suppliers"],
          summary: "List suppliers by code (supplier.read: every role)",
          description: "Filters: `q` (code or name contains), `active`. Deleted suppliers are never listed.",
          requestParams: { query: supplierListQuerySchema },
          responses: { "200": ok("A page of suppliers.", supplierPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createSupplier",
          tags: ["suppliers"],
          summary: "Create a supplier (purchaser, admin)",
          description: "The code is stored upper case and is unique (deleted suppliers' codes included).",
          requestBody: body(supplierCreateSchema),
          responses: { "201": ok("The created supplier.", supplierDtoSchema), "409": R.conflict, ...jsonWrite },
        }),
      },
      "/suppliers/{code}": {
        get: op({
          operationId: "getSupplier",
          tags: ["suppliers"],
          summary: "Get a supplier with the products it supplies",
          requestParams: { path: supplierParam },
          responses: { "200": ok("The supplier and its products.", supplierDetailSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updateSupplier",
          tags: ["suppliers"],
          summary: "Change a supplier's fields (purchaser, admin)",
          description: "Only the fields sent change; the code cannot change. The receipt tolerance has its own operation (managers).",
          requestParams: { path: supplierParam },
          requestBody: body(supplierUpdateSchema),
          responses: { "200": ok("The updated supplier.", supplierDtoSchema), "404": R.notFound, ...jsonWrite },
        }),
        delete: op({
          operationId: "deleteSupplier",
          tags: ["suppliers"],
          summary: "Soft-delete a supplier no purchase order references (purchaser, admin)",
          description: "Answers 200 with the supplier, `deleted: true`. While any purchase order references it → 409 `IN_USE` (make it inactive instead).",
          requestParams: { path: supplierParam },
          responses: { "200": ok("The deleted supplier.", supplierDtoSchema), "404": R.notFound, "409": R.inUse },
        }),
      },
      "/suppliers/{code}/products": {
        put: op({
          operationId: "setSupplierProduct",
          tags: ["suppliers"],
          summary: "Add or update what the supplier sells us for one product (purchaser, admin)",
          description:
            "The product is named by SKU or barcode in the body (unknown → 422 on `sku`). `preferred: true` makes this supplier the " +
            "product's only preferred one. A `lastPrice` without `currency` is in the supplier's currency.",
          requestParams: { path: supplierParam },
          requestBody: body(supplierProductSchema),
          responses: { "200": ok("The supplier's terms for the product.", supplierProductDtoSchema), "404": R.notFound, ...jsonWrite },
        }),
      },
      "/suppliers/{code}/products/{sku}": {
        delete: op({
          operationId: "removeSupplierProduct",
          tags: ["suppliers"],
          summary: "The supplier no longer sells us this product (purchaser, admin)",
          requestParams: { path: supplierProductParam },
          responses: {
            "204": { description: "Removed." },
            "404": errorResponse("NoSupplierProduct", "`NOT_FOUND`: no such supplier, or it does not supply the product."),
            "422": R.invalid,
          },
        }),
      },
      "/suppliers/{code}/tolerance": {
        put: op({
          operationId: "setSupplierTolerance",
          tags: ["suppliers"],
          summary: "Set how much over an order line may be received from this supplier, in percent (manager, admin)",
          requestParams: { path: supplierParam },
          requestBody: body(supplierToleranceSchema),
          responses: { "200": ok("The updated supplier.", supplierDtoSchema), "404": R.notFound, ...jsonWrite },
        }),
      },
      "/exchange-rates": {
        get: op({
          operationId: "listExchangeRates",
          tags: ["purchasing"],
          summary: "Exchange rates, newest date first, with the base currency",
          description: "A rate holds from its date until the next one of its currency. Filter: `currency`.",
          requestParams: { query: exchangeRateListQuerySchema },
          responses: { "200": ok("A page of rates.", exchangeRatePageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "setExchangeRate",
          tags: ["purchasing"],
          summary: "Set a currency's rate on a date, creating or replacing it (manager, admin)",
          description: "The base currency has no rate (always 1): naming it → 422 on `currency`.",
          requestBody: body(exchangeRateSchema),
          responses: { "201": ok("The rate.", exchangeRateDtoSchema), ...jsonWrite },
        }),
      },
      "/exchange-rates/import": {
        post: op({
          operationId: "importExchangeRates",
          tags: ["purchasing"],
          summary: "Import rates from a CSV file (manager, admin): all rows or none",
          description:
            "The body is the file itself, `Content-Type: text/csv` (another content type → 415): UTF-8, a header row naming " +
            "`currency`, `date` (YYYY-MM-DD) and `rate`, comma or semicolon separated. Each row creates or replaces that " +
            "currency's rate on that date. Any invalid row → 422 `VALIDATION_FAILED` with issues naming it (`row 3.rate`), and " +
            "nothing is imported.",
          requestBody: { required: true, content: { "text/csv": { schema: z.string().meta({ example: "currency,date,rate\nUSD,2026-12-01,7.1234\n" }) } } },
          responses: {
            "201": ok("How many rates were written.", exchangeRateImportResultSchema),
            "413": R.tooLarge,
            "415": errorResponse("NotCsv", "`UNSUPPORTED_MEDIA_TYPE`: the body was not sent as `text/csv`."),
            "422": R.invalid,
          },
        }),
      },
      "/purchasing/settings": {
        get: op({
          operationId: "getPurchasingSettings",
          tags: ["purchasing"],
          summary: "The base currency and the approval threshold",
          responses: { "200": ok("The settings.", purchasingSettingsDtoSchema) },
        }),
        put: op({
          operationId: "setPurchasingSettings",
          tags: ["purchasing"],
          summary: "Set the approval threshold (manager, admin)",
          description:
            "An order whose total in base currency is above `approvalThreshold` when it is submitted needs two approvals: an " +
            "approver's, then a manager's. `null` (or empty): one approval for every order. Orders already submitted keep their count.",
          requestBody: body(purchasingSettingsSchema),
          responses: { "200": ok("The settings.", purchasingSettingsDtoSchema), ...jsonWrite },
        }),
      },
      "/purchase-orders": {
        get: op({
          operationId: "listPurchaseOrders",
          tags: ["purchasing"],
          summary: "Purchase orders, newest first",
          description:
            "Filters: `status`, `supplier` (code), `q` (number or supplier name contains), `from`/`to` (order date), " +
            "`overdue=true` (approved or partially received, expected date passed), `expectedBy` (receivable, expected on or before the date or without a date).",
          requestParams: { query: purchaseOrderListQuerySchema },
          responses: { "200": ok("A page of orders.", purchaseOrderPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createPurchaseOrder",
          tags: ["purchasing"],
          summary: "Create a draft purchase order (purchaser, admin)",
          description:
            "`currency` defaults to the supplier's. The exchange rate of the order date is frozen on the order; none known for a " +
            "foreign currency → 422 on `currency`. Line amounts are quantity × unit price rounded half-even to the currency's " +
            "minor unit; `totalBase` is `total` × rate rounded the same way. An inactive supplier or unknown product → 422.",
          requestBody: body(purchaseOrderCreateSchema),
          responses: { "201": ok("The draft order.", purchaseOrderViewSchema), "404": R.notFound, ...jsonWrite },
        }),
      },
      "/purchase-orders/reorder-drafts": {
        post: op({
          operationId: "createReorderDrafts",
          tags: ["purchasing"],
          summary: "Draft orders from the reorder suggestions, one per preferred supplier (purchase.write and report.read)",
          description:
            "The suggested quantities of the reorder report (`coverDays`, `q`; `skus` to take only some), raised to each supplier's " +
            "minimum order quantity, at its last price (0 when it has none in the supplier's currency). Products without an active " +
            "preferred supplier come back in `withoutSupplier`. Send `{}` for every suggestion.",
          requestBody: body(reorderDraftsSchema),
          responses: { "201": ok("The drafts created and the products left out.", reorderDraftsResultSchema), "404": R.notFound, ...jsonWrite },
        }),
      },
      "/purchase-orders/{number}": {
        get: op({
          operationId: "getPurchaseOrder",
          tags: ["purchasing"],
          summary: "Get a purchase order with its lines, timeline, receipts and what the caller may do with it",
          requestParams: { path: orderParam },
          responses: { "200": ok("The order.", purchaseOrderViewSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updatePurchaseOrder",
          tags: ["purchasing"],
          summary: "Replace a draft's supplier, currency, dates, notes and lines (purchaser, admin)",
          description:
            "The body is a whole order, as for POST /purchase-orders (full replacement, not a merge). Only drafts: another status → " +
            "409 `INVALID_TRANSITION` (`allowed: []`). The editor becomes the order's last editor, who may not approve it.",
          requestParams: { path: orderParam },
          requestBody: body(purchaseOrderCreateSchema),
          responses: { "200": ok("The updated draft.", purchaseOrderViewSchema), "404": R.notFound, "409": R.invalidTransition, ...jsonWrite },
        }),
      },
      "/purchase-orders/{number}/transitions": {
        post: op({
          operationId: "transitionPurchaseOrder",
          tags: ["purchasing"],
          summary: "Move an order through its states: submit, approve, reject, reopen, cancel, close",
          description:
            "`submit` (purchase.write): draft → submitted. `approve` (purchase.approve; the second step of a two-step approval " +
            "purchase.finalApprove): submitted → approved, or stays submitted after the first of two. `reject` (purchase.approve, " +
            "`reason` required): submitted → rejected. `reopen` (purchase.write): rejected → draft. `cancel` (purchase.approve): " +
            "from draft, submitted or approved. `close` (purchase.close): from partially received or received. " +
            "A status that does not allow it → 409 `INVALID_TRANSITION` with `details: {from, to, allowed}`. 403 `FORBIDDEN` " +
            "carries `details.reason`: `role` (the role lacks `details.action`), `own_order` (approving an order one created or " +
            "last edited) or `same_approver` (both approvals by one person).",
          requestParams: { path: orderParam },
          requestBody: body(transitionSchema),
          responses: { "200": ok("The order after the transition.", purchaseOrderViewSchema), "404": R.notFound, "409": R.invalidTransition, ...jsonWrite },
        }),
      },
      "/purchase-orders/{number}/receipts": {
        post: op({
          operationId: "receivePurchaseOrder",
          tags: ["purchasing"],
          summary: "Receive goods against an approved or partially received order (clerk, manager, admin)",
          description:
            "Posts ONE `in` movement (reference: the order number) at the order's unit prices converted to base currency, and " +
            "moves the order to `partially_received` or `received`. Lines name products on the order by SKU or barcode; lot-tracked " +
            "products need `lot`, serial-tracked ones `serials`, one per unit (a registered item's identifier or IMEI, or a new " +
            "IMEI that becomes an item whose source is the order; another count → 422 on `lines.N.serials`). Each line may receive up to its open quantity plus the " +
            "supplier's tolerance: more → 422 `VALIDATION_FAILED` with `details: {reason: \"OVER_RECEIPT\", sku, ordered, received, " +
            "open, requested}`. An order in another status → 409 `INVALID_TRANSITION`. Optional `Idempotency-Key`: the same key " +
            "and body return the original answer with `Idempotent-Replayed: true`; the same key with another body → 422 " +
            "`IDEMPOTENCY_KEY_REUSED`.",
          requestParams: { path: orderParam, header: idempotencyHeader },
          requestBody: body(receiptSchema),
          responses: {
            "201": {
              description: "The receipt: the order's status and lines after it, and the movement posted.",
              content: jsonContent(receiptResultSchema),
              headers: z.object({ "Idempotent-Replayed": z.literal("true").optional().meta({ description: "Present on a replay." }) }),
            },
            "404": R.notFound,
            "409": R.invalidTransition,
            ...jsonWrite,
            "503": errorResponse("ReceiptBusy", "`UNAVAILABLE`: the stock rows stayed locked by other movements too long; nothing was posted — retry with the same Idempotency-Key."),
          },
        }),
      },
      "/serial-items": {
        get: op({
          operationId: "listSerialItems",
          tags: ["serials"],
          summary: "Serial items, newest first (deleted ones left out)",
          description:
            "Filters: `status`, `product` (SKU), `sourceKind`, `arrivedFrom`/`arrivedTo` (actual arrival), `q`: an IMEI or " +
            "identifier (exact; scanned forms normalized) or else a flag (contains).",
          requestParams: { query: serialListQuerySchema },
          responses: { "200": ok("A page of items.", serialItemPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createSerialItem",
          tags: ["serials"],
          summary: "Register a serial item, `planned` (clerk, manager, admin)",
          description:
            "The product (SKU or barcode) must be serial-tracked and the source must exist (`source.ref`: the source's id, or a " +
            "purchase order's number), else 422. The identifier is generated. An IMEI must be 15 digits with a valid Luhn check " +
            "digit (422) and unique: taken → 409 `DUPLICATE` on `imei`.",
          requestBody: body(serialItemCreateSchema),
          responses: { "201": ok("The item.", serialItemDtoSchema), "409": duplicateImei, ...jsonWrite },
        }),
      },
      "/serial-items/{id}": {
        get: op({
          operationId: "getSerialItem",
          tags: ["serials"],
          summary: "Get a serial item by id, identifier or IMEI (deleted ones too, `deleted: true`)",
          requestParams: { path: serialParam },
          responses: { "200": ok("The item.", serialItemDtoSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updateSerialItem",
          tags: ["serials"],
          summary: "Change an item's flag, IMEI and dates (clerk, manager, admin)",
          description: "Only the fields sent change; `null` clears one. A taken IMEI → 409 `DUPLICATE`. Status and location change only through transitions.",
          requestParams: { path: serialParam },
          requestBody: body(serialItemUpdateSchema),
          responses: { "200": ok("The updated item.", serialItemDtoSchema), "404": R.notFound, "409": duplicateImei, ...jsonWrite },
        }),
        delete: op({
          operationId: "deleteSerialItem",
          tags: ["serials"],
          summary: "Soft-delete an item that is not on hand (clerk, manager, admin)",
          description: "Answers 200 with the item, `deleted: true`; lists leave it out, GET still finds it. An item on hand (at a location) → 409 `IN_USE`: ship it first.",
          requestParams: { path: serialParam },
          responses: {
            "200": ok("The deleted item.", serialItemDtoSchema),
            "404": R.notFound,
            "409": errorResponse("SerialOnHand", "`IN_USE`: the item is on hand at a location."),
          },
        }),
      },
      "/serial-items/{id}/transitions": {
        post: op({
          operationId: "transitionSerialItem",
          tags: ["serials"],
          summary: "Move an item through its states (clerk, manager, admin)",
          description:
            `The state table (lib/serials/states.ts): ${serialEdges}; ${SERIAL_TRANSITIONS.filter((e) => e.to === "abnormal").map((e) => e.from).join(", ")} → abnormal (\`reason\` optional), and an ` +
            "abnormal item back to the state it came from, only. `arrived` posts an `in` movement of 1 naming the serial at " +
            "`location` (code or barcode; missing → 422); `out_of_stock` posts an `out` from where it is. An abnormal item is " +
            "frozen (neither moves nor ships). A state that does not allow it → 409 `INVALID_TRANSITION` with " +
            "`details: {from, to, allowed}`.",
          requestParams: { path: serialParam },
          requestBody: body(serialTransitionSchema),
          responses: {
            "200": ok("The item after the transition.", serialItemDtoSchema),
            "404": R.notFound,
            "409": errorResponse("InvalidSerialTransition", "`INVALID_TRANSITION`: `details: {from, to, allowed}` (`allowed`: the states the item may go to now)."),
            ...jsonWrite,
            "503": errorResponse("SerialBusy", "`UNAVAILABLE`: the stock rows stayed locked by other movements too long; nothing changed — retry."),
          },
        }),
      },
      "/serial-items/{id}/arrival-checks": {
        post: op({
          operationId: "checkSerialItemArrival",
          tags: ["serials"],
          summary: "Stamp the next arrival check, 1 then 2 (clerk, manager, admin)",
          description: "No body. Only while the item is planned or in transit; both done, or another state → 409 `INVALID_TRANSITION` (`allowed: []`).",
          requestParams: { path: serialParam },
          responses: { "200": ok("The item with the check stamped.", serialItemDtoSchema), "404": R.notFound, "409": R.invalidTransition },
        }),
      },
      "/serial-items/{id}/history": {
        get: op({
          operationId: "serialItemHistory",
          tags: ["serials"],
          summary: "Every change of an item, oldest first: who, through which channel, before/after per field",
          requestParams: { path: serialParam },
          responses: { "200": ok("The history.", serialHistorySchema), "404": R.notFound },
        }),
      },
      "/purchase-sources/{kind}": {
        get: op({
          operationId: "listPurchaseSources",
          tags: ["serials"],
          summary: "Purchase sources of one kind, newest first",
          requestParams: { path: sourceKindParam, query: pageQuerySchema },
          responses: { "200": ok("A page of sources.", purchaseSourcePageSchema), "404": R.notFound, "422": R.invalid },
        }),
        post: op({
          operationId: "createPurchaseSource",
          tags: ["serials"],
          summary: "Create a purchase source of the kind in the path (clerk, manager, admin)",
          description: "The body is validated against the kind's fields (a wrong one → 422). Dates are ISO 8601.",
          requestParams: { path: sourceKindParam },
          requestBody: body(sourceCreateSchema),
          responses: { "201": ok("The source.", purchaseSourceDtoSchema), "404": R.notFound, ...jsonWrite },
        }),
      },
      "/purchase-sources/{kind}/{id}": {
        get: op({
          operationId: "getPurchaseSource",
          tags: ["serials"],
          summary: "Get a purchase source",
          requestParams: { path: sourceParam },
          responses: { "200": ok("The source.", purchaseSourceDtoSchema), "404": R.notFound },
        }),
        delete: op({
          operationId: "deletePurchaseSource",
          tags: ["serials"],
          summary: "Delete a purchase source no serial item names (clerk, manager, admin)",
          description: "While any serial item (deleted ones included) names it → 409 `IN_USE`.",
          requestParams: { path: sourceParam },
          responses: { "204": { description: "Deleted." }, "404": R.notFound, "409": errorResponse("SourceInUse", "`IN_USE`: serial items come from this source.") },
        }),
      },
      "/customers": {
        get: op({
          operationId: "listCustomers",
          tags: ["customers"],
          summary: "List customers by code (sales.read: every role)",
          description: "Filter: `q` (code or name contains). Deleted customers are never listed.",
          requestParams: { query: customerListQuerySchema },
          responses: { "200": ok("A page of customers.", customerPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createCustomer",
          tags: ["customers"],
          summary: "Create a customer (sales.write: manager, admin)",
          description: "The code is stored upper case and is unique (deleted customers' codes included): taken → 409 `DUPLICATE` on `code`.",
          requestBody: body(customerCreateSchema),
          responses: { "201": ok("The created customer.", customerDtoSchema), "409": R.conflict, ...jsonWrite },
        }),
      },
      "/customers/{code}": {
        get: op({
          operationId: "getCustomer",
          tags: ["customers"],
          summary: "Get a customer",
          requestParams: { path: customerParam },
          responses: { "200": ok("The customer.", customerDtoSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updateCustomer",
          tags: ["customers"],
          summary: "Change a customer's fields (manager, admin)",
          description: "Only the fields sent change; the code cannot change. An empty string or `null` clears an optional field.",
          requestParams: { path: customerParam },
          requestBody: body(customerUpdateSchema),
          responses: { "200": ok("The updated customer.", customerDtoSchema), "404": R.notFound, ...jsonWrite },
        }),
        delete: op({
          operationId: "deleteCustomer",
          tags: ["customers"],
          summary: "Soft-delete a customer without open orders (manager, admin)",
          description: "Answers 200 with the customer, `deleted: true`; lists and GET leave it out, its code stays taken. While it has draft, confirmed, picking or packed orders → 409 `IN_USE`.",
          requestParams: { path: customerParam },
          responses: { "200": ok("The deleted customer.", customerDtoSchema), "404": R.notFound, "409": customerInUse },
        }),
      },
      "/sales-orders": {
        get: op({
          operationId: "listSalesOrders",
          tags: ["outbound"],
          summary: "Customer orders, newest first",
          description:
            "Filters: `status`, `customer` (code), `q` (number or customer name contains), `backorder=true` (confirmed, picking or " +
            "packed orders with units not reserved, picked or shipped), `dueBy` (open orders — confirmed, picking, packed — " +
            "requested on or before the date).",
          requestParams: { query: salesOrderListQuerySchema },
          responses: { "200": ok("A page of orders.", salesOrderPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createSalesOrder",
          tags: ["outbound"],
          summary: "Create a draft customer order (sales.write: manager, admin)",
          description:
            "`customer` is a customer's code; `currency` defaults to the customer's, `shipTo` to its shipping address. 1–200 lines, " +
            "a product (SKU or barcode) once. An unknown customer → 404; an unknown product → 422 on `lines.N.sku`. Nothing is " +
            "reserved until `confirm`.",
          requestBody: body(salesOrderCreateSchema),
          responses: { "201": ok("The draft.", salesOrderViewSchema), "404": R.notFound, ...jsonWrite },
        }),
      },
      "/sales-orders/{number}": {
        get: op({
          operationId: "getSalesOrder",
          tags: ["outbound"],
          summary: "Get a customer order with its lines, reservations, timeline, pick lists, shipments and what the caller may do",
          requestParams: { path: salesOrderParam },
          responses: { "200": ok("The order.", salesOrderViewSchema), "404": R.notFound },
        }),
        put: op({
          operationId: "updateSalesOrder",
          tags: ["outbound"],
          summary: "Replace a draft's customer, currency, dates, addresses, notes and lines (manager, admin)",
          description: "The body is a whole order, as for POST /sales-orders (full replacement, not a merge). Only drafts: another status → 409 `INVALID_TRANSITION` (`allowed: []`).",
          requestParams: { path: salesOrderParam },
          requestBody: body(salesOrderCreateSchema),
          responses: { "200": ok("The updated draft.", salesOrderViewSchema), "404": R.notFound, "409": R.invalidTransition, ...jsonWrite },
        }),
      },
      "/sales-orders/{number}/transitions": {
        post: op({
          operationId: "transitionSalesOrder",
          tags: ["outbound"],
          summary: "Move an order through its states: confirm, reserve, pack, cancel, close",
          description:
            `The state table (lib/sales/states.ts): ${salesEdges}. \`confirm\` reserves what is available (FEFO lots, serial items, ` +
            "the locations with the most available first); the rest is the backorder. `reserve` tries again for the backorder. " +
            "`pack` needs `packages` (else 422) and every reservation picked (else 409); `weightKg` is optional. `cancel` releases " +
            "every reservation and settles the order's open pick list lines. A status that does not allow the action → 409 " +
            "`INVALID_TRANSITION` with `details: {from, to, allowed}`; a role without its permission → 403 `FORBIDDEN` with " +
            "`details.action`.",
          requestParams: { path: salesOrderParam },
          requestBody: body(salesTransitionSchema),
          responses: { "200": ok("The order after the transition.", salesOrderViewSchema), "404": R.notFound, "409": R.invalidTransition, ...jsonWrite },
        }),
      },
      "/sales-orders/{number}/shipments": {
        get: op({
          operationId: "listShipmentsOfOrder",
          tags: ["outbound"],
          summary: "The order's shipments, oldest first",
          requestParams: { path: salesOrderParam },
          responses: { "200": ok("Its shipments.", shipmentPageSchema) },
        }),
        post: op({
          operationId: "shipSalesOrder",
          tags: ["outbound"],
          summary: "Ship a packed order (sales.ship: clerk, manager, admin)",
          description:
            "Posts ONE `out` movement from the shipping location (reference: the order number) that consumes the order's picked " +
            "reservations — lots and serials as reserved — and moves the order to `shipped`. The unshipped rest goes to a new " +
            "confirmed order (`backorder: \"keep\"`, the default; reserved at once if stock allows) or is dropped (`\"cancel\"`). " +
            "An order that is not packed → 409 `INVALID_TRANSITION`. No Idempotency-Key: shipping again answers 409.",
          requestParams: { path: salesOrderParam },
          requestBody: body(shipSchema),
          responses: {
            "201": ok("The shipment (delivery note) and the backorder order, if any.", shipResultSchema),
            "404": R.notFound,
            "409": R.invalidTransition,
            ...jsonWrite,
            "503": stockBusy("Ship"),
          },
        }),
      },
      "/products/{sku}/reservations": {
        get: op({
          operationId: "productReservations",
          tags: ["outbound"],
          summary: "What of a product is reserved for which customer order, earliest requested first",
          description: "The product by SKU or barcode; an unknown one → 422 `VALIDATION_FAILED` on `sku`.",
          requestParams: { path: skuParam },
          responses: { "200": ok("Its reservations.", productReservationPageSchema), "422": R.invalid },
        }),
      },
      "/pick-lists": {
        get: op({
          operationId: "listPickLists",
          tags: ["outbound"],
          summary: "Pick lists with their lines, newest first",
          description: "Filter: `status` (`open`, `done`, `cancelled`).",
          requestParams: { query: pickListListQuerySchema },
          responses: { "200": ok("A page of pick lists.", pickListPageSchema), "422": R.invalid },
        }),
        post: op({
          operationId: "createPickList",
          tags: ["outbound"],
          summary: "One pick list for one or several orders (sales.pick: clerk, manager, admin)",
          description:
            "`orders`: numbers or ids of confirmed orders (or orders being picked), up to 50 (batch picking). The list takes their " +
            "reserved units not yet picked nor on another open list, in walking order (location code digit-aware, then order, " +
            "then SKU), and the orders become `picking`. `toLocation`: an active shipping location (code or barcode; default: the " +
            "first one), else 422 on `toLocation`. An order in another status → 409 `INVALID_TRANSITION`; nothing to pick → 422 on `orders`.",
          requestBody: body(pickListCreateSchema),
          responses: { "201": ok("The pick list.", pickListDtoSchema), "404": R.notFound, "409": R.invalidTransition, ...jsonWrite },
        }),
      },
      "/pick-lists/{number}": {
        get: op({
          operationId: "getPickList",
          tags: ["outbound"],
          summary: "Get a pick list with its lines",
          requestParams: { path: pickListParam },
          responses: { "200": ok("The pick list.", pickListDtoSchema), "404": R.notFound },
        }),
      },
      "/pick-lists/{number}/lines/{seq}/pick": {
        post: op({
          operationId: "pickLine",
          tags: ["outbound"],
          summary: "Pick one line: the scans checked against it, one transfer to the shipping location (clerk, manager, admin)",
          description:
            "`location` and `sku` (codes or barcodes) must be the line's, `lot`/`serial` the reserved ones, else 422 " +
            "`VALIDATION_FAILED` naming the right one (issue on `location`, `sku`, `lot` or `serial`). `quantity` at most the " +
            "line's; less is a short pick and needs `reason` (else 422 on `reason`): the shortfall is reserved again elsewhere " +
            "(new lines at the end of the list) or stays on the order's backorder — `shortfall` says which. A line already " +
            "picked → 409 `INVALID_TRANSITION`. The list is `done` once every line is picked.",
          requestParams: { path: pickLineParam },
          requestBody: body(pickSchema),
          responses: {
            "200": ok("The pick list after the pick, and what happened to a shortfall.", pickResultSchema),
            "404": R.notFound,
            "409": R.invalidTransition,
            ...jsonWrite,
            "503": stockBusy("Pick"),
          },
        }),
      },
      "/shipments/{number}": {
        get: op({
          operationId: "getShipment",
          tags: ["outbound"],
          summary: "Get a shipment (delivery note) with what it shipped: lots and serials per product",
          requestParams: { path: shipmentParam },
          responses: { "200": ok("The shipment.", shipmentDtoSchema), "404": R.notFound },
        }),
      },
      "/shipments/{number}/returns": {
        get: op({
          operationId: "listShipmentReturns",
          tags: ["outbound"],
          summary: "A shipment's customer returns, and what may still come back per product and lot",
          requestParams: { path: shipmentParam },
          responses: { "200": ok("Its returns and what is returnable.", shipmentReturnsSchema), "404": R.notFound },
        }),
        post: op({
          operationId: "returnShipment",
          tags: ["outbound"],
          summary: "Record goods a customer sent back from this shipment (sales.ship: clerk, manager, admin)",
          description:
            "Posts ONE `in` movement to `location` (reference: the shipment number) at the cost the goods left with, into the lot " +
            "they left from (a lot-tracked line without `lot` takes the shipment's lots in the order they left); serial items " +
            "(`serials`, as many as `quantity`) come back as themselves and are on hand again. `reason` is required. More than " +
            "shipped minus earlier returns → 422 `VALIDATION_FAILED` naming what may still come back; a product, lot or serial " +
            "the shipment did not move → 422 on that line. The order keeps its status; its timeline records the return. " +
            "Optional `Idempotency-Key`: the same key answers the first result with `Idempotent-Replayed: true`.",
          requestParams: { path: shipmentParam, header: idempotencyHeader },
          requestBody: body(returnSchema),
          responses: { "201": ok("The return.", shipmentReturnDtoSchema), "404": R.notFound, ...jsonWrite, "503": stockBusy("Return") },
        }),
      },
      "/webhooks": {
        get: op({
          operationId: "listWebhooks",
          tags: ["webhooks"],
          summary: "Webhook endpoints, newest first (admin)",
          description: "All of them on one page: `nextCursor` is absent. The secret is never listed.",
          responses: { "200": ok("The endpoints.", z.object({ items: z.array(webhookEndpointDtoSchema) })) },
        }),
        post: op({
          operationId: "createWebhook",
          tags: ["webhooks"],
          summary: "Register a webhook endpoint (admin)",
          description:
            "Answers the endpoint and its signing secret — the only time the secret is shown. The URL must be http(s) without " +
            "credentials and its host must resolve to public addresses only (loopback, private, link-local, CGNAT, unique-local, " +
            "multicast… → 422 `VALIDATION_FAILED` on `url`), unless the server runs with `WEBHOOK_ALLOW_PRIVATE=1`.",
          requestBody: body(webhookCreateSchema),
          responses: { "201": ok("The endpoint and its secret.", webhookEndpointWithSecretSchema), ...jsonWrite },
        }),
      },
      "/webhooks/{id}": {
        get: op({
          operationId: "getWebhook",
          tags: ["webhooks"],
          summary: "Get a webhook endpoint (admin)",
          requestParams: { path: webhookParam },
          responses: { "200": ok("The endpoint.", webhookEndpointDtoSchema), "404": R.notFound },
        }),
        patch: op({
          operationId: "updateWebhook",
          tags: ["webhooks"],
          summary: "Change a webhook endpoint (admin)",
          description: "Only the fields sent change. `active: true` turns a disabled endpoint back on and starts its failure count again.",
          requestParams: { path: webhookParam },
          requestBody: body(webhookUpdateSchema),
          responses: { "200": ok("The endpoint.", webhookEndpointDtoSchema), "404": R.notFound, ...jsonWrite },
        }),
        delete: op({
          operationId: "deleteWebhook",
          tags: ["webhooks"],
          summary: "Delete a webhook endpoint and its delivery log (admin)",
          requestParams: { path: webhookParam },
          responses: { "204": { description: "Deleted." }, "404": R.notFound },
        }),
      },
      "/webhooks/{id}/deliveries": {
        get: op({
          operationId: "listWebhookDeliveries",
          tags: ["webhooks"],
          summary: "The delivery log of an endpoint, newest first (admin)",
          requestParams: { path: webhookParam, query: webhookDeliveriesQuerySchema },
          responses: { "200": ok("A page of deliveries.", pageSchema(webhookDeliveryDtoSchema)), "404": R.notFound, "422": R.invalid },
        }),
      },
      "/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        post: op({
          operationId: "redeliverWebhook",
          tags: ["webhooks"],
          summary: "Send a delivery once more, with the same webhook-id (admin)",
          description: "Queued after commit; the delivery log shows the attempt. Works for succeeded and failed deliveries alike.",
          requestParams: { path: webhookParam.extend({ deliveryId: z.string().meta({ description: "The delivery's id (uuid)." }) }) },
          responses: { "202": ok("The delivery, as it was when queued.", webhookDeliveryDtoSchema), "404": R.notFound },
        }),
      },
      "/webhooks/{id}/rotate-secret": {
        post: op({
          operationId: "rotateWebhookSecret",
          tags: ["webhooks"],
          summary: "Replace the signing secret (admin)",
          description: "Every later attempt, retries included, is signed with the new secret; it is answered this once.",
          requestParams: { path: webhookParam },
          responses: { "200": ok("The endpoint and its new secret.", webhookEndpointWithSecretSchema), "404": R.notFound },
        }),
      },
      "/webhooks/{id}/ping": {
        post: op({
          operationId: "pingWebhook",
          tags: ["webhooks"],
          summary: "Send a `webhook.ping` test event (admin)",
          description: "Delivered and retried like any event. A disabled endpoint → 409 `INVALID_TRANSITION`.",
          requestParams: { path: webhookParam },
          responses: { "202": ok("The test delivery.", webhookDeliveryDtoSchema), "404": R.notFound, "409": errorResponse("WebhookDisabled", "`INVALID_TRANSITION`: the endpoint is disabled; turn it on first.") },
        }),
      },
      "/health": {
        get: {
          operationId: "health",
          tags: ["system"],
          summary: "Health of the service: `{status}` for anyone, the dependencies' details for an admin's bearer token",
          security: [],
          responses: {
            "200": ok("Up (possibly degraded: Redis or the read replica down).", healthAnswer),
            "503": ok("The database is down.", healthAnswer),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openapi",
          tags: ["system"],
          summary: "This document",
          security: [],
          responses: {
            "200": { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
    },
  });
}

type Doc = ReturnType<typeof build>;

/**
 * zod-openapi renders every manually registered schema in its input pass too, so a schema used
 * only in responses comes out twice: an unreferenced input twin `Product` and the real `ProductOutput`.
 * Drop such unreferenced twins and give the output its plain name. Schemas used both ways (`Money`)
 * keep both variants.
 */
function tidyOutputNames(doc: Doc): Doc {
  const prefix = "#/components/schemas/";
  const refsIn = (v: unknown) => new Set([...JSON.stringify(v).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]));
  const schemas = { ...doc.components?.schemas };
  // Names reachable from the paths and the non-schema components, following schema refs.
  const reachable = refsIn({ ...doc, components: { ...doc.components, schemas: {} } });
  for (const queue = [...reachable]; queue.length; ) {
    for (const dep of refsIn(schemas[queue.pop()!] ?? {})) {
      if (reachable.has(dep)) continue;
      reachable.add(dep);
      queue.push(dep);
    }
  }
  const renames: [string, string][] = [];
  for (const name of Object.keys(schemas)) {
    const twin = `${name}Output`;
    if (reachable.has(name) || !(twin in schemas)) continue;
    schemas[name] = schemas[twin];
    delete schemas[twin];
    renames.push([twin, name]);
  }
  let text = JSON.stringify({ ...doc, components: { ...doc.components, schemas } });
  for (const [from, to] of renames) text = text.replaceAll(`"${prefix}${from}"`, `"${prefix}${to}"`);
  return JSON.parse(text) as Doc;
}

let cached: Doc | undefined;

/** The document, built once per process. */
export function openApiDocument(): Doc {
  cached ??= tidyOutputNames(build());
  return cached;
}
