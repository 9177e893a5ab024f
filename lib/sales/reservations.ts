// Reservations (docs/outbound.md "Reservations"): units of stock set aside for an order line, at a
// location (and lot, or serial item). stock_levels.reserved and lots.reserved are the sums of the
// reservations on them; CHECKs keep reserved ≤ quantity, so available (quantity − reserved) is never
// negative, and the movement engine (stock_post) takes only available units — lots too — for
// anyone's issue, transfer or write-off, refuses a count below the reserved quantity, and never moves
// a reserved serial item.
//
// Locking: every function here runs inside the caller's transaction, after the caller locked the
// order rows, and locks in the movement engine's global order (migration 20261122070000 and
// 20261211150000): capacity locations, then stock rows by (product, location), then serial items,
// then reservation rows. A reservation changes only while its stock row is locked, so the counters
// and the rows always agree, and two confirmations of the last units run one after the other: the
// second sees what the first reserved.
import type { Tx } from "../db";

/**
 * Transaction options of every order change that locks stock: orders of the same products queue
 * on the same stock rows (by design), so a confirmation may wait behind many others.
 */
export const SALES_TX = { maxWait: 15_000, timeout: 60_000 } as const;

export type StockKey = { productId: string; locationId: string };

const ELIGIBLE_KINDS = ["storage", "receiving"] as const;

/**
 * Locks stock rows in the global order. `rows`: exactly these (product, location) rows, created
 * when missing (a destination); `products`: every row of these products (a reservation chooses
 * among all locations); `into`: destination locations, locked first when they have a capacity.
 */
export async function lockStock(tx: Tx, opts: { rows?: StockKey[]; products?: string[]; into?: string[] }): Promise<void> {
  const rows = opts.rows ?? [];
  if (opts.into?.length) {
    await tx.$queryRaw`SELECT 1 FROM locations WHERE id = ANY(${opts.into}::uuid[]) AND capacity IS NOT NULL ORDER BY id FOR NO KEY UPDATE`;
  }
  if (rows.length) {
    await tx.$executeRaw`
      INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
      SELECT uuid_v7(now()), x.p, x.l, 0, 0, now()
      FROM (SELECT DISTINCT p, l FROM unnest(${rows.map((r) => r.productId)}::uuid[], ${rows.map((r) => r.locationId)}::uuid[]) AS u(p, l)) x
      ORDER BY x.p, x.l
      ON CONFLICT (product_id, location_id) DO NOTHING`;
  }
  const products = opts.products ?? [];
  await tx.$queryRaw`
    SELECT 1 FROM stock_levels s
    WHERE s.product_id = ANY(${products}::uuid[])
       OR (s.product_id, s.location_id) IN (SELECT * FROM unnest(${rows.map((r) => r.productId)}::uuid[], ${rows.map((r) => r.locationId)}::uuid[]))
    ORDER BY s.product_id, s.location_id
    FOR UPDATE OF s`;
}

export type Allocation = { productId: string; locationId: string; locationCode: string; lotId: string | null; lotCode: string | null; serialItemId: string | null; quantity: number };

type LevelRow = { location_id: string; code: string; available: number };
type LotRow = { id: string; location_id: string; code: string; lot: string; available: number };

/**
 * Chooses up to `wanted` available units of a product (its stock rows must be locked):
 *  - lot-tracked: lots by FEFO (expiry, then receipt), then stock without a lot;
 *  - serial-tracked: items on hand, first arrived first (each item locked, in id order);
 *  - untracked: the locations with the most available first (fewest picks), then by code.
 * Only active storage and receiving locations are taken; `exclude` leaves some out (a location
 * that was just found short).
 */
