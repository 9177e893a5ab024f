// Notifying people: an in-app notification per recipient (the bell) and one email to all of them,
// written inside the caller's transaction. Both are keyed by `dedupeKey`, so a job that runs twice
// notifies once; the email goes out through the outbox after commit (email.send job).
import crypto from "node:crypto";
import { can, ROLES, type Action } from "../auth/permissions";
import type { DbClient } from "../db";
import { writeOutbox } from "../queue/outbox";

export type Recipient = { id: string; email: string };

export const NOTIFICATION_KINDS = ["alert.opened", "alert.escalated", "reconcile.discrepancy", "purchase.changed"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Active users whose role may do `action` (e.g. alert.acknowledge → managers and admins). */
export async function recipientsFor(tx: DbClient, action: Action): Promise<Recipient[]> {
  const roles = ROLES.filter((r) => can(r, action));
  return tx.user.findMany({ where: { active: true, role: { in: roles } }, select: { id: true, email: true }, orderBy: { email: "asc" } });
}

export type Notice = {
  kind: NotificationKind;
  /** What the UI needs to render the text in the reader's language. */
  data: Record<string, unknown>;
  dedupeKey: string;
  alertId?: string;
  email?: { subject: string; text: string };
};

/** Returns whether an email was queued (false when it was already, or there is nobody to mail). */
export async function notify(tx: DbClient, recipients: Recipient[], notice: Notice): Promise<{ notified: number; emailQueued: boolean }> {
  if (recipients.length === 0) return { notified: 0, emailQueued: false };
  const created = await tx.notification.createMany({
    data: recipients.map((r) => ({ userId: r.id, kind: notice.kind, data: notice.data as object, dedupeKey: notice.dedupeKey, alertId: notice.alertId ?? null })),
    skipDuplicates: true,
  });
  let emailQueued = false;
  if (notice.email) {
    const to = [...new Set(recipients.map((r) => r.email))];
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO email_messages (id, "to", subject, text, dedupe_key)
      VALUES (${crypto.randomUUID()}::uuid, ${to}::text[], ${notice.email.subject}, ${notice.email.text}, ${notice.dedupeKey})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id::text AS id`;
    if (rows.length) {
      await writeOutbox(tx, "email.requested", { emailId: rows[0].id });
      emailQueued = true;
    }
  }
  return { notified: created.count, emailQueued };
}

/** The public URL of the app for links in emails. */
export function appUrl(path = "/"): string {
  const base = (process.env.APP_URL || process.env.AUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path}`;
}
