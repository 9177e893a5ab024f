// Serial items (docs/serials.md): create, read, edit, soft delete, arrival checks and the state
// transitions that move no stock. Every change locks the item row, writes one history row (who,
// channel, before/after per field) and an audit row in the same transaction.
//
// `arrived` and `out_of_stock` post `in` / `out` movements naming the serial through the movement
// engine, which moves the item with the stock and writes its history row.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma, type Tx } from "../db";
import { readDb } from "../read-replica";
import { AppError, fromDatabaseError } from "../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { findProductByCode } from "../purchasing/suppliers";
import { writeOutbox } from "../queue/outbox";
import { postMovement } from "../stock/post-movement";
import { parse } from "../validation";
import { generateIdentifier, normalizeIdentifier } from "./identifier";
import { imeiDigits } from "./imei";
import { serialItemCreateSchema, serialItemUpdateSchema, serialListQuerySchema, serialTransitionSchema, type SerialHistoryDto, type SerialItemDto, type SourceKind } from "./schemas";
import { sourceLabel } from "./sources";
import { decideSerial, nextArrivalCheck, type SerialStatus } from "./states";

const include = {
  product: { select: { sku: true, name: true } },
  location: { select: { code: true } },
  onlineOrder: true,
  purchaseOrder: { select: { id: true, number: true } },
  corporatePurchase: true,
  temporaryChannel: true,
} as const satisfies Prisma.SerialItemInclude;
type Row = Prisma.SerialItemGetPayload<{ include: typeof include }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function source(r: Row): SerialItemDto["source"] {
  const s = r.onlineOrder ?? r.purchaseOrder ?? r.corporatePurchase ?? r.temporaryChannel;
  return { kind: r.sourceKind, id: s!.id, label: sourceLabel(r.sourceKind, s as Record<string, unknown>) };
}

export function serialDto(r: Row): SerialItemDto {
  return {
    id: r.id,
    identifier: r.identifier,
    flag: r.flag,
    imei: r.imei,
    product: r.product,
    source: source(r),
    status: r.status,
    abnormalFrom: r.abnormalFrom,
    abnormalReason: r.abnormalReason,
    location: r.location?.code ?? null,
    transactionConfirmedAt: iso(r.transactionConfirmedAt),
    scheduledArrivalAt: iso(r.scheduledArrivalAt),
    checkedArrivalAt1: iso(r.checkedArrivalAt1),
    checkedArrivalAt2: iso(r.checkedArrivalAt2),
    actualArrivalAt: iso(r.actualArrivalAt),
    deleted: r.deletedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The fields history compares (what a person can see change). */
const UNTRACKED = new Set(["id", "createdAt", "updatedAt"]);
function tracked(d: SerialItemDto): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(d).filter(([k]) => !UNTRACKED.has(k)));
  return { ...rest, product: d.product.sku, source: `${d.source.kind}:${d.source.label}` };
}

/** One history row with the fields that changed (before/after); nothing when nothing changed. */
async function recordHistory(tx: DbClient, actor: Actor | null, itemId: string, action: string, before: SerialItemDto | null, after: SerialItemDto): Promise<void> {
  const b = before ? tracked(before) : {};
  const a = tracked(after);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(a)) {
    const bv = (b as Record<string, unknown>)[k] ?? null;
    if (JSON.stringify(bv) !== JSON.stringify(a[k] ?? null)) changes[k] = { before: bv, after: a[k] ?? null };
  }
  if (before && Object.keys(changes).length === 0) return;
  await tx.serialItemHistory.create({ data: { itemId, actorId: actor?.id ?? null, channel: actor?.channel ?? "job", action, changes: changes as Prisma.InputJsonValue } });
  await writeAudit(tx, actor, { action: `serial_item.${action}`, entity: "serial_item", entityId: itemId, before: before ?? undefined, after });
  if (changes.status) await writeOutbox(tx, "serial_item.status_changed", { itemId, identifier: after.identifier, action, from: before?.status ?? null, to: after.status });
}