export async function allocate(tx: Tx, product: { id: string; tracking: string }, wanted: number, exclude: string[] = []): Promise<Allocation[]> {
  if (wanted <= 0) return [];
  const levels = await tx.$queryRaw<LevelRow[]>`
    SELECT s.location_id::text, l.code, (s.quantity - s.reserved)::int AS available
    FROM stock_levels s JOIN locations l ON l.id = s.location_id
    WHERE s.product_id = ${product.id}::uuid AND l.active AND l.kind::text = ANY(${ELIGIBLE_KINDS as unknown as string[]})
      AND s.quantity - s.reserved > 0 AND NOT (s.location_id = ANY(${exclude}::uuid[]))
    ORDER BY s.quantity - s.reserved DESC, l.code`;
  const free = new Map(levels.map((l) => [l.location_id, l.available]));
  const codeOf = new Map(levels.map((l) => [l.location_id, l.code]));
  const out: Allocation[] = [];
  let left = wanted;
  const take = (locationId: string, n: number, lot: { id: string; code: string } | null, serialItemId: string | null) => {
    out.push({ productId: product.id, locationId, locationCode: codeOf.get(locationId)!, lotId: lot?.id ?? null, lotCode: lot?.code ?? null, serialItemId, quantity: n });
    free.set(locationId, free.get(locationId)! - n);
    left -= n;
  };
  if (levels.length === 0) return out;

  if (product.tracking === "serial") {
    const candidates = await tx.$queryRaw<{ id: string; location_id: string }[]>`
      SELECT it.id::text, it.location_id::text FROM serial_items it
      WHERE it.product_id = ${product.id}::uuid AND it.status = 'arrived' AND it.deleted_at IS NULL
        AND it.location_id = ANY(${[...free.keys()]}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM stock_reservations r WHERE r.serial_item_id = it.id)
      ORDER BY it.actual_arrival_at, it.id
      LIMIT ${wanted * 2 + 10}`;
    // Locked in id order (the engine's order), then re-read: an item may have turned abnormal since.
    const locked = await tx.$queryRaw<{ id: string; location_id: string; status: string }[]>`
      SELECT it.id::text, it.location_id::text, it.status::text FROM serial_items it
      WHERE it.id = ANY(${candidates.map((c) => c.id)}::uuid[]) ORDER BY it.id FOR UPDATE`;
    const now = new Map(locked.map((r) => [r.id, r]));
    for (const c of candidates) {
      if (left === 0) break;
      const item = now.get(c.id);
      if (!item || item.status !== "arrived" || item.location_id !== c.location_id || (free.get(c.location_id) ?? 0) < 1) continue;
      take(c.location_id, 1, null, c.id);
    }
    return out;
  }

  if (product.tracking === "lot") {
    const lots = await tx.$queryRaw<LotRow[]>`
      SELECT x.id::text, x.location_id::text, l.code, x.code AS lot, (x.quantity - x.reserved)::int AS available
      FROM lots x JOIN locations l ON l.id = x.location_id
      WHERE x.product_id = ${product.id}::uuid AND x.location_id = ANY(${[...free.keys()]}::uuid[]) AND x.quantity - x.reserved > 0
      ORDER BY x.expires_at NULLS LAST, x.received_at, x.code COLLATE "C", l.code`;
    const inLots = new Map<string, number>();
    for (const lot of lots) inLots.set(lot.location_id, (inLots.get(lot.location_id) ?? 0) + lot.available);
    // Stock without a lot (received before the product became lot-tracked) comes after the lots.
    const loose = new Map([...free].map(([loc, n]) => [loc, Math.max(0, n - (inLots.get(loc) ?? 0))]));
    for (const lot of lots) {
      if (left === 0) break;
      const n = Math.min(left, lot.available, free.get(lot.location_id)!);
      if (n > 0) take(lot.location_id, n, { id: lot.id, code: lot.lot }, null);
    }
    for (const [loc, n0] of loose) {
      if (left === 0) break;
      const n = Math.min(left, n0, free.get(loc)!);
      if (n > 0) take(loc, n, null, null);
    }
    return out;
  }

  for (const l of levels) {
    if (left === 0) break;
    const n = Math.min(left, l.available);
    take(l.location_id, n, null, null);
  }
  return out;
}

