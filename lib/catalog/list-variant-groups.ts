// Variant groups with their computed inStock and price (seed 003), a whole page in ONE query: the
// members and both computed fields come from LATERAL subqueries, never a query per group.
import { assertCan, type Actor } from "../auth/permissions";
import { Prisma } from "../db";
import { readDb } from "../read-replica";
import { AppError } from "../errors";
import { formatAmount } from "../money";
import { decodeCursor, toPage, type Page } from "../pagination";
import { parse } from "../validation";
import { z } from "zod";
import { variantGroupListQuerySchema, type VariantGroupDto } from "./variant-group-schemas";

type Row = {
  id: string;
  name: string;
  description: string | null;
  in_stock: boolean;
  price_amount: string | null;
  price_currency: string | null;
  members: { sku: string; name: string; priority: number; inStock: boolean; amount: string | null; currency: string | null }[];
};

const money = (amount: string | null, currency: string | null) => (amount !== null && currency !== null ? { amount: formatAmount(amount), currency } : null);

function toDto(r: Row): VariantGroupDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    inStock: r.in_stock,
    price: money(r.price_amount, r.price_currency),
    members: r.members.map((m) => ({ sku: m.sku, name: m.name, priority: m.priority, inStock: m.inStock, price: money(m.amount, m.currency) })),
  };
}

/**
 * The price pick, one ORDER BY for both rules: in-stock members first, among them by priority;
 * when none is in stock every row ties on the first two keys and the highest price wins.
 */
function groupsQuery(where: Prisma.Sql, limit: number) {
  return readDb().$queryRaw<Row[]>`
    SELECT g.id::text AS id, g.name, g.description,
           COALESCE(agg.in_stock, false) AS in_stock,
           pick.price_amount::text AS price_amount, pick.price_currency::text AS price_currency,
           COALESCE(agg.members, '[]'::json) AS members
    FROM variant_groups g
    LEFT JOIN LATERAL (
      SELECT bool_or(p.in_stock) AS in_stock,
             json_agg(json_build_object('sku', p.sku, 'name', p.name, 'priority', m.priority, 'inStock', p.in_stock,
                                        'amount', p.price_amount::text, 'currency', p.price_currency::text)
                      ORDER BY m.priority, p.sku) AS members
      FROM variant_group_members m JOIN products p ON p.id = m.product_id AND p.deleted_at IS NULL
      WHERE m.group_id = g.id
    ) agg ON true
    LEFT JOIN LATERAL (
      SELECT p.price_amount, p.price_currency
      FROM variant_group_members m JOIN products p ON p.id = m.product_id AND p.deleted_at IS NULL
      WHERE m.group_id = g.id
      ORDER BY p.in_stock DESC, CASE WHEN p.in_stock THEN m.priority END ASC NULLS LAST,
               p.price_amount DESC NULLS LAST, m.priority, p.sku
      LIMIT 1
    ) pick ON true
    WHERE ${where}
    ORDER BY g.name
    LIMIT ${limit}`;
}

export async function listVariantGroups(actor: Actor, query: unknown): Promise<Page<VariantGroupDto>> {
  assertCan(actor, "catalog.read");
  const q = parse(variantGroupListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.string());
  const conds: Prisma.Sql[] = [Prisma.sql`true`];
  if (q.q) conds.push(Prisma.sql`g.name ILIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  // In stock = a live member in stock. As a set computed once (members are few) rather than the
  // aggregate per group: when few groups match, every group used to be aggregated to find them.
  if (q.inStock !== undefined) {
    const stocked = Prisma.sql`(SELECT m.group_id FROM variant_group_members m JOIN products p ON p.id = m.product_id WHERE p.in_stock AND p.deleted_at IS NULL)`;
    conds.push(q.inStock ? Prisma.sql`g.id IN ${stocked}` : Prisma.sql`g.id NOT IN ${stocked}`);
  }
  if (after !== undefined) conds.push(Prisma.sql`g.name > ${after}`);
  const rows = await groupsQuery(Prisma.join(conds, " AND "), q.limit + 1);
  return toPage(rows, q.limit, (r) => r.name, toDto);
}

export async function getVariantGroup(actor: Actor, id: string): Promise<VariantGroupDto> {
  assertCan(actor, "catalog.read");
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", "Variant group not found.");
  const [row] = await groupsQuery(Prisma.sql`g.id = ${id}::uuid`, 1);
  if (!row) throw new AppError("NOT_FOUND", "Variant group not found.");
  return toDto(row);
}
