import { getLocale, getTranslations } from "next-intl/server";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { setLocale } from "@/lib/i18n/set-locale";
import { cn } from "../ui/cn";
import { GlobeIcon } from "../ui/icons";

/** English / 简体中文 as a two-button group; a plain form, so it works before hydration too. */
export async function LocaleSwitcher({ className }: { className?: string }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("nav")]);
  return (
    <form action={setLocale} className={cn("flex items-center gap-2", className)}>
      <GlobeIcon className="size-4 shrink-0 text-zinc-400" />
      <div role="group" aria-label={t("language")} className="flex flex-1 rounded-lg bg-zinc-100 p-0.5">
        {LOCALES.map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            lang={l === "zh" ? "zh-Hans" : "en"}
            aria-pressed={l === locale}
            className={cn(
              "min-h-10 flex-1 rounded-md px-2 text-sm font-medium transition-colors lg:min-h-8 lg:text-xs",
              l === locale ? "bg-white text-zinc-900 shadow-sm" : "text-zinc-500 hover:text-zinc-900",
            )}
          >
            {LOCALE_NAMES[l]}
          </button>
        ))}
      </div>
    </form>
  );
}
