// Customer returns (docs/outbound.md "Returns"): goods a customer sends back from a shipment are put
// back on a shelf by ONE `in` movement referencing the shipment, at the cost they left with, into
// the lot they left from; serial items come back as themselves (out of stock → in transit → arrived,
// each step in their history). What may come back is what the shipment moved minus its earlier
// returns, per product and lot — checked under the shipment's row lock, so two clerks returning the
// same goods at once cannot both succeed. The order keeps its state; its timeline records the return.
//
// Clerks, managers and admins (sales.ship), audited, idempotent with an Idempotency-Key.
import type { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, Prisma, type DbClient } from "../db";
import { AppError, keyedIssue, type Issue } from "../errors";
import { SALES_RETURN_SEQUENCE } from "../numbering/codes";
import { nextNumber } from "../numbering/next-number";
import { writeOutbox } from "../queue/outbox";
import { postMovement } from "../stock/post-movement";
import { parse } from "../validation";
import { stripImei } from "../serials/imei";
import { addEvent, idOrNumber } from "./orders";
import { SALES_TX } from "./reservations";
import { returnSchema, type PersonDto } from "./schemas";
import type { SoStatus } from "./states";

export type ShipmentReturnDto = {
  id: string;
  number: string;
  shipment: string;
  order: string;
  movement: string;
  location: string;
  reason: string;
  actor: PersonDto;
  createdAt: string;
  lines: { sku: string; name: string; quantity: number; lot: string | null; serials: string[] }[];
};

/** What may still come back from a shipment, per product and lot; serial items by identifier (IMEI when it has one). */
export type ReturnableDto = { sku: string; name: string; tracking: string; lot: string | null; shipped: number; returned: number; returnable: number; serials: string[] };

type ShipmentRow = { id: string; number: string; order_id: string; order_number: string; status: SoStatus; movement_id: string };
type Portion = { product_id: string; sku: string; name: string; tracking: string; lot: string | null; expires_at: string | null; unit_cost: string | null; shipped: number; returned: number };
type SerialRow = { id: string; product_id: string; identifier: string; imei: string | null; status: string; returned: boolean };

const include = {
  shipment: { select: { number: true, order: { select: { number: true } } } },
  actor: { select: { id: true, name: true, email: true } },
  movement: {
    select: {
      number: true,
      lines: {
        orderBy: { lineNo: "asc" },
        select: {
          quantity: true,
          toLocation: { select: { code: true } },
          product: { select: { sku: true, name: true } },
          ledger: { select: { lot: { select: { code: true } } }, take: 1 },
          serials: { select: { serialItem: { select: { identifier: true, imei: true } } } },
        },
      },
    },
  },
} as const satisfies Prisma.ShipmentReturnInclude;
type Row = Prisma.ShipmentReturnGetPayload<{ include: typeof include }>;

function dto(r: Row): ShipmentReturnDto {
  return {
    id: r.id,
    number: r.number,
    shipment: r.shipment.number,
    order: r.shipment.order.number,
    movement: r.movement.number,
    location: r.movement.lines[0]?.toLocation?.code ?? "",
    reason: r.reason,
    actor: r.actor,
    createdAt: r.createdAt.toISOString(),
    lines: r.movement.lines.map((l) => ({
      sku: l.product.sku,
      name: l.product.name,
      quantity: l.quantity,
      lot: l.ledger[0]?.lot?.code ?? null,
      serials: l.serials.map((s) => s.serialItem.imei ?? s.serialItem.identifier),
    })),
  };
}

async function findShipment(tx: DbClient, ref: string, opts: { lock?: boolean } = {}): Promise<ShipmentRow> {
  const where = idOrNumber(ref);
  const cond = "id" in where ? Prisma.sql`s.id = ${where.id}::uuid` : Prisma.sql`s.number = ${where.number}`;
  const [row] = await tx.$queryRaw<ShipmentRow[]>`
    SELECT s.id::text, s.number, s.order_id::text, o.number AS order_number, o.status::text AS status, s.movement_id::text
    FROM shipments s JOIN sales_orders o ON o.id = s.order_id
    WHERE ${cond} ${opts.lock ? Prisma.sql`FOR UPDATE OF s` : Prisma.empty}`;
  if (!row) throw new AppError("NOT_FOUND", `Shipment ${ref} not found.`, undefined, { key: "sales.errors.shipmentNotFound" });
  return row;
}

