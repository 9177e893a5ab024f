// Customers (docs/outbound.md): create, edit, soft delete, read. Every change locks the row and
// writes an audit row in its transaction.
import { z } from "zod";
import type { Customer } from "../generated/prisma/client";
import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db, type DbClient } from "../db";
import { readDb } from "../read-replica";
import { AppError, fromDatabaseError } from "../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { parse } from "../validation";
import { customerCreateSchema, customerListQuerySchema, customerUpdateSchema, type CustomerDto } from "./schemas";
import { SO_OPEN } from "./states";

export function customerDto(c: Customer): CustomerDto {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    contact: c.contact,
    email: c.email,
    phone: c.phone,
    billingAddress: c.billingAddress,
    shippingAddress: c.shippingAddress,
    currency: c.currency,
    notes: c.notes,
    deleted: c.deletedAt !== null,
  };
}

/** A customer by code (case-insensitive), not deleted; `lock`: FOR UPDATE, `share`: FOR SHARE. */
export async function findCustomer(tx: DbClient, code: string, opts: { lock?: boolean; share?: boolean } = {}): Promise<Customer> {
  const c = code.trim().toUpperCase();
  if (opts.lock) await tx.$queryRaw`SELECT 1 FROM customers WHERE code = ${c} AND deleted_at IS NULL FOR UPDATE`;
  else if (opts.share) await tx.$queryRaw`SELECT 1 FROM customers WHERE code = ${c} AND deleted_at IS NULL FOR SHARE`;
  const row = await tx.customer.findFirst({ where: { code: c, deletedAt: null } });
  if (!row) throw new AppError("NOT_FOUND", `Customer ${c} not found.`, undefined, { key: "sales.errors.customerNotFound", params: { code: c } });
  return row;
}

export async function listCustomers(actor: Actor, query: unknown): Promise<Page<CustomerDto>> {
  assertCan(actor, "sales.read");
  const q = parse(customerListQuerySchema, query);
  const after = decodeCursor(q.cursor, z.string());
  const rows = await readDb().customer.findMany({
    where: {
      deletedAt: null,
      ...(q.q ? { OR: [{ code: { contains: q.q, mode: "insensitive" } }, { name: { contains: q.q, mode: "insensitive" } }] } : {}),
      ...(after ? { code: { gt: after } } : {}),
    },
    orderBy: { code: "asc" },
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, (r) => r.code, customerDto);
}

export async function getCustomer(actor: Actor, code: string): Promise<CustomerDto> {
  assertCan(actor, "sales.read");
  return customerDto(await findCustomer(db, code));
}

export async function createCustomer(actor: Actor, input: unknown): Promise<CustomerDto> {
  assertCan(actor, "sales.write");
  const data = parse(customerCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const c = await tx.customer.create({ data });
      const dto = customerDto(c);
      await writeAudit(tx, actor, { action: "customer.create", entity: "customer", entityId: c.id, after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

export async function updateCustomer(actor: Actor, code: string, input: unknown): Promise<CustomerDto> {
  assertCan(actor, "sales.write");
  const data = parse(customerUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await findCustomer(tx, code, { lock: true });
      const after = await tx.customer.update({ where: { id: before.id }, data });
      const dto = customerDto(after);
      await writeAudit(tx, actor, { action: "customer.update", entity: "customer", entityId: before.id, before: customerDto(before), after: dto });
      return dto;
    });
  } catch (e) {
    throw fromDatabaseError(e);
  }
}

/** Soft delete; refused with IN_USE while the customer has orders still to ship (or drafts). */
export async function deleteCustomer(actor: Actor, code: string): Promise<CustomerDto> {
  assertCan(actor, "sales.write");
  return db.$transaction(async (tx) => {
    // Order creation takes FOR SHARE on the customer: it waits for us, or we see its order.
    const before = await findCustomer(tx, code, { lock: true });
    const open = await tx.salesOrder.count({ where: { customerId: before.id, status: { in: ["draft", ...SO_OPEN] } } });
    if (open > 0) {
      throw new AppError("IN_USE", `Customer ${before.code} has ${open} open order(s); ship or cancel them first.`, { orders: open }, {
        key: "sales.errors.inUse",
        params: { code: before.code, count: open },
      });
    }
    const after = await tx.customer.update({ where: { id: before.id }, data: { deletedAt: new Date() } });
    await writeAudit(tx, actor, { action: "customer.delete", entity: "customer", entityId: before.id, before: customerDto(before), after: customerDto(after) });
    return customerDto(after);
  });
}
