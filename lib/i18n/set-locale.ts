"use server";
// The language switcher's server action: remembers the choice for a year and re-renders the page
// in the new language (no locale in the URL, so the same route simply refreshes). A signed-in user's
// choice also becomes the language of their emails (lib/users/set-own-locale.ts).
import { refresh } from "next/cache";
import { cookies } from "next/headers";
import { currentUser } from "../auth/session";
import { log } from "../log";
import { setOwnLocale } from "../users/set-own-locale";
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
  const user = await currentUser();
  if (user) await setOwnLocale({ id: user.id, role: user.role, channel: "web" }, locale).catch((e: unknown) => log.error("could not store the user's language", { err: e }));
  refresh();
}
