// The handheld's offline catalogue (GET /api/v1/floor/catalog): products, locations and stock
// levels (with their lots) for the /floor app to keep in IndexedDB, first as a full snapshot, then
// as what changed since its last answer. The client upserts by key (sku, code, sku + location).
//
// How "changed since" is decided — transaction ids, not timestamps
// -----------------------------------------------------------------
// A timestamp says when a transaction did its work, not when it committed: stock_post stamps
// stock_levels.updated_at and the ledger with p_at, which the web process picks before the call,
// and a movement may then wait up to 10 s for its row locks (lock_timeout) and for a number
// before it commits; Prisma's @updatedAt is the app server's clock. A reader that keeps "the time
// of my last read" would miss such a late commit unless it re-read a window as long as the longest
// transaction, which nothing bounds for certain (pool waits, interactive transactions, clock skew).
//
// So rows carry the id of the transaction that wrote them (xid8, 64 bits, never wraps; migration
// 20261210090000_floor_catalog_sync): products.catalog_xid and locations.catalog_xid (restamped by
// a trigger when a field this feed carries changes; reconcile restamps the products whose levels
// it corrects) and ledger_entries.xid (every level and lot change of stock_post comes with ledger
// rows for that product × location). Before a pass reads anything it notes X = the oldest
// transaction still running (pg_snapshot_xmin(pg_current_snapshot())). Every transaction with an
// id below X had ended before the pass read; whatever the pass could not see was written by a
// transaction with an id >= X — one running at that moment, or a later one. The cursor handed out
// at the end of the pass carries X, and the next pass asks for rows with id >= X. That is exact:
// no clock, no window to size. Rows written by transactions that were still running when X was
// noted, but committed before the read, are sent again next time — harmless upserts; a
// long-running writer holds X back and makes those re-sends larger, never makes one missing.
//
// A pass is paged by keyset per kind (products by SKU, locations by code, levels by SKU then
// location code), each kind `limit` rows a page; the page cursors carry the pass's X and where
// each kind stopped. Later pages read newer data than the first: a row changed after the first
// page's read is either on a later page (newer values) or is caught by the next pass (id >= X).
//
// What a pass lists:
//  - full snapshot (no cursor): live products, all locations (active or not), levels with
//    quantity > 0 or reserved > 0 of live products; each level with its lots of quantity > 0.
//  - changes (a cursor of a finished pass): products and locations written by a transaction >= X
//    (a soft-deleted product with active: false); the levels of every product × location with a
//    ledger row >= X, at their current figures, 0 included (the client deletes those); and every
//    level of a product written >= X (a restored product's levels, omitted while it was deleted;
//    levels reconcile corrected).
// No index is added to stock_levels (movements update it; see 20261205090000_stock_levels_fillfactor):
// changed levels are found through the ledger's xid index and read by their unique key.
//
// Limits: a cursor is tied to this database's transaction counter — after a restore from a
// backup or a move to another cluster the client must start again without a cursor. The answer
// to a cursor is everything written since its pass began, so a client away for a long time gets a
// long (paged) answer; a full snapshot may then be cheaper for it.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { db, Prisma } from "../db";
import { decodeCursor, encodeCursor } from "../pagination";
import { parse } from "../validation";
import { floorCatalogQuerySchema, type FloorCatalog, type FloorLevel, type FloorLocation, type FloorProduct } from "./schemas";

/** A transaction id (xid8, unsigned 64 bits) as text; a forged one past the range is refused here. */
const xidText = z
  .string()
  .regex(/^\d{1,20}$/)
  .refine((v) => BigInt(v) <= 18_446_744_073_709_551_615n);
const key = z.string().max(200);
/** Where a kind stands within a pass: null = from the start, a key = after it, true = done. */
const progress = <T extends z.ZodType>(after: T) => z.union([z.literal(true), after]).nullable();

const cursorSchema = z.strictObject({
  v: z.literal(1),
  /** The pass lists what transactions >= since wrote; null: a full snapshot. */
  since: xidText.nullable(),
  /** Within a pass: its X (the next pass's since) and where each kind stopped. */
  pass: z
    .strictObject({
      x: xidText,
      products: progress(key),
      locations: progress(key),
      levels: progress(z.tuple([key, key])),
    })
    .optional(),
});
type Cursor = z.infer<typeof cursorSchema>;
type Pass = NonNullable<Cursor["pass"]>;

