// Reversing a posted movement (docs/product.md §2 "Reversal"): the ledger is never edited; a
// mistake is undone by a NEW movement of the opposite direction that names the one it reverses
// (movements.reverses_id, unique: at most one reversal each) and takes back exactly what it moved,
// lot by lot:
//   in → out at the same location; out / write_off → in where it came from (at the cost it left
//   with); transfer → transfer back.
// Refused: a count (adjust: count again instead), a reversal (post the movement again), a movement
// of serial-tracked products (their items have their own transitions), and a movement that belongs
// to a document (a purchase receipt, a pick, a shipment, a count) — that document is where it is
// undone. When the stock is no longer there the movement engine refuses it (INSUFFICIENT_STOCK
// naming what is available), and nothing is posted.
//
// Managers and admins (movement.adjust), audited like every movement, idempotent with an
// Idempotency-Key. The original movement's row is locked first, so two reversals of one movement
// run one after the other and the second is told it is already reversed.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { postMovement, type PostOutcome } from "./post-movement";

export const reverseMovementSchema = z.object({
  reason: z.string().trim().min(1, "Say why the movement is reversed.").max(200, "At most 200 characters."),
});
export type ReverseMovementInput = z.input<typeof reverseMovementSchema>;

type LedgerPart = { line_no: number; sku: string; tracking: string; location: string; delta: number; lot: string | null; expires_at: string | null; unit_cost: string | null };

export async function reverseMovement(actor: Actor, number: string, input: unknown, opts: { idempotencyKey?: string | null } = {}): Promise<PostOutcome & { reverses: string }> {
  assertCan(actor, "movement.adjust");
  const data = parse(reverseMovementSchema, input);
  return db.$transaction(
    async (tx) => {
      const [m] = await tx.$queryRaw<{ id: string; number: string; type: string; reverses_id: string | null }[]>`
        SELECT id::text, number, type::text, reverses_id::text FROM movements WHERE number = ${number.trim()} FOR UPDATE`;
      if (!m) throw new AppError("NOT_FOUND", `Movement ${number} not found.`);
      const refuse = (message: string, extra: Record<string, unknown> = {}) => new AppError("INVALID_TRANSITION", message, { from: m.type, to: "reversed", allowed: [], ...extra });

      const done = await tx.movement.findUnique({ where: { reversesId: m.id }, select: { id: true, number: true } });
      if (done) {
        // The same request again (same key) answers what it answered the first time.
        if (opts.idempotencyKey) {
          const key = await tx.idempotencyKey.findUnique({ where: { actorId_key: { actorId: actor.id, key: opts.idempotencyKey.trim() } }, select: { movementId: true } });
          if (key?.movementId === done.id) return { ...(await replayOf(tx, done.id)), reverses: m.number };
        }
        throw refuse(`${m.number} was already reversed by ${done.number}.`, { reversedBy: done.number });
      }
      if (m.reverses_id) throw refuse(`${m.number} is itself a reversal; post the movement again instead.`);
      if (m.type === "adjust") throw refuse(`${m.number} is a count; correct it by counting again.`);
      const [doc] = await tx.$queryRaw<{ kind: string; ref: string }[]>`
        SELECT 'purchase receipt' AS kind, o.number AS ref FROM purchase_receipts r JOIN purchase_orders o ON o.id = r.order_id WHERE r.movement_id = ${m.id}::uuid
        UNION ALL SELECT 'shipment', s.number FROM shipments s WHERE s.movement_id = ${m.id}::uuid
        UNION ALL SELECT 'pick list', p.number FROM pick_list_lines l JOIN pick_lists p ON p.id = l.pick_list_id WHERE l.movement_id = ${m.id}::uuid
        UNION ALL SELECT 'count', c.number FROM count_sessions c WHERE c.movement_id = ${m.id}::uuid
        LIMIT 1`;
      if (doc) throw refuse(`${m.number} belongs to ${doc.kind} ${doc.ref}; ${doc.kind === "shipment" ? "record a return on it instead" : "undo it there"}.`, { document: doc });

      const parts = await tx.$queryRaw<LedgerPart[]>`
        SELECT ml.line_no, p.sku, p.tracking::text AS tracking, l.code AS location, e.delta, lt.code AS lot,
               to_char(lt.expires_at, 'YYYY-MM-DD') AS expires_at, e.unit_cost::text AS unit_cost
        FROM ledger_entries e
        JOIN movement_lines ml ON ml.id = e.line_id
        JOIN products p ON p.id = e.product_id
        JOIN locations l ON l.id = e.location_id
        LEFT JOIN lots lt ON lt.id = e.lot_id
        WHERE e.movement_id = ${m.id}::uuid
        ORDER BY e.id`;
      if (parts.some((p) => p.tracking === "serial")) {
        throw new AppError("VALIDATION_FAILED", `${m.number} moved serial items; change them through their own transitions.`, { issues: [{ path: "movement", message: "Serial-tracked lines cannot be reversed." }] });
      }
      const lot = (p: LedgerPart) => (p.lot ? { lot: p.lot } : {});
      let request: Record<string, unknown>;
      if (m.type === "transfer") {
        // Per line, what left `from` (negative deltas) goes back there from `to`.
        const to = new Map(parts.filter((p) => p.delta > 0).map((p) => [p.line_no, p.location]));
        request = { type: "transfer", lines: parts.filter((p) => p.delta < 0).map((p) => ({ sku: p.sku, from: to.get(p.line_no), to: p.location, quantity: -p.delta, ...lot(p) })) };
      } else if (m.type === "in") {
        request = { type: "out", lines: parts.map((p) => ({ sku: p.sku, location: p.location, quantity: p.delta, ...lot(p) })) };
      } else {
        request = {
          type: "in",
          lines: parts.map((p) => ({ sku: p.sku, location: p.location, quantity: -p.delta, ...lot(p), ...(p.expires_at ? { expiresAt: p.expires_at } : {}), ...(p.unit_cost ? { unitCost: p.unit_cost } : {}) })),
        };
      }
      const outcome = await postMovement(actor, { ...request, reference: m.number, note: `Reversal of ${m.number}: ${data.reason}` }, { idempotencyKey: opts.idempotencyKey, tx }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === "INSUFFICIENT_STOCK") throw new AppError("INSUFFICIENT_STOCK", `${m.number} cannot be reversed: ${e.message}`, e.details, e.messageKey ? { key: e.messageKey, params: e.params } : undefined);
        throw e;
      });
      await tx.movement.update({ where: { id: outcome.result.id }, data: { reversesId: m.id } });
      await writeAudit(tx, actor, { action: "movement.reverse", entity: "movement", entityId: m.id, after: { reversal: outcome.result.number, reason: data.reason } });
      return { ...outcome, reverses: m.number };
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

async function replayOf(tx: Tx, id: string): Promise<PostOutcome> {
  const k = await tx.idempotencyKey.findFirstOrThrow({ where: { movementId: id }, select: { responseBody: true } });
  return { result: k.responseBody as unknown as PostOutcome["result"], replayed: true };
}

/** The movement's reversal and the movement it reverses, if any (the movement page links them). */
export async function reversalLinks(actor: Actor, id: string): Promise<{ reverses: { id: string; number: string } | null; reversedBy: { id: string; number: string } | null }> {
  assertCan(actor, "stock.read");
  const m = await db.movement.findUnique({ where: { id }, select: { reverses: { select: { id: true, number: true } }, reversedBy: { select: { id: true, number: true } } } });
  return { reverses: m?.reverses ?? null, reversedBy: m?.reversedBy ?? null };
}