/** Per product and lot: what the shipment moved, and what its returns brought back. */
async function portionsOf(tx: DbClient, s: ShipmentRow): Promise<Portion[]> {
  return tx.$queryRaw<Portion[]>`
    WITH shipped AS (
      SELECT e.product_id, lt.code AS lot, min(lt.expires_at) AS expires_at, -sum(e.delta)::int AS shipped, min(e.unit_cost)::text AS unit_cost, min(e.id) AS first
      FROM ledger_entries e LEFT JOIN lots lt ON lt.id = e.lot_id
      WHERE e.movement_id = ${s.movement_id}::uuid GROUP BY e.product_id, lt.code
    ), back AS (
      -- Lots are kept per location: what came back is matched by lot code.
      SELECT e.product_id, lt.code AS lot, sum(e.delta)::int AS returned
      FROM ledger_entries e JOIN shipment_returns r ON r.movement_id = e.movement_id LEFT JOIN lots lt ON lt.id = e.lot_id
      WHERE r.shipment_id = ${s.id}::uuid GROUP BY e.product_id, lt.code
    )
    SELECT sh.product_id::text, p.sku, p.name, p.tracking::text AS tracking, sh.lot,
           to_char(sh.expires_at, 'YYYY-MM-DD') AS expires_at, sh.unit_cost, sh.shipped, COALESCE(b.returned, 0)::int AS returned
    FROM shipped sh
    JOIN products p ON p.id = sh.product_id
    LEFT JOIN back b ON b.product_id = sh.product_id AND b.lot IS NOT DISTINCT FROM sh.lot
    ORDER BY sh.first`;
}

async function serialsOf(tx: DbClient, s: ShipmentRow): Promise<SerialRow[]> {
  return tx.$queryRaw<SerialRow[]>`
    SELECT si.id::text, si.product_id::text, si.identifier, si.imei, si.status::text AS status,
           EXISTS (SELECT 1 FROM shipment_returns r JOIN movement_lines rl ON rl.movement_id = r.movement_id
                   JOIN movement_line_serials rs ON rs.line_id = rl.id
                   WHERE r.shipment_id = ${s.id}::uuid AND rs.serial_item_id = si.id) AS returned
    FROM movement_lines ml
    JOIN movement_line_serials mls ON mls.line_id = ml.id
    JOIN serial_items si ON si.id = mls.serial_item_id
    WHERE ml.movement_id = ${s.movement_id}::uuid
    ORDER BY si.identifier`;
}

function returnable(portions: Portion[], serials: SerialRow[]): ReturnableDto[] {
  return portions.map((p) => ({
    sku: p.sku,
    name: p.name,
    tracking: p.tracking,
    lot: p.lot,
    shipped: p.shipped,
    returned: p.returned,
    returnable: p.shipped - p.returned,
    serials: serials.filter((x) => x.product_id === p.product_id && !x.returned).map((x) => x.imei ?? x.identifier),
  }));
}

export async function listReturnsOfShipment(actor: Actor, ref: string): Promise<{ shipment: string; order: string; items: ShipmentReturnDto[]; returnable: ReturnableDto[] }> {
  assertCan(actor, "sales.read");
  const s = await findShipment(db, ref);
  const [rows, portions, serials] = await Promise.all([
    db.shipmentReturn.findMany({ where: { shipmentId: s.id }, include, orderBy: { createdAt: "asc" } }),
    portionsOf(db, s),
    serialsOf(db, s),
  ]);
  return { shipment: s.number, order: s.order_number, items: rows.map(dto), returnable: returnable(portions, serials) };
}

