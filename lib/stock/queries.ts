// Read side of the stock area: levels, movements, ledger, the ERP view. Keyset-paginated.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { db, Prisma } from "../db";
import { readDb } from "../read-replica";
import { bigintCursorSchema, decodeCursor, toPage, type Page } from "../pagination";
import { decodeSortCursor, defineSort, isDefaultSort, rowKey, sortCursor, sqlKeyset, type KeyPart, type Sort } from "../sorting";
import { parse } from "../validation";
import { likeEscape } from "./list-stock-levels";
import {
  inventoryQuerySchema,
  ledgerQuerySchema,
  movementListQuerySchema,
  type inventoryRowSchema,
  type ledgerRowSchema,
  type movementDtoSchema,
} from "./schemas";

export type InventoryRow = z.infer<typeof inventoryRowSchema>;

const whereSkuLocation = (sku?: string, location?: string) =>
  Prisma.sql`${sku ? Prisma.sql`AND p.sku = ${sku}` : Prisma.empty} ${location ? Prisma.sql`AND l.code = ${location.toUpperCase()}` : Prisma.empty}`;

/**
 * A keyset page of stock rows (product × location) of live products in (SKU, location code) order.
 * Without a location filter it walks products in SKU order from the cursor's SKU and each one's few
 * rows (a row comparison (sku, code) > (…) over the join could use no index: every page after the
 * first sorted all 150,000 rows); at one location it reads that location's rows.
 */
async function stockRowsPage(q: { sku?: string; location?: string; limit: number }, after: [string, string] | undefined) {
  const loc = q.location?.toUpperCase();
  if (loc && !q.sku) {
    return db.$queryRaw<{ sku: string; location: string; quantity: number; reserved: number }[]>`
      SELECT p.sku, l.code AS location, s.quantity, s.reserved
      FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
      WHERE p.deleted_at IS NULL AND l.code = ${loc} ${after ? Prisma.sql`AND p.sku > ${after[0]}` : Prisma.empty}
      ORDER BY p.sku LIMIT ${q.limit + 1}`;
  }
  return db.$queryRaw<{ sku: string; location: string; quantity: number; reserved: number }[]>`
    SELECT p.sku, x.location, x.quantity, x.reserved
    FROM products p
    CROSS JOIN LATERAL (
      SELECT l.code AS location, s.quantity, s.reserved FROM stock_levels s JOIN locations l ON l.id = s.location_id
      WHERE s.product_id = p.id ${loc ? Prisma.sql`AND l.code = ${loc}` : Prisma.empty}
    ) x
    WHERE p.deleted_at IS NULL ${q.sku ? Prisma.sql`AND p.sku = ${q.sku}` : Prisma.empty}
      ${after ? Prisma.sql`AND p.sku >= ${after[0]} AND (p.sku > ${after[0]} OR x.location > ${after[1]})` : Prisma.empty}
    ORDER BY p.sku, x.location
    LIMIT ${q.limit + 1}`;
}

export async function listInventory(actor: Actor, query: unknown): Promise<Page<InventoryRow>> {
  assertCan(actor, "stock.read");
  const q = parse(inventoryQuerySchema, query);
  const after = decodeCursor(q.cursor, z.tuple([z.string(), z.string()]));
  const rows = await stockRowsPage(q, after);
  return toPage(rows, q.limit, (r) => [r.sku, r.location], (r) => ({ ...r, available: r.quantity - r.reserved }));
}

export type LedgerRowDto = z.infer<typeof ledgerRowSchema>;

export async function listLedger(actor: Actor, query: unknown): Promise<Page<LedgerRowDto>> {
  assertCan(actor, "stock.read");
  const q = parse(ledgerQuerySchema, query);
  const after = decodeCursor(q.cursor, bigintCursorSchema);
  const rows = await db.$queryRaw<{ id: bigint; movement: string; sku: string; location: string; delta: number; balance: number; lot: string | null; created_at: Date }[]>`
    SELECT e.id, m.number AS movement, p.sku, l.code AS location, e.delta, e.balance, lt.code AS lot, e.created_at
    FROM ledger_entries e
    JOIN movements m ON m.id = e.movement_id
    JOIN products p ON p.id = e.product_id
    JOIN locations l ON l.id = e.location_id
    LEFT JOIN lots lt ON lt.id = e.lot_id
    WHERE true ${whereSkuLocation(q.sku, q.location)}
      ${after ? Prisma.sql`AND e.id < ${BigInt(after)}` : Prisma.empty}
    ORDER BY e.id DESC
    LIMIT ${q.limit + 1}`;
  return toPage(rows, q.limit, (r) => r.id.toString(), (r) => ({
    id: r.id.toString(), movement: r.movement, sku: r.sku, location: r.location, delta: r.delta, balance: r.balance, lot: r.lot, createdAt: r.created_at.toISOString(),
  }));
}

