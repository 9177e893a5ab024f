import type { Actor } from "../auth/permissions";
import type { DbClient } from "../db";
import { Prisma } from "../db";

export type AuditEntry = {
  action: string; // e.g. "product.create"
  entity: string; // e.g. "product"
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit row inside the caller's transaction, so it commits or rolls back with the change. */
export async function writeAudit(tx: DbClient, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      channel: actor?.channel ?? "job",
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  // Dates, Decimals and BigInts become strings; the row stays plain JSON.
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