/**
 * Records allocations as reservations of an order line and raises the counters (rows locked). A
 * line's reservation at the same place (location, lot, picked or not) grows instead of repeating,
 * unless a pick list line is still to pick it.
 */
export async function reserve(tx: Tx, orderId: string, lineId: string, allocations: Allocation[], opts: { picked?: boolean } = {}): Promise<string[]> {
  const ids: string[] = [];
  const picked = opts.picked ?? false;
  for (const a of allocations) {
    const merged = a.serialItemId
      ? []
      : await tx.$queryRaw<{ id: string }[]>`
          UPDATE stock_reservations SET quantity = quantity + ${a.quantity}
          WHERE line_id = ${lineId}::uuid AND location_id = ${a.locationId}::uuid AND lot_id IS NOT DISTINCT FROM ${a.lotId}::uuid
            AND serial_item_id IS NULL AND picked = ${picked}
            -- one on a pick list still to pick keeps the quantity its line asks for
            AND NOT EXISTS (SELECT 1 FROM pick_list_lines pl WHERE pl.reservation_id = stock_reservations.id AND pl.picked_quantity IS NULL)
          RETURNING id::text`;
    const [row] = merged.length
      ? merged
      : await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO stock_reservations (id, order_id, line_id, product_id, location_id, lot_id, serial_item_id, quantity, picked, created_at)
          VALUES (uuid_v7(now()), ${orderId}::uuid, ${lineId}::uuid, ${a.productId}::uuid, ${a.locationId}::uuid, ${a.lotId}::uuid, ${a.serialItemId}::uuid, ${a.quantity}, ${picked}, now())
          RETURNING id::text`;
    ids.push(row.id);
    await tx.$executeRaw`UPDATE stock_levels SET reserved = reserved + ${a.quantity}, updated_at = now() WHERE product_id = ${a.productId}::uuid AND location_id = ${a.locationId}::uuid`;
    if (a.lotId) await tx.$executeRaw`UPDATE lots SET reserved = reserved + ${a.quantity} WHERE id = ${a.lotId}::uuid`;
  }
  return ids;
}

export type ReservationRow = { id: string; order_id: string; line_id: string; product_id: string; location_id: string; lot_id: string | null; serial_item_id: string | null; quantity: number; picked: boolean };

/** Locks reservation rows (after the stock rows), in id order. */
export async function lockReservations(tx: Tx, where: { ids?: string[]; orderIds?: string[] }): Promise<ReservationRow[]> {
  return tx.$queryRaw<ReservationRow[]>`
    SELECT id::text, order_id::text, line_id::text, product_id::text, location_id::text, lot_id::text, serial_item_id::text, quantity, picked
    FROM stock_reservations
    WHERE id = ANY(${where.ids ?? []}::uuid[]) OR order_id = ANY(${where.orderIds ?? []}::uuid[])
    ORDER BY id FOR UPDATE`;
}

/** Gives reservations back (their stock rows locked): the counters go down, the rows go. */
export async function release(tx: Tx, rows: ReservationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE stock_levels s SET reserved = s.reserved - x.q, updated_at = now()
    FROM (SELECT u.p, u.l, sum(u.q)::int AS q FROM unnest(${rows.map((r) => r.product_id)}::uuid[], ${rows.map((r) => r.location_id)}::uuid[], ${rows.map((r) => r.quantity)}::int[]) AS u(p, l, q) GROUP BY u.p, u.l) x
    WHERE s.product_id = x.p AND s.location_id = x.l`;
  const lotRows = rows.filter((r) => r.lot_id);
  if (lotRows.length) {
    await tx.$executeRaw`
      UPDATE lots t SET reserved = t.reserved - x.q
      FROM (SELECT u.id, sum(u.q)::int AS q FROM unnest(${lotRows.map((r) => r.lot_id!)}::uuid[], ${lotRows.map((r) => r.quantity)}::int[]) AS u(id, q) GROUP BY u.id) x
      WHERE t.id = x.id`;
  }
  await tx.$executeRaw`DELETE FROM stock_reservations WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
}
