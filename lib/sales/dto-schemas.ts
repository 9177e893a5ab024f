// zod schemas of what the outbound API answers (the *output* DTOs), for the OpenAPI document
// (lib/openapi.ts). The DTO types themselves live with the domain (./schemas.ts and the operations);
// the compile-time guards at the end keep these schemas exactly equal to them, so the document
// cannot drift from the code.
import { z } from "zod";
import { amount, day, personDtoSchema, timestamp } from "../purchasing/dto-schemas";
import type { reservationsOfProduct, SalesOrderView } from "./orders";
import type {
  CustomerDto,
  PickListDto,
  PickListLineDto,
  PickResult,
  ReservationDto,
  SalesOrderDto,
  SalesOrderEventDto,
  SalesOrderLineDto,
  SalesOrderSummaryDto,
  ShipmentDto,
} from "./schemas";
import type { listReturnsOfShipment, ShipmentReturnDto } from "./returns";
import type { ShipResult } from "./shipping";
import { SO_STATUSES, SO_TRANSITIONS } from "./states";

const tracking = z.string().meta({ description: "The product's tracking: `none`, `lot` or `serial`." });

// ── Customers ─────────────────────────────────────────────────────────────────────────────────

export const customerDtoSchema = z.object({
  id: z.string(),
  code: z.string().meta({ example: "CUST-01" }),
  name: z.string(),
  contact: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  billingAddress: z.string().nullable(),
  shippingAddress: z.string().nullable().meta({ description: "New orders ship here unless they say otherwise (`shipTo`)." }),
  currency: z.string().meta({ description: "The currency new orders default to (ISO 4217).", example: "CNY" }),
  notes: z.string().nullable(),
  deleted: z.boolean().meta({ description: "`true` only in the answer of DELETE." }),
});

// ── Sales orders ──────────────────────────────────────────────────────────────────────────────

export const reservationDtoSchema = z.object({
  location: z.string().meta({ description: "Code of the location the units are set aside at (the shipping location once picked)." }),
  lot: z.string().nullable(),
  serial: z.string().nullable().meta({ description: "The serial item's IMEI, else its identifier." }),
  quantity: z.number().int(),
  picked: z.boolean(),
});

export const salesOrderLineDtoSchema = z.object({
  lineNo: z.number().int(),
  sku: z.string(),
  name: z.string(),
  tracking,
  quantity: z.number().int(),
  unitPrice: z.string().meta({ description: "In the order's currency, up to 4 decimals." }),
  amount: amount("quantity × unitPrice, rounded half-even to the currency's minor unit."),
  reservedQuantity: z.number().int().meta({ description: "Reserved and not yet picked." }),
  pickedQuantity: z.number().int().meta({ description: "Picked: at the shipping location, still reserved for this order." }),
  shippedQuantity: z.number().int(),
  backorderQuantity: z.number().int().meta({ description: "Not reserved, picked or shipped (0 once the order is shipped, cancelled or closed)." }),
  reservations: z.array(reservationDtoSchema),
});

