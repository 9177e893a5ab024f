// The movements list's search `q` (lib/stock/queries.ts): part of the movement number, of its
// reference, or of the number of the document it belongs to, case-insensitive, LIKE wildcards taken
// literally; and each branch can be served by its trigram index (migration 20261212110000).
import { describe, expect, it } from "vitest";
import { approveCountSession, createCountSession, recordCount } from "@/lib/counts/count-sessions";
import { db } from "@/lib/db";
import { postMovement } from "@/lib/stock/post-movement";
import { listMovements } from "@/lib/stock/queries";
import { actorFor, uniq } from "../support/fixtures";

describe("movement search", () => {
  it("finds movements by number, reference and document number", async () => {
    const manager = await actorFor("manager");
    const tag = uniq("MS");
    const w = await db.warehouse.create({ data: { code: uniq("W"), name: "Search" } });
    const loc = `${tag}-L`;
    await db.location.create({ data: { code: loc, barcode: `BC-${loc}`, name: loc, warehouseId: w.id } });
    const sku = `${tag}-P`;
    await db.product.create({ data: { sku, name: sku } });
    const withRef = await postMovement(manager, { type: "in", reference: `${tag}-Ref_50%`, lines: [{ sku, location: loc, quantity: 5 }] });
    const plain = await postMovement(manager, { type: "in", lines: [{ sku, location: loc, quantity: 1 }] });
    const search = async (q: string) => (await listMovements(manager, { q, limit: "100" })).items.map((m) => m.number);

    expect(await search(`${tag}-ref`.toLowerCase())).toEqual([withRef.result.number]);
    expect(await search(`${tag.slice(2)}-REF_50%`)).toEqual([withRef.result.number]);
    // `_` and `%` are characters, not wildcards.
    expect(await search(`${tag}-Ref%50`)).toEqual([]);
    expect(await search(plain.result.number)).toEqual([plain.result.number]);

    // A count session's movement, by the session's number (lower case, a part of it).
    const session = await createCountSession(manager, { locations: [loc] });
    await recordCount(manager, session.number, { sku, location: loc, counted: 4 });
    await approveCountSession(manager, session.number);
    const counted = await db.countSession.findUniqueOrThrow({ where: { id: session.id }, select: { movement: { select: { number: true } } } });
    const found = await search(session.number.toLowerCase());
    expect(found).toContain(counted.movement!.number);
    expect(found).not.toContain(plain.result.number);

    // Combined with the other filters.
    expect((await listMovements(manager, { q: tag, type: "adjust", limit: "100" })).items).toEqual([]);
  });

  it("each branch of the search can use its trigram index", async () => {
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN
        SELECT id FROM movements WHERE number ILIKE '%abc%' OR reference ILIKE '%abc%'
        UNION ALL SELECT r.movement_id FROM purchase_receipts r JOIN purchase_orders po ON po.id = r.order_id WHERE po.number ILIKE '%abc%'
        UNION ALL SELECT c.movement_id FROM count_sessions c WHERE c.number ILIKE '%abc%'
        UNION ALL SELECT s.movement_id FROM shipments s WHERE s.number ILIKE '%abc%'
        UNION ALL SELECT s.movement_id FROM shipments s JOIN sales_orders so ON so.id = s.order_id WHERE so.number ILIKE '%abc%'
        UNION ALL SELECT pl.movement_id FROM pick_list_lines pl JOIN pick_lists k ON k.id = pl.pick_list_id WHERE k.number ILIKE '%abc%'`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    for (const index of ["movements_number_trgm_idx", "movements_reference_trgm_idx", "purchase_orders_number_trgm_idx", "count_sessions_number_trgm_idx", "shipments_number_trgm_idx", "sales_orders_number_trgm_idx", "pick_lists_number_trgm_idx"]) {
      expect(plan).toContain(index);
    }
  });
});
