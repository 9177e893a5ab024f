// next-intl without locale routing: the language comes from a cookie (set by the switcher),
// falling back to the browser's Accept-Language, then English.
// Messages live in messages/<locale>/<namespace>.json, one file per area, merged here.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./config";
import { LOCALE_COOKIE } from "./config";
import { loadMessages } from "./messages";

export { loadMessages };

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  let locale: Locale = DEFAULT_LOCALE;
  if (isLocale(fromCookie)) locale = fromCookie;
  else if (/^zh\b/i.test((await headers()).get("accept-language") ?? "")) locale = "zh";
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});

export { LOCALES };
