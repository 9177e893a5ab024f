// The guard rails every change of a user's role or active flag passes through: nobody demotes or
// deactivates themself, and the last active admin stays an active admin.
import type { Actor } from "../auth/permissions";
import type { DbClient } from "../db";
import { AppError } from "../errors";

/**
 * Serialises role and active-flag changes: take it first in the transaction, then read the user,
 * so two admins demoting each other at once cannot leave the system without one.
 */
export async function lockUserRoles(tx: DbClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('users:roles', 0))`;
}

/** Call inside the transaction, after lockUserRoles and before the change. */
export async function assertKeepsAnAdmin(
  tx: DbClient,
  actor: Actor,
  target: { id: string; role: string; active: boolean },
  next: { role: string; active: boolean },
): Promise<void> {
  const losesAdmin = target.role === "admin" && target.active && (next.role !== "admin" || !next.active);
  if (!losesAdmin) return;
  if (target.id === actor.id) {
    throw new AppError("INVALID_TRANSITION", "You cannot deactivate or demote yourself.", { reason: "self" });
  }
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: target.id } } });
  if (others === 0) {
    throw new AppError("INVALID_TRANSITION", "The last active admin cannot be deactivated or demoted.", { reason: "lastAdmin" });
  }
}
