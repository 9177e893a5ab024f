// Purchase sources of serial items (docs/serials.md): online-shop orders, corporate offline
// purchases and temporary channels, each a table of its own; the fourth kind is a purchase order
// (lib/purchasing). Items reference their source with RESTRICT, so deleting a source an item names
// is refused with IN_USE.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { AppError, fromDatabaseError } from "../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { parse } from "../validation";
import { SOURCE_SCHEMAS, type OwnSourceKind, type SourceKind } from "./schemas";

export type SourceDto = { kind: SourceKind; id: string; label: string; fields: Record<string, unknown>; createdAt: string };

const date = (d: Date | null) => d?.toISOString() ?? null;

type AnySource = { id: string; createdAt: Date } & Record<string, unknown>;

/** The one line a person reads for a source, e.g. "Tmall #88231" or "Acme Ltd (INV-7)". */
export function sourceLabel(kind: SourceKind, s: Record<string, unknown>): string {
  switch (kind) {
    case "online_order":
      return `${s.platform} #${s.orderNumber}`;
    case "corporate_purchase":
      return s.invoiceNumber ? `${s.companyName} (${s.invoiceNumber})` : String(s.companyName);
    case "temporary_channel":
      return String(s.name);
    case "purchase_order":
      return String(s.number);
  }
}

function dto(kind: OwnSourceKind, s: AnySource): SourceDto {
  const { id, createdAt, ...rest } = s;
  const fields = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? date(v) : v]));
  return { kind, id, label: sourceLabel(kind, s), fields, createdAt: createdAt.toISOString() };
}

/** The Prisma delegate of a kind (typed loosely: the three tables share the calls used here). */
function table(tx: DbClient, kind: OwnSourceKind) {
  const t = { online_order: tx.onlineShopOrder, corporate_purchase: tx.corporatePurchase, temporary_channel: tx.temporaryChannel }[kind];
  return t as unknown as {
    create(a: { data: Record<string, unknown> }): Promise<AnySource>;
    findUnique(a: { where: { id: string } }): Promise<AnySource | null>;
    findMany(a: { where: Record<string, unknown>; orderBy: Record<string, string>[]; take: number }): Promise<AnySource[]>;
    delete(a: { where: { id: string } }): Promise<AnySource>;
  };
}

export function ownKind(kind: string): OwnSourceKind {
  // Own keys only: `"constructor" in {...}` is true, and would reach the Prisma delegates as undefined (500).
  if (Object.hasOwn(SOURCE_SCHEMAS, kind)) return kind as OwnSourceKind;
  throw new AppError("NOT_FOUND", kind === "purchase_order" ? "Purchase orders are kept under /purchase-orders." : `No purchase source kind ${kind}.`);
}

export async function createSource(actor: Actor, kind: string, input: unknown): Promise<SourceDto> {
  assertCan(actor, "serial.write");
  const k = ownKind(kind);
  const data = parse(SOURCE_SCHEMAS[k] as z.ZodType<Record<string, unknown>>, input);
  const row = Object.fromEntries(Object.entries(data).map(([f, v]) => [f, typeof v === "string" && /At$/.test(f) ? new Date(v) : v]));
  try {
    return await db.$transaction(async (tx) => {
      const s = await table(tx, k).create({ data: row });
      const out = dto(k, s);
      await writeAudit(tx, actor, { action: "serial_source.create", entity: k, entityId: s.id, after: out });
      return out;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function listSources(actor: Actor, kind: string, query: unknown): Promise<Page<SourceDto>> {
  assertCan(actor, "serial.read");
  const k = ownKind(kind);
  const q = parse(z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().max(500).optional() }), query);
  const after = decodeCursor(q.cursor, z.uuid());
  const rows = await table(db, k).findMany({ where: after ? { id: { lt: after } } : {}, orderBy: [{ id: "desc" }], take: q.limit + 1 });
  return toPage(rows, q.limit, (r) => r.id, (r) => dto(k, r));
}

export async function getSource(actor: Actor, kind: string, id: string): Promise<SourceDto> {
  assertCan(actor, "serial.read");
  const k = ownKind(kind);
  const s = z.uuid().safeParse(id).success ? await table(db, k).findUnique({ where: { id } }) : null;
  if (!s) throw new AppError("NOT_FOUND", "Purchase source not found.");
  return dto(k, s);
}

/** Refused with IN_USE while any item (deleted ones included) names the source. */
export async function deleteSource(actor: Actor, kind: string, id: string): Promise<void> {
  assertCan(actor, "serial.write");
  const k = ownKind(kind);
  try {
    await db.$transaction(async (tx) => {
      const s = z.uuid().safeParse(id).success ? await table(tx, k).findUnique({ where: { id } }) : null;
      if (!s) throw new AppError("NOT_FOUND", "Purchase source not found.");
      await table(tx, k).delete({ where: { id } });
      await writeAudit(tx, actor, { action: "serial_source.delete", entity: k, entityId: id, before: dto(k, s) });
    });
  } catch (e) {
    const err = fromDatabaseError(e);
    if (err instanceof AppError && err.code === "IN_USE") throw new AppError("IN_USE", "Serial items come from this source; it cannot be deleted.");
    throw err;
  }
}
