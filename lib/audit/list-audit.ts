// The audit log, newest first: who changed what, when, through which channel, before and after.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { db, type Prisma } from "../db";
import { readDb } from "../read-replica";
import { AppError } from "../errors";
import { AUDIT_ACTIONS } from "./actions";
import { decodeCursor, pageQuerySchema, toPage, type Page } from "../pagination";
import { decodeSortCursor, defineSort, isDefaultSort, sortCursor, type Sort } from "../sorting";
import { isoDate, parse } from "../validation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const auditListQuerySchema = pageQuerySchema.extend({
  /** The acting user's id or email. */
  actor: z.string().trim().max(254).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(200).optional(),
  /** An action (exactly, when it is one of AUDIT_ACTIONS) or a prefix: "product." for every product action. */
  action: z.string().trim().max(100).optional(),
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from: isoDate().optional(),
  to: isoDate().optional(),
});
export type AuditListQuery = z.input<typeof auditListQuerySchema>;

export type AuditEntryDto = {
  id: string;
  at: string;
  actor: { id: string; email: string; name: string } | null;
  channel: string;
  action: string;
  entity: string;
  entityId: string;
  /** A human label for the record when it can be found: a product's SKU, a location's code… */
  subject: string | null;
  before: unknown;
  after: unknown;
};

/** The audit page can list oldest first too (the API always lists newest first). Entries are in id order, which is time order. */
export const auditSort = defineSort(["date"], { sort: "date", dir: "desc" });
export type AuditSortColumn = (typeof auditSort.columns)[number];

export async function listAudit(actor: Actor, query: unknown, opts: { sort?: Sort<AuditSortColumn> } = {}): Promise<Page<AuditEntryDto>> {
  assertCan(actor, "audit.read");
  const q = parse(auditListQuerySchema, query);
  const sort = opts.sort ?? auditSort.default;
  const plain = isDefaultSort(auditSort, sort);
  const after = plain ? decodeCursor(q.cursor, z.string().regex(/^\d+$/)) : undefined;
  const sortedAfter = plain ? undefined : decodeSortCursor(q.cursor, sort, 1)?.[0];
  if (sortedAfter !== undefined && !/^\d{1,18}$/.test(String(sortedAfter))) throw new AppError("VALIDATION_FAILED", "The cursor is not valid.", { issues: [{ path: "cursor", message: "Invalid cursor." }] });

  const and: Prisma.AuditLogWhereInput[] = [];
  if (q.actor) and.push(UUID.test(q.actor) ? { actorId: q.actor } : { actor: { email: q.actor.toLowerCase() } });
  if (q.entity) and.push({ entity: q.entity });
  if (q.entityId) and.push({ entityId: q.entityId });
  // A known action code is that action; anything else a prefix ("product." for every product action).
  if (q.action) and.push((AUDIT_ACTIONS as readonly string[]).includes(q.action) ? { action: q.action } : { action: { startsWith: q.action } });
  if (q.from) and.push({ createdAt: { gte: new Date(`${q.from}T00:00:00.000Z`) } });
  if (q.to) and.push({ createdAt: { lt: new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
  if (after) and.push({ id: { lt: BigInt(after) } });
  if (sortedAfter !== undefined) and.push({ id: sort.dir === "asc" ? { gt: BigInt(sortedAfter) } : { lt: BigInt(sortedAfter) } });

  const rows = await readDb().auditLog.findMany({
    where: and.length ? { AND: and } : {},
    include,
    orderBy: { id: sort.dir },
    take: q.limit + 1,
  });
  const subjects = await subjectLabels(rows.slice(0, q.limit));
  return toPage(rows, q.limit, (r) => (plain ? r.id.toString() : sortCursor(sort, [r.id.toString()])), (r) => auditDto(r, subjects));
}

/** One audit row (the detail view), or NOT_FOUND. */
export async function getAuditEntry(actor: Actor, id: string): Promise<AuditEntryDto> {
  assertCan(actor, "audit.read");
  const row = /^\d{1,18}$/.test(id) ? await db.auditLog.findUnique({ where: { id: BigInt(id) }, include }) : null;
  if (!row) throw new AppError("NOT_FOUND", "Audit entry not found.");
  return auditDto(row, await subjectLabels([row]));
}

const include = { actor: { select: { id: true, email: true, name: true } } } as const;

type Row = Prisma.AuditLogGetPayload<{ include: typeof include }>;

function auditDto(r: Row, subjects: Map<string, string>): AuditEntryDto {
  return {
    id: r.id.toString(),
    at: r.createdAt.toISOString(),
    actor: r.actor,
    channel: r.channel,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    subject: subjects.get(`${r.entity}:${r.entityId}`) ?? null,
    before: r.before,
    after: r.after,
  };
}

/** Labels for the page's records, one query per entity type (no N+1). */
async function subjectLabels(rows: { entity: string; entityId: string }[]): Promise<Map<string, string>> {
  const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && UUID.test(r.entityId)).map((r) => r.entityId))];
  const out = new Map<string, string>();
  const add = (entity: string, list: { id: string; label: string }[]) => list.forEach((x) => out.set(`${entity}:${x.id}`, x.label));
  // One lookup per entity type: its human identifier (SKU, code, number…).
  const lookups: Record<string, (ids: string[]) => Promise<{ id: string; label: string }[]>> = {
    product: (ids) => db.product.findMany({ where: { id: { in: ids } }, select: { id: true, sku: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.sku }))),
    location: (ids) => db.location.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.code }))),
    warehouse: (ids) => db.warehouse.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.code }))),
    category: (ids) => db.category.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.name }))),
    user: (ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.email }))),
    apiToken: (ids) => db.apiToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.name }))),
    movement: (ids) => db.movement.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.number }))),
    supplier: (ids) => db.supplier.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.code }))),
    customer: (ids) => db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.code }))),
    purchase_order: (ids) => db.purchaseOrder.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.number }))),
    sales_order: (ids) => db.salesOrder.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.number }))),
    pick_list: (ids) => db.pickList.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.number }))),
    count_session: (ids) => db.countSession.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.number }))),
    serial_item: (ids) => db.serialItem.findMany({ where: { id: { in: ids } }, select: { id: true, identifier: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.identifier }))),
    variantGroup: (ids) => db.variantGroup.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.name }))),
    sequence: (ids) => db.sequence.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }).then((l) => l.map((x) => ({ id: x.id, label: x.code }))),
    alert: (ids) => db.stockAlert.findMany({ where: { id: { in: ids } }, select: { id: true, product: { select: { sku: true } } } }).then((l) => l.map((x) => ({ id: x.id, label: x.product.sku }))),
  };
  await Promise.all(
    Object.entries(lookups).map(async ([entity, find]) => {
      const list = ids(entity);
      if (list.length) add(entity, await find(list));
    }),
  );
  return out;
}
