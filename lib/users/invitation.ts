// The invitation email of a new user: where to sign in and with which email. It never carries the
// password; the admin gives the initial one in person. Sent through the outbox (email.send job).
import crypto from "node:crypto";
import type { DbClient } from "../db";
import { appUrl } from "../notifications/notify";
import { writeOutbox } from "../queue/outbox";

export async function queueInvitation(tx: DbClient, user: { id: string; email: string; name: string }): Promise<void> {
  const url = appUrl("/login");
  const subject = "Your WMS account / 您的 WMS 账户";
  const text = [
    `Hello ${user.name},`,
    "",
    `An account was created for you in the warehouse management system. Sign in at ${url} with the email ${user.email}`,
    "and the initial password your administrator gives you.",
    "",
    `您好 ${user.name}，`,
    "",
    `系统已为您创建仓库管理系统账户。请访问 ${url}，使用邮箱 ${user.email} 和管理员提供的初始密码登录。`,
  ].join("\n");
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO email_messages (id, "to", subject, text, dedupe_key)
    VALUES (${crypto.randomUUID()}::uuid, ${[user.email]}::text[], ${subject}, ${text}, ${`user.invite:${user.id}`})
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id::text AS id`;
  if (rows.length) await writeOutbox(tx, "email.requested", { emailId: rows[0].id });
}
