// Delivers one email_messages row (job email.send). SMTP through nodemailer when SMTP_URL is set.
// Without it, development and tests write the exact RFC 822 message to MAIL_CAPTURE_DIR
// (default .data/mail) as <created>-<id>.eml, so a human or a test reads the real thing; production
// without SMTP_URL (and without an explicit MAIL_CAPTURE_DIR) marks the email skipped and logs it.
//
// At most once per row: the row is locked while sending and flipped to `sent` in the same
// transaction, so a second run finds it sent. Only a crash after the SMTP server accepted the message
// and before the commit can send it again; the Message-ID is stable, so mail systems can tell.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "../db";
import { log } from "../log";

type Mode = { kind: "smtp"; url: string } | { kind: "capture"; dir: string } | { kind: "disabled" };

/** SMTP when configured; else capture — always in development and tests, in production only when MAIL_CAPTURE_DIR is set (the demo). */
export function mailMode(): Mode {
  if (process.env.SMTP_URL) return { kind: "smtp", url: process.env.SMTP_URL };
  if (process.env.NODE_ENV === "production" && !process.env.MAIL_CAPTURE_DIR) return { kind: "disabled" };
  return { kind: "capture", dir: path.resolve(process.env.MAIL_CAPTURE_DIR || path.join(".data", "mail")) };
}

export function mailFrom(): string {
  return process.env.MAIL_FROM || "WMS <wms@localhost>";
}

const g = globalThis as unknown as { __smtp?: { url: string; transport: Transporter } };

function smtpTransport(url: string): Transporter {
  if (g.__smtp?.url !== url) {
    g.__smtp?.transport.close();
    g.__smtp = { url, transport: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never) };
  }
  return g.__smtp.transport;
}

export function closeMail(): void {
  g.__smtp?.transport.close();
  g.__smtp = undefined;
}

type EmailRow = { id: string; to: string[]; subject: string; text: string; dedupe_key: string; status: string; created_at: Date };

export type DeliveryOutcome = "sent" | "captured" | "skipped" | "already" | "missing";

/** `final`: this is the last attempt, so a failure marks the email failed. */
export async function deliverEmail(emailId: string, opts: { final?: boolean } = {}): Promise<DeliveryOutcome> {
  try {
    return await db.$transaction(
      async (tx) => {
        const [m] = await tx.$queryRaw<EmailRow[]>`
          SELECT id::text AS id, "to", subject, text, dedupe_key, status::text AS status, created_at
          FROM email_messages WHERE id = ${emailId}::uuid FOR UPDATE`;
        if (!m) return "missing";
        if (m.status !== "pending") return "already";
        const mode = mailMode();
        if (mode.kind === "disabled") {
          log.warn("email not sent: SMTP_URL is not set", { emailId, subject: m.subject });
          await tx.$executeRaw`UPDATE email_messages SET status = 'skipped', last_error = 'SMTP_URL is not set', attempts = attempts + 1 WHERE id = ${emailId}::uuid`;
          return "skipped";
        }
        const message = {
          from: mailFrom(),
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: `<${m.id}@wms.local>`,
          date: m.created_at,
          headers: { "X-WMS-Ref": m.dedupe_key },
        };
        if (mode.kind === "smtp") {
          await smtpTransport(mode.url).sendMail(message);
        } else {
          const raw = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
          await fs.mkdir(mode.dir, { recursive: true });
          const stamp = m.created_at.toISOString().replace(/[-:.]/g, "");
          // Same name on every attempt: a repeated capture overwrites, never duplicates.
          await fs.writeFile(path.join(mode.dir, `${stamp}-${m.id}.eml`), raw.message as Buffer);
        }
        await tx.$executeRaw`UPDATE email_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${emailId}::uuid`;
        return mode.kind === "smtp" ? "sent" : "captured";
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await db.$executeRaw`
      UPDATE email_messages SET attempts = attempts + 1, last_error = ${error.slice(0, 2000)},
        status = CASE WHEN ${opts.final ?? false} THEN 'failed'::"EmailStatus" ELSE status END
      WHERE id = ${emailId}::uuid AND status = 'pending'`;
    throw e;
  }
}
