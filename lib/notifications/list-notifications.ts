import type { Actor } from "../auth/permissions";
import { db } from "../db";
import type { NotificationKind } from "./notify";

export type NotificationDto = { id: string; kind: NotificationKind; data: Record<string, unknown>; read: boolean; createdAt: string };
export type Inbox = { unread: number; items: NotificationDto[] };

/** The signed-in user's latest notifications and unread count (the bell). Everyone has an inbox. */
export async function listNotifications(actor: Actor, limit = 10): Promise<Inbox> {
  const take = Math.min(Math.max(1, Math.trunc(limit) || 10), 50);
  const [unread, rows] = await Promise.all([
    db.notification.count({ where: { userId: actor.id, readAt: null } }),
    db.notification.findMany({ where: { userId: actor.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }),
  ]);
  return {
    unread,
    items: rows.map((n) => ({ id: n.id, kind: n.kind as NotificationKind, data: n.data as Record<string, unknown>, read: n.readAt !== null, createdAt: n.createdAt.toISOString() })),
  };
}