export type MovementDto = z.infer<typeof movementDtoSchema>;

/**
 * Ids of the movements whose number or reference contains `text` (case-insensitive), or that belong
 * to a document whose number does: a purchase order (its receipts), a sales order or shipment (the
 * shipment's movement and the pick movements of its pick lines), a pick list, a count session.
 * One branch per indexed column (trigram indexes, migration 20261212110000), so each is an index
 * scan and the union a semi-join.
 */
function movementSearch(text: string) {
  const p = `%${likeEscape(text)}%`;
  return Prisma.sql`
    SELECT id FROM movements WHERE number ILIKE ${p} OR reference ILIKE ${p}
    UNION ALL SELECT r.movement_id FROM purchase_receipts r JOIN purchase_orders po ON po.id = r.order_id WHERE po.number ILIKE ${p}
    UNION ALL SELECT c.movement_id FROM count_sessions c WHERE c.number ILIKE ${p} AND c.movement_id IS NOT NULL
    UNION ALL SELECT s.movement_id FROM shipments s WHERE s.number ILIKE ${p}
    UNION ALL SELECT s.movement_id FROM shipments s JOIN sales_orders so ON so.id = s.order_id WHERE so.number ILIKE ${p}
    UNION ALL SELECT pl.movement_id FROM pick_list_lines pl JOIN pick_lists k ON k.id = pl.pick_list_id WHERE k.number ILIKE ${p} AND pl.movement_id IS NOT NULL
    UNION ALL SELECT pl.movement_id FROM pick_list_lines pl JOIN sales_orders so ON so.id = pl.order_id WHERE so.number ILIKE ${p} AND pl.movement_id IS NOT NULL`;
}

/** Columns the movements page can sort by (the API always lists newest first). */
export const movementSort = defineSort(["date", "number", "type"], { sort: "date", dir: "desc" });
export type MovementSortColumn = (typeof movementSort.columns)[number];
const MOVEMENT_KEYS: Record<MovementSortColumn, KeyPart[]> = {
  date: [{ sql: "m.created_at", cast: "timestamptz" }, { sql: "m.id", cast: "uuid" }],
  number: [{ sql: "m.number" }, { sql: "m.id", cast: "uuid" }],
  type: [{ sql: "m.type::text" }, { sql: "m.created_at", cast: "timestamptz" }, { sql: "m.id", cast: "uuid" }],
};

/**
 * Movements, newest first (or by `opts.sort` for the web page), keyset-paginated. `q` searches
 * numbers (movementSearch). A SKU or location
 * filter matches a line of that product, from or to that location; it is read from the ledger, whose
 * rows are exactly the lines' products at their from/to locations and which has the indexes for it
 * ((product, location, id) and (location)) — movement_lines has none on its locations.
 */
