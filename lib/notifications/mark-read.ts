import { z } from "zod";
import type { Actor } from "../auth/permissions";
import { db } from "../db";
import { parse } from "../validation";

const idsSchema = z.array(z.uuid()).max(200);

/** Marks the given notifications of the signed-in user read, or all of them when `ids` is "all". */
export async function markNotificationsRead(actor: Actor, ids: unknown): Promise<{ updated: number }> {
  const where = ids === "all" ? { userId: actor.id, readAt: null } : { userId: actor.id, readAt: null, id: { in: parse(idsSchema, ids) } };
  const r = await db.notification.updateMany({ where, data: { readAt: new Date() } });
  return { updated: r.count };
}
