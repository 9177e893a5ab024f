import type { Actor } from "../auth/permissions";
import { db } from "../db";
import type { NotificationKind } from "./notify";

/** `resolved`: the notice's alert has been resolved since (stock recovered); such a notice is never unread. */
export type NotificationDto = { id: string; kind: NotificationKind; data: Record<string, unknown>; read: boolean; resolved: boolean; createdAt: string };
export type Inbox = { unread: number; items: NotificationDto[] };

/** The signed-in user's latest notifications and unread count (the bell). Everyone has an inbox. */
export async function listNotifications(actor: Actor, limit = 10): Promise<Inbox> {
  const take = Math.min(Math.max(1, Math.trunc(limit) || 10), 50);
  const [unread, rows] = await Promise.all([
    // A notice of an alert resolved since does not count, even one left unread before resolving marked it read.
    db.notification.count({ where: { userId: actor.id, readAt: null, OR: [{ alertId: null }, { alert: { status: { not: "resolved" } } }] } }),
    db.notification.findMany({
      where: { userId: actor.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      include: { alert: { select: { status: true } } },
    }),
  ]);
  return {
    unread,
    items: rows.map((n) => {
      const resolved = n.alert?.status === "resolved";
      return { id: n.id, kind: n.kind as NotificationKind, data: n.data as Record<string, unknown>, read: n.readAt !== null || resolved, resolved, createdAt: n.createdAt.toISOString() };
    }),
  };
}
