// Warehouses and locations: list, create, edit. Location codes are unique system-wide.
import { z } from "zod";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient, type Prisma } from "../db";
import { readDb } from "../read-replica";
import { AppError, fromDatabaseError } from "../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { decodeSortCursor, defineSort, sortCursor, isDefaultSort, prismaAfter, prismaOrder, type Sort } from "../sorting";
import { parse } from "../validation";
import {
  locationCreateSchema,
  locationListQuerySchema,
  locationUpdateSchema,
  warehouseCreateSchema,
  warehouseUpdateSchema,
  type LocationDto,
} from "./schemas";

const withWarehouse = { warehouse: { select: { code: true } } } as const;
type LocationRow = Prisma.LocationGetPayload<{ include: typeof withWarehouse }>;

function toDto(l: LocationRow): LocationDto {
  return { id: l.id, code: l.code, name: l.name, kind: l.kind, capacity: l.capacity, barcode: l.barcode, active: l.active, warehouse: l.warehouse.code };
}

async function resolveWarehouseId(tx: DbClient, ref: string): Promise<string> {
  const w = await tx.warehouse.findFirst({ where: { OR: [{ code: ref.toUpperCase() }, ...(z.uuid().safeParse(ref).success ? [{ id: ref }] : [])] } });
  if (!w) throw new AppError("VALIDATION_FAILED", "Unknown warehouse.", { issues: [{ path: "warehouse", message: "Unknown warehouse." }] });
  return w.id;
}

export async function listWarehouses(actor: Actor) {
  assertCan(actor, "location.read");
  return readDb().warehouse.findMany({ orderBy: { code: "asc" }, include: { _count: { select: { locations: true } } } });
}

export async function createWarehouse(actor: Actor, input: unknown) {
  assertCan(actor, "location.write");
  const data = parse(warehouseCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const w = await tx.warehouse.create({ data });
      await writeAudit(tx, actor, { action: "warehouse.create", entity: "warehouse", entityId: w.id, after: w });
      return w;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateWarehouse(actor: Actor, code: string, input: unknown) {
  assertCan(actor, "location.write");
  const data = parse(warehouseUpdateSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.warehouse.findUnique({ where: { code } });
    if (!before) throw new AppError("NOT_FOUND", `Warehouse ${code} not found.`);
    const after = await tx.warehouse.update({ where: { id: before.id }, data });
    await writeAudit(tx, actor, { action: "warehouse.update", entity: "warehouse", entityId: before.id, before, after });
    return after;
  });
}

/** Columns the locations page can sort by (the API always lists by code). */
export const locationSort = defineSort(["code", "name"], { sort: "code", dir: "asc" });
export type LocationSortColumn = (typeof locationSort.columns)[number];

export async function listLocations(actor: Actor, query: unknown, opts: { sort?: Sort<LocationSortColumn> } = {}): Promise<Page<LocationDto>> {
  assertCan(actor, "location.read");
  const q = parse(locationListQuerySchema, query);
  const sort = opts.sort ?? locationSort.default;
  const plain = isDefaultSort(locationSort, sort);
  const after = plain ? decodeCursor(q.cursor, z.string()) : undefined;
  const sortedAfter = plain ? undefined : decodeSortCursor(q.cursor, sort, 2);
  const keyset = prismaAfter(sort.sort, sort.dir, sortedAfter) as Prisma.LocationWhereInput | undefined;
  const where: Prisma.LocationWhereInput = {
    ...(q.q ? { OR: [{ code: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] } : {}),
    ...(q.warehouse ? { warehouse: { code: q.warehouse.toUpperCase() } } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.active !== undefined ? { active: q.active } : {}),
    ...(after ? { code: { gt: after } } : {}),
    ...(keyset ? { AND: [keyset] } : {}),
  };
  const orderBy = plain ? { code: "asc" as const } : (prismaOrder(sort.sort, sort.dir) as Prisma.LocationOrderByWithRelationInput[]);
  const rows = await readDb().location.findMany({ where, include: withWarehouse, orderBy, take: q.limit + 1 });
  return toPage(rows, q.limit, (r) => (plain ? r.code : sortCursor(sort, [r[sort.sort], r.id])), toDto);
}

export async function getLocation(actor: Actor, code: string): Promise<LocationDto> {
  assertCan(actor, "location.read");
  const l = await db.location.findUnique({ where: { code: code.toUpperCase() }, include: withWarehouse });
  if (!l) throw new AppError("NOT_FOUND", `Location ${code} not found.`);
  return toDto(l);
}

export async function createLocation(actor: Actor, input: unknown): Promise<LocationDto> {
  assertCan(actor, "location.write");
  const data = parse(locationCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const warehouseId = await resolveWarehouseId(tx, data.warehouse);
      const l = await tx.location.create({
        data: {
          code: data.code,
          name: data.name || data.code,
          kind: data.kind ?? "storage",
          capacity: data.capacity ?? null,
          barcode: data.barcode ?? data.code,
          active: data.active ?? true,
          warehouseId,
        },
        include: withWarehouse,
      });
      const dto = toDto(l);
      await writeAudit(tx, actor, { action: "location.create", entity: "location", entityId: l.id, after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateLocation(actor: Actor, code: string, input: unknown): Promise<LocationDto> {
  assertCan(actor, "location.write");
  const data = parse(locationUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.location.findUnique({ where: { code: code.toUpperCase() }, include: withWarehouse });
      if (!before) throw new AppError("NOT_FOUND", `Location ${code} not found.`);
      const warehouseId = data.warehouse ? await resolveWarehouseId(tx, data.warehouse) : undefined;
      const l = await tx.location.update({
        where: { id: before.id },
        data: {
          name: data.name || undefined,
          kind: data.kind,
          capacity: data.capacity,
          barcode: data.barcode === null ? before.code : data.barcode,
          active: data.active,
          warehouseId,
        },
        include: withWarehouse,
      });
      const dto = toDto(l);
      await writeAudit(tx, actor, { action: "location.update", entity: "location", entityId: l.id, before: toDto(before), after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}
