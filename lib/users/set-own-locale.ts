// The language a signed-in user last picked in the switcher becomes the language of their emails
// (users.locale); the user form edits it too (update-user.ts). Anyone may set their own.
import { writeAudit } from "../audit/write-audit";
import type { Actor } from "../auth/permissions";
import { db } from "../db";
import { LOCALES } from "../i18n/config";
import { parse } from "../validation";
import { z } from "zod";

const localeSchema = z.enum(LOCALES);

export async function setOwnLocale(actor: Actor, input: unknown): Promise<{ locale: string }> {
  const locale = parse(localeSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { locale: true } });
    if (before.locale === locale) return { locale };
    await tx.user.update({ where: { id: actor.id }, data: { locale } });
    await writeAudit(tx, actor, { action: "user.locale", entity: "user", entityId: actor.id, before, after: { locale } });
    return { locale };
  });
}
