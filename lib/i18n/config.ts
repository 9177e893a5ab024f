export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "locale";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** The BCP 47 tag for <html lang>: our "zh" is Simplified Chinese. */
export function htmlLang(locale: string): string {
  return locale === "zh" ? "zh-Hans" : "en";
}

/** Each language names itself in the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", zh: "简体中文" };
