// zod schemas of what the serial-items API answers (the *output* DTOs), for the OpenAPI document
// (lib/openapi.ts). The DTO types themselves live with the domain (./schemas.ts, ./sources.ts); the
// compile-time guards at the end keep these schemas exactly equal to them, so the document cannot
// drift from the code.
import { z } from "zod";
import { SOURCE_KINDS, type SerialHistoryDto, type SerialItemDto } from "./schemas";
import type { SourceDto } from "./sources";
import { SERIAL_STATUSES } from "./states";

const timestamp = z.string().meta({ description: "ISO 8601 UTC." });

export const serialItemDtoSchema = z.object({
  id: z.string(),
  identifier: z.string().meta({
    description: "48 hexadecimal digits in 12 groups of 4 joined by hyphens, generated on creation.",
    example: "1a2b-3c4d-5e6f-7a8b-9c0d-1e2f-3a4b-5c6d-7e8f-9a0b-1c2d-3e4f",
  }),
  flag: z.string().nullable().meta({ description: "Free-text tag (searched with `q`)." }),
  imei: z.string().nullable().meta({ description: "15 digits, Luhn-checked; unique.", example: "490154203237518" }),
  product: z.object({ sku: z.string(), name: z.string() }),
  source: z.object({
    kind: z.enum(SOURCE_KINDS),
    id: z.string(),
    label: z.string().meta({ description: "What a person reads, e.g. `Tmall #88231`, `Acme Ltd (INV-7)`, a channel's name or a purchase order number." }),
  }),
  status: z.enum(SERIAL_STATUSES),
  abnormalFrom: z.enum(SERIAL_STATUSES).nullable().meta({ description: "An abnormal item: the state it came from (and the only one it can be resolved to)." }),
  abnormalReason: z.string().nullable(),
  location: z.string().nullable().meta({ description: "Code of the location it is at, while on hand (arrived, or abnormal having been arrived)." }),
  transactionConfirmedAt: timestamp.nullable(),
  scheduledArrivalAt: timestamp.nullable(),
  checkedArrivalAt1: timestamp.nullable().meta({ description: "Arrival check 1 (POST …/arrival-checks)." }),
  checkedArrivalAt2: timestamp.nullable().meta({ description: "Arrival check 2." }),
  actualArrivalAt: timestamp.nullable().meta({ description: "When it became `arrived`." }),
  deleted: z.boolean().meta({ description: "Soft-deleted (GET by id still answers it; lists leave it out)." }),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const serialHistoryDtoSchema = z.object({
  id: z.string(),
  action: z.string().meta({
    description: "`create`, `update`, `delete`, `arrival_check_1`, `arrival_check_2`, `to_in_transit`, `to_abnormal`, `resolve`, or `movement.<type>` when a movement moved it (`movement.in` on arrival, `movement.out` on shipment, `movement.transfer`).",
  }),
  channel: z.string().meta({ description: "`web`, `handheld`, `api`, `import` or `job`." }),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).meta({ description: "Per changed field: its value before and after." }),
  createdAt: timestamp,
});

export const serialHistorySchema = z.object({ items: z.array(serialHistoryDtoSchema) });

export const purchaseSourceDtoSchema = z.object({
  kind: z.enum(SOURCE_KINDS),
  id: z.string(),
  label: z.string(),
  fields: z.record(z.string(), z.unknown()).meta({
    description: "The source's own fields as created (online_order: platform, orderNumber, orderedAt, buyerAccount, note; corporate_purchase: companyName, invoiceNumber, purchasedAt, contact, note; temporary_channel: name, contact, note).",
  }),
  createdAt: timestamp,
});

// ── Compile-time guards: each schema is exactly its DTO type ─────────────────────────────────

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;
const guards: [
  Same<Out<typeof serialItemDtoSchema>, SerialItemDto>,
  Same<Out<typeof serialHistoryDtoSchema>, SerialHistoryDto>,
  Same<Out<typeof serialHistorySchema>, { items: SerialHistoryDto[] }>,
  Same<Out<typeof purchaseSourceDtoSchema>, SourceDto>,
] = [true, true, true, true];
void guards;
