import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { FloorHeader } from "@/components/floor/floor-header";
import { FloorRuntime, OutboxBadge } from "@/components/floor/floor-runtime";
import { FloorUserProvider } from "@/components/floor/floor-user";
import { RegisterServiceWorker } from "@/components/floor/pwa/register-sw";
import { currentUser } from "@/lib/auth/session";
import { LOCALE_NAMES, type Locale } from "@/lib/i18n/config";
import { setLocale } from "@/lib/i18n/set-locale";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("floor");
  return { title: t("title") };
}

// A dark status bar on phones matches the header.
export const viewport: Viewport = { themeColor: "#18181b" };

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1][0] ?? "") : "")).toUpperCase() || "?";
}

// The handheld screens have their own minimal shell (no sidebar): a top bar with Back, the screen,
// the language and the user. Access is checked by each page (requireFloor), as in the app shell.
export default async function FloorLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) return children;
  const [t, locale] = await Promise.all([getTranslations("floor"), getLocale()]);
  const other: Locale = locale === "zh" ? "en" : "zh";
  const language = (
    <form action={setLocale}>
      <button
        type="submit"
        name="locale"
        value={other}
        lang={other === "zh" ? "zh-Hans" : "en"}
        aria-label={t("switchLanguage", { language: LOCALE_NAMES[other] })}
        className="flex h-11 min-w-12 items-center justify-center rounded-xl border border-white/25 px-3 text-base font-semibold active:bg-white/15"
      >
        {other === "zh" ? "中文" : "EN"}
      </button>
    </form>
  );
  return (
    <FloorUserProvider user={{ id: user.id, name: user.name }}>
      <div className="min-h-dvh bg-zinc-100 text-zinc-950">
        <FloorRuntime />
        <FloorHeader
          titles={{
            "/floor": t("title"),
            "/floor/receive": t("receive"),
            "/floor/issue": t("issue"),
            "/floor/move": t("move"),
            "/floor/count": t("count"),
            "/floor/lookup": t("lookup"),
            "/floor/serials": t("serial.title"),
            "/floor/pick": t("picking.title"),
            "/floor/sync": t("sync"),
          }}
          initials={initials(user.name)}
          userName={user.name}
          labels={{ back: t("back"), exit: t("exit"), home: t("title") }}
          language={language}
          status={<OutboxBadge />}
        />
        <main id="main" className="mx-auto w-full max-w-xl px-3 pt-4 pb-10 sm:px-4">
          {children}
        </main>
        <RegisterServiceWorker />
      </div>
    </FloorUserProvider>
  );
}
