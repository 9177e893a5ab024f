// next-intl without locale routing: the language comes from a cookie (set by the switcher),
// falling back to the browser's Accept-Language, then English.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./config";

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  let locale: Locale = DEFAULT_LOCALE;
  if (isLocale(fromCookie)) locale = fromCookie;
  else if (/^zh\b/i.test((await headers()).get("accept-language") ?? "")) locale = "zh";
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default, timeZone: "UTC" };
});
