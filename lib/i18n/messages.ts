// The message catalogues: messages/<locale>/<namespace>.json, one file per area, merged into one
// object per locale. Plain Node (no request context): the request config (./request.ts), emails
// and jobs read them through here.
import fs from "node:fs/promises";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import type { Locale } from "./config";
import type { Translator } from "./translate-error";

export type Messages = Record<string, unknown>;
const cache = new Map<Locale, Promise<Messages>>();

async function load(locale: Locale): Promise<Messages> {
  const dir = path.join(process.cwd(), "messages", locale);
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const out: Messages = {};
  for (const f of files) out[f.replace(/\.json$/, "")] = JSON.parse(await fs.readFile(path.join(dir, f), "utf8"));
  return out;
}

/** Read once per process; in development on every call, so an edited catalogue shows at once. */
export function loadMessages(locale: Locale): Promise<Messages> {
  if (process.env.NODE_ENV === "development") return load(locale);
  if (!cache.has(locale)) cache.set(locale, load(locale));
  return cache.get(locale)!;
}

/** A translator over every namespace of `locale`, outside a request (emails, jobs, tests). */
export async function translatorFor(locale: Locale): Promise<Translator> {
  return createTranslator({ locale, messages: await loadMessages(locale), timeZone: "UTC" }) as unknown as Translator;
}