export const salesOrderSummarySchema = z.object({
  id: z.string(),
  number: z.string().meta({ example: "SO2612-0001" }),
  status: z.enum(SO_STATUSES),
  customer: z.object({ code: z.string(), name: z.string() }),
  currency: z.string(),
  total: amount("Sum of the line amounts, in the order's currency."),
  requestedDate: day.nullable(),
  backorderQuantity: z.number().int().meta({ description: "Units still to reserve across the lines." }),
  backorderOf: z.string().nullable().meta({ description: "The order whose unshipped rest this order carries." }),
  createdBy: personDtoSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const salesOrderEventDtoSchema = z.object({
  action: z.string().meta({
    description: "`create`, `edit`, a transition (`confirm`, `reserve`, `pack`, `cancel`, `close`), `pick_list`, `short_pick`, `ship` or `backorder`.",
  }),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: personDtoSchema,
  channel: z.string().meta({ description: "`web`, `handheld`, `api`, `import` or `job`." }),
  reason: z.string().nullable(),
  data: z.unknown().meta({
    description: "Per action: `{lines: [{sku, reserved, backorder}]}` (confirm, reserve), `{packages, weightKg}` (pack), `{released, pickLinesClosed}` (cancel), `{pickList}`, `{pickList, seq, sku, location, short, rereserved, backordered}` (short_pick), `{shipment, movement, backorder | droppedUnits}` (ship).",
  }),
  createdAt: timestamp,
});

export const salesOrderDtoSchema = salesOrderSummarySchema.extend({
  shipTo: z.string().nullable(),
  notes: z.string().nullable(),
  packages: z.number().int().nullable().meta({ description: "Set by `pack`." }),
  weightKg: z.string().nullable().meta({ description: "Set by `pack`: total weight in kg, exact decimal string." }),
  cancelReason: z.string().nullable(),
  transitions: z.array(z.enum(SO_TRANSITIONS)).meta({ description: "The transitions the caller may apply now (the state table and the caller's role)." }),
  lines: z.array(salesOrderLineDtoSchema),
  events: z.array(salesOrderEventDtoSchema),
  pickLists: z.array(z.object({ number: z.string(), status: z.string() })),
  shipments: z.array(z.object({ number: z.string(), movement: z.string().meta({ description: "Number of the `out` movement (see GET /movements)." }), createdAt: timestamp })),
  backorders: z.array(z.string()).meta({ description: "Numbers of the orders that carry this order's unshipped rest." }),
});

/** What GET, POST, PUT and the transitions answer: the order plus whether the caller may edit it. */
export const salesOrderViewSchema = salesOrderDtoSchema.extend({
  canEdit: z.boolean().meta({ description: "A draft, and the caller may write orders (sales.write)." }),
});

export const productReservationSchema = z.object({
  order: z.string(),
  status: z.enum(SO_STATUSES),
  customer: z.object({ code: z.string(), name: z.string() }),
  requestedDate: day.nullable(),
  location: z.string(),
  lot: z.string().nullable(),
  serial: z.string().nullable(),
  quantity: z.number().int(),
  picked: z.boolean(),
});

// ── Pick lists ────────────────────────────────────────────────────────────────────────────────

export const pickListLineDtoSchema = z.object({
  seq: z.number().int().meta({ description: "Position in walking order; `POST …/lines/{seq}/pick` picks it." }),
  order: z.string(),
  sku: z.string(),
  name: z.string(),
  tracking,
  location: z.string().meta({ description: "Where to pick (the location to scan)." }),
  lot: z.string().nullable(),
  serial: z.string().nullable().meta({ description: "The serial item's identifier." }),
  imei: z.string().nullable(),
  quantity: z.number().int(),
  pickedQuantity: z.number().int().nullable().meta({ description: "`null` while open; less than `quantity` for a short pick." }),
  shortReason: z.string().nullable(),
  pickedBy: z.string().nullable(),
  pickedAt: timestamp.nullable(),
  movement: z.string().nullable().meta({ description: "Number of the transfer movement of the pick." }),
});

export const pickListDtoSchema = z.object({
  id: z.string(),
  number: z.string().meta({ example: "WH/PICK/2026/00001" }),
  status: z.enum(["open", "done", "cancelled"]),
  toLocation: z.string().meta({ description: "The shipping location the goods are picked to." }),
  orders: z.array(z.string()),
  createdBy: personDtoSchema,
  createdAt: timestamp,
  completedAt: timestamp.nullable(),
  lines: z.array(pickListLineDtoSchema),
});

export const pickResultSchema = z.object({
  pickList: pickListDtoSchema,
  shortfall: z
    .object({
      quantity: z.number().int().meta({ description: "Units not picked." }),
      rereserved: z.array(z.object({ location: z.string(), lot: z.string().nullable(), quantity: z.number().int() })).meta({
        description: "Reserved again elsewhere: new lines at the end of the pick list.",
      }),
      backordered: z.number().int().meta({ description: "Units that could not be found elsewhere: they stay on the order's backorder." }),
    })
    .nullable()
    .meta({ description: "`null` when the whole line was picked." }),
});

// ── Shipments ─────────────────────────────────────────────────────────────────────────────────

export const shipmentDtoSchema = z.object({
  id: z.string(),
  number: z.string().meta({ example: "WH/DN/2026/00001" }),
  order: z.string(),
  movement: z.string().meta({ description: "Number of the `out` movement that shipped it (see GET /movements)." }),
  packages: z.number().int(),
  weightKg: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  actor: personDtoSchema,
  createdAt: timestamp,
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      lots: z.array(z.object({ code: z.string(), quantity: z.number().int() })),
      serials: z.array(z.string()).meta({ description: "IMEIs, else identifiers." }),
    }),
  ),
});

