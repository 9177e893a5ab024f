// next-intl without locale routing: the language comes from a cookie (set by the switcher),
// falling back to the browser's Accept-Language, then English.
// Messages live in messages/<locale>/<namespace>.json, one file per area, merged here.
import fs from "node:fs/promises";
import path from "node:path";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./config";
import { LOCALE_COOKIE } from "./config";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Promise<Messages>>();

async function load(locale: Locale): Promise<Messages> {
  const dir = path.join(process.cwd(), "messages", locale);
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const out: Messages = {};
  for (const f of files) out[f.replace(/\.json$/, "")] = JSON.parse(await fs.readFile(path.join(dir, f), "utf8"));
  return out;
}

export function loadMessages(locale: Locale): Promise<Messages> {
  if (process.env.NODE_ENV !== "production") return load(locale);
  if (!cache.has(locale)) cache.set(locale, load(locale));
  return cache.get(locale)!;
}

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  let locale: Locale = DEFAULT_LOCALE;
  if (isLocale(fromCookie)) locale = fromCookie;
  else if (/^zh\b/i.test((await headers()).get("accept-language") ?? "")) locale = "zh";
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});

export { LOCALES };