export type ReturnOutcome = { result: ShipmentReturnDto; replayed: boolean };

export async function returnShipment(actor: Actor, ref: string, input: unknown, opts: { idempotencyKey?: string | null } = {}): Promise<ReturnOutcome> {
  assertCan(actor, "sales.ship");
  const data = parse(returnSchema, input);
  return db.$transaction(async (tx) => {
    const s = await findShipment(tx, ref, { lock: true });
    // The same request again (same key) answers what it answered the first time.
    if (opts.idempotencyKey) {
      const key = await tx.idempotencyKey.findUnique({ where: { actorId_key: { actorId: actor.id, key: opts.idempotencyKey.trim() } }, select: { movementId: true } });
      const done = key?.movementId ? await tx.shipmentReturn.findUnique({ where: { movementId: key.movementId }, include }) : null;
      if (done) return { result: dto(done), replayed: true };
    }
    const [portions, serials] = await Promise.all([portionsOf(tx, s), serialsOf(tx, s)]);
    const { lines, serialIds, units } = planReturn(s, data, portions, serials);

    // Serial items start their way back (out of stock → in transit); the `in` below arrives them.
    if (serialIds.length) {
      const moved = await tx.$queryRaw<{ id: string }[]>`
        UPDATE serial_items SET status = 'in_transit', updated_at = now()
        WHERE id = ANY(${serialIds}::uuid[]) AND status = 'out_of_stock' AND deleted_at IS NULL RETURNING id::text`;
      if (moved.length !== serialIds.length) {
        const stuck = serials.filter((x) => serialIds.includes(x.id) && !moved.some((m) => m.id === x.id)).map((x) => `${x.identifier} (${x.status.replace("_", " ")})`);
        const message = `Only shipped items come back; not: ${stuck.join(", ")}.`;
        throw new AppError("VALIDATION_FAILED", message, { issues: [keyedIssue("lines", message, "sales.errors.returnNotOut", { items: stuck.join(", ") })] }, { key: "sales.errors.returnNotOut", params: { items: stuck.join(", ") } });
      }
      await tx.serialItemHistory.createMany({
        data: serialIds.map((id) => ({ itemId: id, actorId: actor.id, channel: actor.channel, action: "returned", changes: { status: { before: "out_of_stock", after: "in_transit" }, shipment: { before: null, after: s.number } } })),
      });
    }

    const outcome = await postMovement(actor, { type: "in", reference: s.number, note: `Return of ${s.number} (${s.order_number}): ${data.reason}`, lines }, { idempotencyKey: opts.idempotencyKey, tx });
    const number = await nextNumber(SALES_RETURN_SEQUENCE, { tx });
    const created = await tx.shipmentReturn.create({ data: { number, shipmentId: s.id, movementId: outcome.result.id, reason: data.reason, actorId: actor.id } });
    const row = await tx.shipmentReturn.findUniqueOrThrow({ where: { id: created.id }, include });
    const result = dto(row);
    await addEvent(tx, actor, s.order_id, { action: "return", from: s.status, to: s.status, reason: data.reason, data: { return: number, shipment: s.number, movement: outcome.result.number, units } });
    await writeAudit(tx, actor, { action: "shipment.return", entity: "shipment", entityId: s.id, after: result });
    await writeOutbox(tx, "shipment.returned", { returnId: created.id, number, shipmentId: s.id, shipmentNumber: s.number, movementId: outcome.result.id });
    return { result, replayed: false };
  }, SALES_TX);
}

type MovementLine = { sku: string; location: string; quantity: number; lot?: string; expiresAt?: string; unitCost?: string; serials?: string[] };

/**
 * The `in` lines of a return, or a VALIDATION_FAILED naming every line that asks for more than may
 * come back. A lot-tracked line without a lot takes the shipment's lots in the order they left.
 */