/** The item by id or identifier or IMEI (any form a scanner gives), locked when `lock`. */
async function findItem(tx: DbClient, ref: string, opts: { lock?: boolean; includeDeleted?: boolean } = {}): Promise<Row> {
  const r = ref.trim();
  const id = z.uuid().safeParse(r).success ? r : null;
  const identifier = normalizeIdentifier(r);
  const imei = imeiDigits(r);
  const where: Prisma.SerialItemWhereInput = {
    OR: [...(id ? [{ id }] : []), ...(identifier ? [{ identifier }] : []), ...(imei ? [{ imei }] : [])],
    ...(opts.includeDeleted ? {} : { deletedAt: null }),
  };
  if (!id && !identifier && !imei) throw new AppError("NOT_FOUND", `No serial item ${r}.`);
  const found = await tx.serialItem.findFirst({ where, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", `No serial item ${r}.`);
  if (opts.lock) await tx.$queryRaw`SELECT 1 FROM serial_items WHERE id = ${found.id}::uuid FOR UPDATE`;
  return tx.serialItem.findUniqueOrThrow({ where: { id: found.id }, include });
}

async function resolveSource(tx: DbClient, kind: SourceKind, ref: string): Promise<Prisma.SerialItemUncheckedCreateInput> {
  const notFound = () => new AppError("VALIDATION_FAILED", "Unknown purchase source.", { issues: [{ path: "source.ref", message: "Unknown purchase source." }] });
  if (kind === "purchase_order") {
    const o = await tx.purchaseOrder.findUnique({ where: { number: ref.toUpperCase() }, select: { id: true } });
    if (!o) throw notFound();
    return { purchaseOrderId: o.id } as Prisma.SerialItemUncheckedCreateInput;
  }
  if (!z.uuid().safeParse(ref).success) throw notFound();
  const exists =
    kind === "online_order"
      ? await tx.onlineShopOrder.findUnique({ where: { id: ref }, select: { id: true } })
      : kind === "corporate_purchase"
        ? await tx.corporatePurchase.findUnique({ where: { id: ref }, select: { id: true } })
        : await tx.temporaryChannel.findUnique({ where: { id: ref }, select: { id: true } });
  if (!exists) throw notFound();
  const column = { online_order: "onlineOrderId", corporate_purchase: "corporatePurchaseId", temporary_channel: "temporaryChannelId" }[kind];
  return { [column]: ref } as unknown as Prisma.SerialItemUncheckedCreateInput;
}

const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

export async function createSerialItem(actor: Actor, input: unknown, tx?: Tx): Promise<SerialItemDto> {
  assertCan(actor, "serial.write");
  const data = parse(serialItemCreateSchema, input);
  const run = async (t: Tx) => {
    const product = await findProductByCode(t, data.sku, "sku");
    if (product.tracking !== "serial") {
      const message = `${product.sku} is not serial-tracked; make it serial-tracked first.`;
      throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: "sku", message }] });
    }
    const src = await resolveSource(t, data.source.kind, data.source.ref);
    const row = await t.serialItem.create({
      data: {
        ...src,
        identifier: generateIdentifier(),
        productId: product.id,
        sourceKind: data.source.kind,
        flag: data.flag ?? null,
        imei: data.imei ?? null,
        transactionConfirmedAt: toDate(data.transactionConfirmedAt),
        scheduledArrivalAt: toDate(data.scheduledArrivalAt),
      },
      include,
    });
    const dto = serialDto(row);
    await recordHistory(t, actor, row.id, "create", null, dto);
    return dto;
  };
  try {
    return tx ? await run(tx) : await db.$transaction(run);
  } catch (e) {
    throw imeiClash(fromDatabaseError(e));
  }
}

function imeiClash(e: unknown): unknown {
  if (e instanceof AppError && e.code === "DUPLICATE" && JSON.stringify(e.details ?? {}).includes("imei")) {
    return new AppError("DUPLICATE", "IMEI already exists.", { issues: [{ path: "imei", message: "IMEI already exists." }] });
  }
  return e;
}

export async function getSerialItem(actor: Actor, ref: string): Promise<SerialItemDto> {
  assertCan(actor, "serial.read");
  return serialDto(await findItem(db, ref, { includeDeleted: true }));
}

