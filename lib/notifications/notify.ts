// Notifying people: an in-app notification per recipient (the bell) and one email per language to
// the recipients who read it (users.locale), written inside the caller's transaction. Both are keyed
// by `dedupeKey` (an email in another language than English by `<dedupeKey>:<locale>`), so a job
// that runs twice notifies once; the emails go out through the outbox after commit (email.send job).
import crypto from "node:crypto";
import { can, ROLES, type Action } from "../auth/permissions";
import type { DbClient } from "../db";
import { isLocale, LOCALES, type Locale } from "../i18n/config";
import { writeOutbox } from "../queue/outbox";

export type Recipient = { id: string; email: string; locale: string };
/** The columns of a Recipient, for the queries that find them. */
export const recipientSelect = { id: true, email: true, locale: true } as const;
export type EmailContent = { subject: string; text: string };

export const NOTIFICATION_KINDS = ["alert.opened", "alert.escalated", "reconcile.discrepancy", "purchase.changed", "webhook.disabled"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Active users whose role may do `action` (e.g. alert.acknowledge → managers and admins). */
export async function recipientsFor(tx: DbClient, action: Action): Promise<Recipient[]> {
  const roles = ROLES.filter((r) => can(r, action));
  return tx.user.findMany({ where: { active: true, role: { in: roles } }, select: recipientSelect, orderBy: { email: "asc" } });
}

export type Notice = {
  kind: NotificationKind;
  /** What the UI needs to render the text in the reader's language. */
  data: Record<string, unknown>;
  dedupeKey: string;
  alertId?: string;
  /** The email in a language (messages/<locale>/emails.json); rendered once per language needed. */
  email?: (locale: Locale) => EmailContent | Promise<EmailContent>;
};

/** The recipients by the language they read (an unknown one reads English). */
function byLocale(recipients: Recipient[]): [Locale, string[]][] {
  const groups = new Map<Locale, Set<string>>();
  for (const r of recipients) {
    const l = isLocale(r.locale) ? r.locale : "en";
    if (!groups.has(l)) groups.set(l, new Set());
    groups.get(l)!.add(r.email);
  }
  return LOCALES.filter((l) => groups.has(l)).map((l) => [l, [...groups.get(l)!]]);
}

/** Returns whether an email was queued (false when it was already, or there is nobody to mail). */
export async function notify(tx: DbClient, recipients: Recipient[], notice: Notice): Promise<{ notified: number; emailQueued: boolean }> {
  if (recipients.length === 0) return { notified: 0, emailQueued: false };
  // One statement whatever the number of recipients (an alert storm × every manager stays cheap).
  const notified = await tx.$executeRaw`
    INSERT INTO notifications (id, user_id, kind, data, dedupe_key, alert_id)
    SELECT uuid_v7(clock_timestamp()), u, ${notice.kind}, ${JSON.stringify(notice.data)}::jsonb, ${notice.dedupeKey}, ${notice.alertId ?? null}::uuid
    FROM unnest(${recipients.map((r) => r.id)}::uuid[]) AS u
    ON CONFLICT (user_id, dedupe_key) DO NOTHING`;
  let emailQueued = false;
  if (notice.email) {
    for (const [locale, to] of byLocale(recipients)) {
      const mail = await notice.email(locale);
      const key = locale === "en" ? notice.dedupeKey : `${notice.dedupeKey}:${locale}`;
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO email_messages (id, "to", subject, text, dedupe_key)
        VALUES (${crypto.randomUUID()}::uuid, ${to}::text[], ${mail.subject}, ${mail.text}, ${key})
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id::text AS id`;
      if (rows.length) {
        await writeOutbox(tx, "email.requested", { emailId: rows[0].id });
        emailQueued = true;
      }
    }
  }
  return { notified, emailQueued };
}

/** The public URL of the app for links in emails. */
export function appUrl(path = "/"): string {
  const base = (process.env.APP_URL || process.env.AUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
  return `${base}${path}`;
}
