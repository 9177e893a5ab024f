import { assertCan, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError } from "../errors";
import { parse } from "../validation";
import { alertIdSchema } from "./schemas";

/**
 * A manager takes charge of an open alert. Acknowledging twice is harmless; a resolved alert cannot
 * be acknowledged. The alert stays unresolved until stock recovers, and an escalation reopens it.
 */
export async function acknowledgeAlert(actor: Actor, alertId: unknown): Promise<{ id: string; status: "acknowledged" }> {
  assertCan(actor, "alert.acknowledge");
  const id = parse(alertIdSchema, alertId);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; level: string }[]>`
      SELECT status::text AS status, level::text AS level FROM stock_alerts WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "Alert not found.");
    if (row.status === "resolved") throw new AppError("INVALID_TRANSITION", "This alert is already resolved.", { status: row.status });
    if (row.status === "open") {
      await tx.stockAlert.update({ where: { id }, data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedById: actor.id } });
      await writeAudit(tx, actor, { action: "alert.acknowledge", entity: "alert", entityId: id, before: { status: "open", level: row.level }, after: { status: "acknowledged", level: row.level } });
    }
    // The acknowledging user has seen it: their notifications of this alert are read.
    await tx.notification.updateMany({ where: { alertId: id, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
    return { id, status: "acknowledged" as const };
  });
}