export async function listSerialItems(actor: Actor, query: unknown): Promise<Page<SerialItemDto>> {
  assertCan(actor, "serial.read");
  const q = parse(serialListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.uuid());
  const search = q.q?.trim();
  const identifier = search ? normalizeIdentifier(search) : null;
  const imei = search ? imeiDigits(search) : null;
  // The product is resolved first so the filter is an equality on product_id: with the
  // (product_id, status, id) index the newest page is read straight off the index.
  const productId = q.product ? await findProductId(q.product) : undefined;
  if (productId === null) return toPage([], q.limit, (r: Row) => r.id, serialDto);
  const where: Prisma.SerialItemWhereInput = {
    deletedAt: null,
    ...(q.status ? { status: q.status } : {}),
    ...(productId ? { productId } : {}),
    ...(q.sourceKind ? { sourceKind: q.sourceKind } : {}),
    ...(q.arrivedFrom || q.arrivedTo ? { actualArrivalAt: { ...(q.arrivedFrom ? { gte: new Date(q.arrivedFrom) } : {}), ...(q.arrivedTo ? { lte: new Date(q.arrivedTo) } : {}) } } : {}),
    ...(identifier ? { identifier } : imei ? { imei } : search ? { flag: { contains: search, mode: "insensitive" } } : {}),
    ...(after ? { id: { lt: after } } : {}),
  };
  const rows = await readDb().serialItem.findMany({ where, include, orderBy: { id: "desc" }, take: q.limit + 1 });
  return toPage(rows, q.limit, (r) => r.id, serialDto);
}

