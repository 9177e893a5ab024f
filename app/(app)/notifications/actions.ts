"use server";
// The bell's server actions: the signed-in user's inbox (polled) and "mark all as read".
import { runAction } from "@/lib/action";
import { listNotifications, type Inbox } from "@/lib/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-read";

export async function inboxAction(): Promise<Inbox | null> {
  const r = await runAction((actor) => listNotifications(actor));
  return r.ok ? r.data : null;
}

export async function markAllReadAction(): Promise<Inbox | null> {
  const r = await runAction(async (actor) => {
    await markNotificationsRead(actor, "all");
    return listNotifications(actor);
  });
  return r.ok ? r.data : null;
}
