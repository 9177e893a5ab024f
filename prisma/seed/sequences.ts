// Demo and default data of the numbering engine: the company MAIN and one shared sequence per
// document type. Idempotent: a second run creates what is missing and refreshes the format of what
// exists, but never touches a counter (it may already have issued numbers).
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { COUNT_SESSION_SEQUENCE, MOVEMENT_SEQUENCES, PICK_LIST_SEQUENCE, PURCHASE_ORDER_SEQUENCE, SALES_ORDER_SEQUENCE, SALES_RETURN_SEQUENCE, SHIPMENT_SEQUENCE } from "../../lib/numbering/codes";
import { insertSequence } from "../../lib/numbering/insert-sequence";
import { sequenceCreateSchema, type SequenceCreateInput } from "../../lib/numbering/schemas";

export const MAIN_COMPANY = { code: "MAIN", name: "Main company", baseCurrency: "CNY" } as const;

const yearly = { padding: 5, useDateRange: true, rangePeriod: "year" } as const;

/**
 * Receipts, issues and transfers are `standard` (fast; a gap only means a failed document). Adjustments,
 * write-offs and count sessions are `no_gap`: auditors expect an unbroken series there.
 */
export const SEED_SEQUENCES: SequenceCreateInput[] = [
  { code: MOVEMENT_SEQUENCES.in, name: "Stock receipts", prefix: "WH/IN/%(range_year)s/", ...yearly },
  { code: MOVEMENT_SEQUENCES.out, name: "Stock issues", prefix: "WH/OUT/%(range_year)s/", ...yearly },
  { code: MOVEMENT_SEQUENCES.transfer, name: "Stock transfers", prefix: "WH/INT/%(range_year)s/", ...yearly },
  { code: MOVEMENT_SEQUENCES.adjust, name: "Stock adjustments", prefix: "WH/ADJ/%(range_year)s/", ...yearly, implementation: "no_gap" },
  { code: MOVEMENT_SEQUENCES.write_off, name: "Write-offs", prefix: "WH/SCRAP/%(range_year)s/", ...yearly, implementation: "no_gap" },
  { code: PURCHASE_ORDER_SEQUENCE, name: "Purchase orders", prefix: "PO%(range_y)s%(range_month)s-", padding: 4, useDateRange: true, rangePeriod: "month" },
  { code: COUNT_SESSION_SEQUENCE, name: "Count sessions", prefix: "WH/COUNT/%(range_year)s/", ...yearly, implementation: "no_gap" },
  { code: SALES_ORDER_SEQUENCE, name: "Customer orders", prefix: "SO%(range_y)s%(range_month)s-", padding: 4, useDateRange: true, rangePeriod: "month" },
  { code: PICK_LIST_SEQUENCE, name: "Pick lists", prefix: "WH/PICK/%(range_year)s/", ...yearly },
  { code: SHIPMENT_SEQUENCE, name: "Delivery notes", prefix: "WH/DN/%(range_year)s/", ...yearly, implementation: "no_gap" },
  { code: SALES_RETURN_SEQUENCE, name: "Customer returns", prefix: "WH/RET/%(range_year)s/", ...yearly },
];

/**
 * `refresh: false` (what every migration run does) only creates what is missing, so an admin's
 * edits survive; the demo seed refreshes formats too.
 */
export async function seedSequences(db: PrismaClient, opts: { refresh?: boolean } = { refresh: true }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.company.upsert({ where: { code: MAIN_COMPANY.code }, update: {}, create: { ...MAIN_COMPANY } });
    for (const input of SEED_SEQUENCES) {
      const data = sequenceCreateSchema.parse(input);
      // Shared sequences (no company): found by code alone, as documents look them up.
      const existing = await tx.sequence.findFirst({ where: { code: data.code, companyId: null }, select: { id: true } });
      if (!existing) await insertSequence(tx, data);
      else if (opts.refresh) {
        await tx.sequence.update({
          where: { id: existing.id },
          data: { name: data.name, prefix: data.prefix, suffix: data.suffix, padding: data.padding, useDateRange: data.useDateRange, rangePeriod: data.rangePeriod },
        });
      }
    }
  });
}
