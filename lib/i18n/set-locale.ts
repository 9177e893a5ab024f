"use server";
// The language switcher's server action: remembers the choice for a year and re-renders the page
// in the new language (no locale in the URL, so the same route simply refreshes).
import { refresh } from "next/cache";
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "./config";

export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: false,
    secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https://"),
  });
  refresh();
}
