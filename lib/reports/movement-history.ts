// Movement history: one row per ledger entry (what changed where, by whom, through which
// channel), newest first, keyset-paginated on the ledger id so exports of any size stream.
import { z } from "zod";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { bigintCursorSchema, decodeCursor, toPage } from "../pagination";
import { MOVEMENT_TYPES } from "../stock/schemas";
import { DATE, dayAfter, optional, searchText, type ReportDef } from "./report";

export const CHANNELS = ["web", "handheld", "api", "import", "job"] as const;

export const movementFiltersSchema = z
  .object({
    type: optional(z.enum(MOVEMENT_TYPES)),
    /** The acting user's email. */
    user: optional(z.string().trim().toLowerCase().max(200)),
    channel: optional(z.enum(CHANNELS)),
    from: optional(DATE),
    to: optional(DATE),
    sku: searchText,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date." });
export type MovementFilters = z.output<typeof movementFiltersSchema>;

export type MovementHistoryRow = {
  id: string;
  createdAt: Date;
  movementId: string;
  number: string;
  type: (typeof MOVEMENT_TYPES)[number];
  channel: (typeof CHANNELS)[number];
  user: string;
  sku: string;
  name: string;
  location: string;
  lot: string | null;
  delta: number;
  balance: number;
  unitCost: string | null;
  reference: string | null;
};

export const movementHistoryReport: ReportDef<MovementFilters, MovementHistoryRow> = {
  name: "movements",
  filters: movementFiltersSchema,
  async fetch(f, cursor, limit) {
    const after = decodeCursor(cursor, bigintCursorSchema);
    const rows = await readDb().$queryRaw<(Omit<MovementHistoryRow, "id" | "createdAt" | "movementId"> & { id: bigint; created_at: Date; movement_id: string; unit_cost: string | null })[]>`
      SELECT e.id, e.created_at, m.id::text AS movement_id, m.number, m.type::text AS type, m.channel::text AS channel, u.email AS "user",
             p.sku, p.name, l.code AS location, lt.code AS lot, e.delta, e.balance, e.unit_cost::text AS unit_cost, m.reference
      FROM ledger_entries e
      JOIN movements m ON m.id = e.movement_id
      JOIN users u ON u.id = m.actor_id
      JOIN products p ON p.id = e.product_id
      JOIN locations l ON l.id = e.location_id
      LEFT JOIN lots lt ON lt.id = e.lot_id
      WHERE true
        ${f.type ? Prisma.sql`AND m.type = ${f.type}::"MovementType"` : Prisma.empty}
        ${f.channel ? Prisma.sql`AND m.channel = ${f.channel}::"Channel"` : Prisma.empty}
        ${f.user ? Prisma.sql`AND u.email = ${f.user}` : Prisma.empty}
        ${f.sku ? Prisma.sql`AND p.sku = ${f.sku}` : Prisma.empty}
        ${f.from ? Prisma.sql`AND e.created_at >= ${new Date(`${f.from}T00:00:00Z`)}` : Prisma.empty}
        ${f.to ? Prisma.sql`AND e.created_at < ${dayAfter(f.to)}` : Prisma.empty}
        ${after ? Prisma.sql`AND e.id < ${BigInt(after)}` : Prisma.empty}
      ORDER BY e.id DESC
      LIMIT ${limit + 1}`;
    return toPage(rows, limit, (r) => r.id.toString(), (r) => ({
      id: r.id.toString(),
      createdAt: r.created_at,
      movementId: r.movement_id,
      number: r.number,
      type: r.type,
      channel: r.channel,
      user: r.user,
      sku: r.sku,
      name: r.name,
      location: r.location,
      lot: r.lot,
      delta: r.delta,
      balance: r.balance,
      unitCost: r.unit_cost,
      reference: r.reference,
    }));
  },
  columns: [
    { header: "entry", value: (r) => r.id },
    { header: "created_at", value: (r) => r.createdAt.toISOString() },
    { header: "movement", value: (r) => r.number },
    { header: "type", value: (r) => r.type },
    { header: "channel", value: (r) => r.channel },
    { header: "user", value: (r) => r.user },
    { header: "sku", value: (r) => r.sku },
    { header: "name", value: (r) => r.name },
    { header: "location", value: (r) => r.location },
    { header: "lot", value: (r) => r.lot },
    { header: "delta", value: (r) => r.delta },
    { header: "balance", value: (r) => r.balance },
    { header: "unit_cost", value: (r) => r.unitCost },
    { header: "reference", value: (r) => r.reference },
  ],
};

/** Users who may appear in the history, for the filter (active or not: history keeps them). */
export async function movementUsers(): Promise<{ email: string; name: string }[]> {
  return readDb().user.findMany({ where: { movements: { some: {} } }, select: { email: true, name: true }, orderBy: { email: "asc" } });
}