export async function listMovements(actor: Actor, query: unknown, opts: { sort?: Sort<MovementSortColumn> } = {}): Promise<Page<MovementDto>> {
  assertCan(actor, "stock.read");
  const q = parse(movementListQuerySchema, query);
  const sort = opts.sort ?? movementSort.default;
  const plain = isDefaultSort(movementSort, sort);
  const parts = MOVEMENT_KEYS[sort.sort];
  // The default order keeps the API's cursor, [created_at, id].
  const after = plain ? decodeCursor(q.cursor, z.tuple([z.string(), z.string()])) : decodeSortCursor(q.cursor, sort, parts.length);
  const key = sqlKeyset(parts, sort.dir, after);
  const loc = q.location?.toUpperCase();
  const ids = await readDb().$queryRaw<{ id: string; created_at: Date; [k: `k${number}`]: unknown }[]>`
    SELECT m.id::text AS id, m.created_at, ${key.select} FROM movements m
    WHERE true
      ${q.q ? Prisma.sql`AND m.id IN (${movementSearch(q.q)})` : Prisma.empty}
      ${q.type ? Prisma.sql`AND m.type = ${q.type}::"MovementType"` : Prisma.empty}
      ${q.since ? Prisma.sql`AND m.created_at >= ${new Date(q.since)}` : Prisma.empty}
      ${q.until ? Prisma.sql`AND m.created_at < ${new Date(q.until)}` : Prisma.empty}
      ${q.sku || loc ? Prisma.sql`AND m.id IN (
        SELECT e.movement_id FROM ledger_entries e
        ${q.sku ? Prisma.sql`JOIN products p ON p.id = e.product_id AND p.sku = ${q.sku}` : Prisma.empty}
        ${loc ? Prisma.sql`JOIN locations l ON l.id = e.location_id AND l.code = ${loc}` : Prisma.empty})` : Prisma.empty}
      ${key.where}
    ORDER BY ${key.order}
    LIMIT ${q.limit + 1}`;
  const page = ids.slice(0, q.limit).map((r) => r.id);
  const full = await loadMovements(page);
  return toPage(ids, q.limit, (r) => (plain ? [r.created_at.toISOString(), r.id] : sortCursor(sort, rowKey(r, parts.length))), (r) => full.get(r.id)!);
}

export async function getMovement(actor: Actor, idOrNumber: string): Promise<MovementDto | null> {
  assertCan(actor, "stock.read");
  const isId = z.uuid().safeParse(idOrNumber).success;
  const m = await db.movement.findFirst({ where: isId ? { id: idOrNumber } : { number: idOrNumber }, select: { id: true } });
  if (!m) return null;
  return (await loadMovements([m.id])).get(m.id) ?? null;
}

/** Movements with their lines (in line order), in one query: a page of 50 receipts of 75 lines each is 3,750 lines. */
async function loadMovements(ids: string[]): Promise<Map<string, MovementDto>> {
  if (!ids.length) return new Map();
  type Line = { sku: string; quantity: number; counted: number | null; lot: string | null; from: string | null; to: string | null };
  const rows = await readDb().$queryRaw<
    { id: string; number: string; type: MovementDto["type"]; reference: string | null; note: string | null; reason: string | null; channel: string; user: string; created_at: Date; lines: Line[] }[]
  >`
    SELECT m.id::text AS id, m.number, m.type::text AS type, m.reference, m.note, m.reason, m.channel::text AS channel, u.email AS "user", m.created_at,
           (SELECT json_agg(json_build_object('sku', p.sku, 'quantity', ml.quantity, 'counted', ml.counted, 'lot', ml.lot_code, 'from', lf.code, 'to', lt.code)
                            ORDER BY ml.line_no)
            FROM movement_lines ml
            JOIN products p ON p.id = ml.product_id
            LEFT JOIN locations lf ON lf.id = ml.from_location_id
            LEFT JOIN locations lt ON lt.id = ml.to_location_id
            WHERE ml.movement_id = m.id) AS lines
    FROM movements m JOIN users u ON u.id = m.actor_id
    WHERE m.id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((m) => [m.id, {
    id: m.id, number: m.number, type: m.type, reference: m.reference, note: m.note, reason: m.reason,
    channel: m.channel, user: m.user, createdAt: m.created_at.toISOString(),
    lines: (m.lines ?? []).map((l) => {
      const base = { sku: l.sku, quantity: l.quantity, ...(l.counted !== null ? { counted: l.counted } : {}), ...(l.lot ? { lot: l.lot } : {}) };
      if (m.type === "transfer") return { ...base, from: l.from ?? undefined, to: l.to ?? undefined };
      return { ...base, location: (l.to ?? l.from) ?? undefined };
    }),
  }]));
}

/**
 * `erp_inventory_view` rows (seed 000), for ERP integration: sku, location, quantity of every
 * stock row of a live product — read from its tables, in the view's (sku, location) order, so a
 * page after the cursor is an index walk rather than a sort of the whole view.
 */
export async function listErpInventory(actor: Actor, query: unknown): Promise<Page<{ sku: string; location: string; quantity: number }>> {
  assertCan(actor, "stock.read");
  const q = parse(inventoryQuerySchema, query);
  const after = decodeCursor(q.cursor, z.tuple([z.string(), z.string()]));
  const rows = await stockRowsPage(q, after);
  return toPage(rows, q.limit, (r) => [r.sku, r.location], (r) => ({ sku: r.sku, location: r.location, quantity: r.quantity }));
}