/** The oldest transaction still running: every one below it has ended. */
async function oldestRunning(): Promise<string> {
  const [r] = await db.$queryRaw<{ x: string }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`;
  return r.x;
}

export async function floorCatalog(actor: Actor, query: unknown): Promise<FloorCatalog> {
  assertCan(actor, "stock.read");
  const q = parse(floorCatalogQuerySchema, query);
  const cursor = decodeCursor(q.cursor, cursorSchema);
  const since = cursor?.since ?? null;
  // X is noted before anything of the pass is read (the first page), then carried along.
  const pass: Pass = cursor?.pass ?? { x: await oldestRunning(), products: null, locations: null, levels: null };
  const limit = q.limit;

  const [products, locations, levels] = await Promise.all([
    pass.products === true ? null : readProducts(since, pass.products, limit),
    pass.locations === true ? null : readLocations(since, pass.locations, limit),
    pass.levels === true ? null : readLevels(since, pass.levels, limit),
  ]);
  // Each kind: the page, and where the next page of the pass starts (true: the kind is done).
  const cut = <R, K>(rows: R[] | null, keyOf: (r: R) => K): [R[], K | true] =>
    !rows ? [[], true] : rows.length > limit ? [rows.slice(0, limit), keyOf(rows[limit - 1])] : [rows, true];
  const [productRows, productsNext] = cut(products, (r) => r.sku);
  const [locationRows, locationsNext] = cut(locations, (r) => r.code);
  const [levelRows, levelsNext] = cut(levels, (r): [string, string] => [r.sku, r.location]);
  const next: Pass = { x: pass.x, products: productsNext, locations: locationsNext, levels: levelsNext };
  const more = next.products !== true || next.locations !== true || next.levels !== true;

  const lots = await readLots(levelRows);
  return {
    products: productRows,
    locations: locationRows,
    levels: levelRows.map((r): FloorLevel => ({
      sku: r.sku,
      location: r.location,
      quantity: r.quantity,
      reserved: r.reserved,
      lots: lots.get(`${r.product_id}|${r.location_id}`) ?? [],
    })),
    nextCursor: encodeCursor(more ? ({ v: 1, since, pass: next } satisfies Cursor) : ({ v: 1, since: pass.x } satisfies Cursor)),
    more,
  };
}

const changedSince = (column: string, since: string | null) =>
  since === null ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(column)} >= ${since}::xid8`;

async function readProducts(since: string | null, after: string | null, limit: number): Promise<FloorProduct[]> {
  return db.$queryRaw<FloorProduct[]>`
    SELECT p.sku, p.barcode, p.name, p.unit, p.tracking::text AS tracking, p.deleted_at IS NULL AS active
    FROM products p
    WHERE true
      ${since === null ? Prisma.sql`AND p.deleted_at IS NULL` : changedSince("p.catalog_xid", since)}
      ${after === null ? Prisma.empty : Prisma.sql`AND p.sku > ${after}`}
    ORDER BY p.sku
    LIMIT ${limit + 1}`;
}

async function readLocations(since: string | null, after: string | null, limit: number): Promise<FloorLocation[]> {
  return db.$queryRaw<FloorLocation[]>`
    SELECT l.code, l.barcode, l.name, l.kind::text AS kind, l.active
    FROM locations l
    WHERE true
      ${changedSince("l.catalog_xid", since)}
      ${after === null ? Prisma.empty : Prisma.sql`AND l.code > ${after}`}
    ORDER BY l.code
    LIMIT ${limit + 1}`;
}

type LevelRow = { sku: string; location: string; quantity: number; reserved: number; product_id: string; location_id: string };

async function readLevels(since: string | null, after: [string, string] | null, limit: number): Promise<LevelRow[]> {
  if (since === null) {
    // Walks products in SKU order from the cursor, each product's levels by its unique key (as the
    // inventory list does): no sort of the whole join per page.
    return db.$queryRaw<LevelRow[]>`
      SELECT p.sku, x.location, x.quantity, x.reserved, p.id::text AS product_id, x.location_id
      FROM products p
      CROSS JOIN LATERAL (
        SELECT l.code AS location, s.quantity, s.reserved, s.location_id::text AS location_id
        FROM stock_levels s JOIN locations l ON l.id = s.location_id
        WHERE s.product_id = p.id AND (s.quantity > 0 OR s.reserved > 0)
      ) x
      WHERE p.deleted_at IS NULL
        ${after ? Prisma.sql`AND p.sku >= ${after[0]} AND (p.sku > ${after[0]} OR x.location > ${after[1]})` : Prisma.empty}
      ORDER BY p.sku, x.location
      LIMIT ${limit + 1}`;
  }
  return db.$queryRaw<LevelRow[]>`
    WITH changed AS (
      SELECT e.product_id, e.location_id FROM ledger_entries e WHERE e.xid >= ${since}::xid8
      UNION
      SELECT s.product_id, s.location_id FROM products p JOIN stock_levels s ON s.product_id = p.id WHERE p.catalog_xid >= ${since}::xid8
    )
    SELECT p.sku, l.code AS location, s.quantity, s.reserved, p.id::text AS product_id, l.id::text AS location_id
    FROM changed c
    JOIN stock_levels s ON s.product_id = c.product_id AND s.location_id = c.location_id
    JOIN products p ON p.id = s.product_id
    JOIN locations l ON l.id = s.location_id
    WHERE true
      ${after ? Prisma.sql`AND p.sku >= ${after[0]} AND (p.sku > ${after[0]} OR l.code > ${after[1]})` : Prisma.empty}
    ORDER BY p.sku, l.code
    LIMIT ${limit + 1}`;
}

/** The lots with quantity > 0 of each level of the page, FEFO (as stock_post consumes them). */
async function readLots(levels: LevelRow[]): Promise<Map<string, FloorLevel["lots"]>> {
  const out = new Map<string, FloorLevel["lots"]>();
  if (!levels.length) return out;
  const rows = await db.$queryRaw<{ product_id: string; location_id: string; code: string; quantity: number; expires_at: string | null }[]>`
    SELECT x.product_id::text AS product_id, x.location_id::text AS location_id, x.code, x.quantity,
           to_char(x.expires_at, 'YYYY-MM-DD') AS expires_at
    FROM unnest(${levels.map((r) => r.product_id)}::uuid[], ${levels.map((r) => r.location_id)}::uuid[]) AS k(p, l)
    JOIN lots x ON x.product_id = k.p AND x.location_id = k.l
    WHERE x.quantity > 0
    ORDER BY x.product_id, x.location_id, x.expires_at NULLS LAST, x.received_at, x.code COLLATE "C"`;
  for (const r of rows) {
    const k = `${r.product_id}|${r.location_id}`;
    const list = out.get(k) ?? [];
    list.push({ code: r.code, quantity: r.quantity, expiresAt: r.expires_at });
    out.set(k, list);
  }
  return out;
}