async function findProductId(code: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM products WHERE lower(sku) = lower(${code}) LIMIT 1`;
  return rows[0]?.id ?? null;
}

export async function updateSerialItem(actor: Actor, ref: string, input: unknown): Promise<SerialItemDto> {
  assertCan(actor, "serial.write");
  const data = parse(serialItemUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await findItem(tx, ref, { lock: true });
      const row = await tx.serialItem.update({
        where: { id: before.id },
        data: { flag: data.flag, imei: data.imei, transactionConfirmedAt: toDate(data.transactionConfirmedAt), scheduledArrivalAt: toDate(data.scheduledArrivalAt) },
        include,
      });
      const dto = serialDto(row);
      await recordHistory(tx, actor, row.id, "update", serialDto(before), dto);
      return dto;
    });
  } catch (e) {
    throw imeiClash(fromDatabaseError(e));
  }
}

/** Soft delete; an item on hand is refused (ship or write it off first). */
export async function deleteSerialItem(actor: Actor, ref: string): Promise<SerialItemDto> {
  assertCan(actor, "serial.write");
  return db.$transaction(async (tx) => {
    const before = await findItem(tx, ref, { lock: true });
    if (before.locationId) throw new AppError("IN_USE", `${before.identifier} is on hand at ${before.location!.code}; it cannot be deleted.`);
    const row = await tx.serialItem.update({ where: { id: before.id }, data: { deletedAt: new Date() }, include });
    const dto = serialDto(row);
    await recordHistory(tx, actor, row.id, "delete", serialDto(before), dto);
    return dto;
  });
}

/** Arrival check 1, then 2 (stamps while planned or in transit). */
export async function checkArrival(actor: Actor, ref: string): Promise<SerialItemDto> {
  assertCan(actor, "serial.write");
  return db.$transaction(async (tx) => {
    const before = await findItem(tx, ref, { lock: true });
    const next = nextArrivalCheck(before.status, before.checkedArrivalAt1, before.checkedArrivalAt2);
    if (next === null) {
      const message = before.checkedArrivalAt2 ? "Both arrival checks are done." : `A ${before.status.replace("_", " ")} item takes no arrival check.`;
      throw new AppError("INVALID_TRANSITION", message, { from: before.status, to: before.status, allowed: [] });
    }
    const row = await tx.serialItem.update({ where: { id: before.id }, data: next === 1 ? { checkedArrivalAt1: new Date() } : { checkedArrivalAt2: new Date() }, include });
    const dto = serialDto(row);
    await recordHistory(tx, actor, row.id, `arrival_check_${next}`, serialDto(before), dto);
    return dto;
  });
}

/**
 * One transition of the state table (lib/serials/states.ts). `arrived` and `out_of_stock` post a
 * movement of 1 naming the serial (in at the location given; out from where it is) through
 * postMovement: stock_post locks and checks the item with the stock rows, so of two clerks
 * arriving one item at once the second is refused — answered here as INVALID_TRANSITION from the
 * state the item is in by then.
 */
export async function transitionSerialItem(actor: Actor, ref: string, input: unknown): Promise<SerialItemDto> {
  assertCan(actor, "serial.write");
  const t = parse(serialTransitionSchema, input);
  const current = await findItem(db, ref);
  const d = decideSerial(current.status, t.to, current.abnormalFrom);
  if (!d.ok) throw invalidSerialTransition(d.from, d.to, d.allowed);
  if ("movement" in d.edge && d.edge.movement) return moveItem(actor, current, d.edge.movement, t.location ?? null);
  return db.$transaction(async (tx) => {
    const before = await findItem(tx, current.id, { lock: true });
    const again = decideSerial(before.status, t.to, before.abnormalFrom);
    if (!again.ok) throw invalidSerialTransition(again.from, again.to, again.allowed);
    const data: Prisma.SerialItemUncheckedUpdateInput =
      "resolve" in again.edge
        ? { status: again.edge.to, abnormalFrom: null, abnormalReason: null }
        : again.edge.to === "abnormal"
          ? { status: "abnormal", abnormalFrom: before.status as SerialStatus, abnormalReason: t.reason ?? null }
          : { status: again.edge.to };
    const row = await tx.serialItem.update({ where: { id: before.id }, data, include });
    const dto = serialDto(row);
    await recordHistory(tx, actor, row.id, "resolve" in again.edge ? "resolve" : `to_${again.edge.to}`, serialDto(before), dto);
    return dto;
  });
}

function invalidSerialTransition(from: SerialStatus, to: SerialStatus, allowed: SerialStatus[]): AppError {
  return new AppError("INVALID_TRANSITION", `A ${from.replace("_", " ")} item cannot become ${to.replace("_", " ")}.`, { from, to, allowed });
}

async function moveItem(actor: Actor, item: Row, type: "in" | "out", location: string | null): Promise<SerialItemDto> {
  if (type === "in" && !location) {
    throw new AppError("VALIDATION_FAILED", "Scan or choose the location it arrives at.", { issues: [{ path: "location", message: "Scan or choose the location it arrives at." }] });
  }
  try {
    await postMovement(actor, {
      type,
      reference: item.identifier,
      note: type === "in" ? "Serial item arrived" : "Serial item shipped",
      lines: [{ sku: item.product.sku, location: type === "in" ? location! : item.location!.code, quantity: 1, serials: [item.identifier] }],
    });
  } catch (e) {
    if (e instanceof AppError && e.details?.reason === "SERIAL_STATE") {
      const now = await findItem(db, item.id, { includeDeleted: true });
      const to: SerialStatus = type === "in" ? "arrived" : "out_of_stock";
      const d = decideSerial(now.status, to, now.abnormalFrom);
      throw invalidSerialTransition(now.status, to, d.ok ? [to] : d.allowed);
    }
    throw e;
  }
  return serialDto(await findItem(db, item.id, { includeDeleted: true }));
}

export async function serialItemHistory(actor: Actor, ref: string): Promise<SerialHistoryDto[]> {
  assertCan(actor, "serial.read");
  const item = await findItem(db, ref, { includeDeleted: true });
  const rows = await db.serialItemHistory.findMany({ where: { itemId: item.id }, include: { actor: { select: { id: true, name: true } } }, orderBy: { id: "asc" } });
  return rows.map((h) => ({
    id: h.id.toString(),
    action: h.action,
    channel: h.channel,
    actor: h.actor,
    changes: h.changes as SerialHistoryDto["changes"],
    createdAt: h.createdAt.toISOString(),
  }));
}