export const shipResultSchema = z.object({
  shipment: shipmentDtoSchema,
  backorder: z.string().nullable().meta({ description: "The new order carrying the unshipped rest (`backorder: \"keep\"`), else null." }),
});

// ── Customer returns ─────────────────────────────────────────────────────────────────────────

export const shipmentReturnDtoSchema = z.object({
  id: z.string(),
  number: z.string().meta({ example: "WH/RET/2026/00001" }),
  shipment: z.string(),
  order: z.string(),
  movement: z.string().meta({ description: "Number of the `in` movement that put the goods back (reference: the shipment)." }),
  location: z.string().meta({ description: "Where the goods went back." }),
  reason: z.string(),
  actor: personDtoSchema,
  createdAt: timestamp,
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), lot: z.string().nullable(), serials: z.array(z.string()).meta({ description: "IMEIs, else identifiers." }) })),
});

export const returnableDtoSchema = z.object({
  sku: z.string(),
  name: z.string(),
  tracking,
  lot: z.string().nullable(),
  shipped: z.number().int(),
  returned: z.number().int(),
  returnable: z.number().int().meta({ description: "shipped − returned: what may still come back." }),
  serials: z.array(z.string()).meta({ description: "Serial items of this product shipped and not yet back (IMEIs, else identifiers)." }),
});

export const shipmentReturnsSchema = z.object({
  shipment: z.string(),
  order: z.string(),
  items: z.array(shipmentReturnDtoSchema).meta({ description: "The shipment's returns, oldest first." }),
  returnable: z.array(returnableDtoSchema).meta({ description: "Per product and lot, in the order the shipment moved them." }),
});

// ── Compile-time guards: each schema is exactly its DTO type ─────────────────────────────────

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;
type ProductReservation = Awaited<ReturnType<typeof reservationsOfProduct>>[number];
const guards: [
  Same<Out<typeof customerDtoSchema>, CustomerDto>,
  Same<Out<typeof reservationDtoSchema>, ReservationDto>,
  Same<Out<typeof salesOrderLineDtoSchema>, SalesOrderLineDto>,
  Same<Out<typeof salesOrderSummarySchema>, SalesOrderSummaryDto>,
  Same<Out<typeof salesOrderEventDtoSchema>, SalesOrderEventDto>,
  Same<Out<typeof salesOrderDtoSchema>, SalesOrderDto>,
  Same<Out<typeof salesOrderViewSchema>, SalesOrderView>,
  Same<Out<typeof productReservationSchema>, ProductReservation>,
  Same<Out<typeof pickListLineDtoSchema>, PickListLineDto>,
  Same<Out<typeof pickListDtoSchema>, PickListDto>,
  Same<Out<typeof pickResultSchema>, PickResult>,
  Same<Out<typeof shipmentDtoSchema>, ShipmentDto>,
  Same<Out<typeof shipResultSchema>, ShipResult>,
  Same<Out<typeof shipmentReturnDtoSchema>, ShipmentReturnDto>,
  Same<Out<typeof shipmentReturnsSchema>, Awaited<ReturnType<typeof listReturnsOfShipment>>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void guards;