function planReturn(s: ShipmentRow, data: z.output<typeof returnSchema>, portions: Portion[], serials: SerialRow[]): { lines: MovementLine[]; serialIds: string[]; units: number } {
  const issues: Issue[] = [];
  const left = new Map(portions.map((p) => [p, p.shipped - p.returned]));
  const lines: MovementLine[] = [];
  const serialIds: string[] = [];
  const seenSerials = new Set<string>();
  data.lines.forEach((l, i) => {
    const mine = portions.filter((p) => p.sku.toLowerCase() === l.sku.toLowerCase());
    if (!mine.length) {
      issues.push(keyedIssue(`lines.${i}.sku`, `${l.sku} was not in shipment ${s.number}.`, "sales.errors.returnNotShipped", { sku: l.sku, shipment: s.number }));
      return;
    }
    const p0 = mine[0];
    const base = { sku: p0.sku, location: data.location };
    if (p0.tracking === "serial") {
      const wanted = l.serials ?? [];
      if (wanted.length !== l.quantity) {
        issues.push(keyedIssue(`lines.${i}.serials`, `Scan the ${l.quantity} serial number(s) that came back.`, "sales.errors.returnSerialCount", { n: l.quantity }));
        return;
      }
      const ids: string[] = [];
      for (const w of wanted) {
        const key = stripImei(w).toUpperCase();
        const item = serials.find((x) => x.product_id === p0.product_id && (stripImei(x.identifier).toUpperCase() === key || (x.imei && stripImei(x.imei) === key)));
        if (!item) issues.push(keyedIssue(`lines.${i}.serials`, `Serial ${w} was not shipped in ${s.number}.`, "sales.errors.returnSerialNotShipped", { serial: w, shipment: s.number }));
        else if (item.returned || seenSerials.has(item.id)) issues.push(keyedIssue(`lines.${i}.serials`, `Serial ${w} has already come back.`, "sales.errors.returnSerialBack", { serial: w }));
        else {
          seenSerials.add(item.id);
          ids.push(item.id);
        }
      }
      serialIds.push(...ids);
      lines.push({ ...base, quantity: l.quantity, serials: ids.map((id) => serials.find((x) => x.id === id)!.identifier), ...(p0.unit_cost ? { unitCost: p0.unit_cost } : {}) });
      return;
    }
    const pool = l.lot ? mine.filter((p) => p.lot?.toLowerCase() === l.lot!.toLowerCase()) : mine;
    if (l.lot && !pool.length) {
      issues.push(keyedIssue(`lines.${i}.lot`, `Lot ${l.lot} of ${p0.sku} was not in shipment ${s.number}.`, "sales.errors.returnNotShipped", { sku: `${p0.sku} ${l.lot}`, shipment: s.number }));
      return;
    }
    const available = pool.reduce((n, p) => n + left.get(p)!, 0);
    if (l.quantity > available) {
      const shipped = pool.reduce((n, p) => n + p.shipped, 0);
      const what = `${p0.sku}${l.lot ? ` lot ${l.lot}` : ""}`;
      issues.push(
        keyedIssue(`lines.${i}.quantity`, `Only ${available} of ${what} can still come back from ${s.number} (shipped ${shipped}, returned ${shipped - available}).`, "sales.errors.returnTooMany", {
          n: available,
          sku: what,
          shipment: s.number,
          shipped,
          returned: shipped - available,
        }),
      );
      return;
    }
    let rest = l.quantity;
    for (const p of pool) {
      const take = Math.min(rest, left.get(p)!);
      if (take <= 0) continue;
      left.set(p, left.get(p)! - take);
      rest -= take;
      lines.push({ ...base, quantity: take, ...(p.lot ? { lot: p.lot } : {}), ...(p.expires_at ? { expiresAt: p.expires_at } : {}), ...(p.unit_cost ? { unitCost: p.unit_cost } : {}) });
    }
  });
  if (issues.length) throw new AppError("VALIDATION_FAILED", issues[0].message, { issues }, issues[0].messageKey ? { key: issues[0].messageKey, params: issues[0].params } : undefined);
  return { lines, serialIds, units: lines.reduce((n, l) => n + l.quantity, 0) };
}


