import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClearFloorCache } from "@/components/floor/pwa/clear-floor-cache";
import { Brand } from "@/components/shell/brand";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { currentUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";
import { safeCallbackUrl } from "./safe-callback";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl: raw } = await searchParams;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await currentUser()) redirect(callbackUrl ?? "/");
  const [t, tc] = await Promise.all([getTranslations("auth"), getTranslations("common")]);

  return (
    <div className="flex min-h-dvh flex-col bg-[radial-gradient(ellipse_at_top,var(--color-accent-50),transparent_60%)]">
      <main className="flex flex-1 flex-col items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex justify-center">
            <Brand name={tc("appName")} />
          </div>
          <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{t("title")}</h1>
            <p className="mt-1 mb-6 text-sm text-zinc-500">{t("subtitle")}</p>
            <LoginForm callbackUrl={callbackUrl} />
          </div>
          <LocaleSwitcher className="mx-auto mt-6 max-w-64" />
        </div>
      </main>
      {/* Every sign-out ends here: drop the floor pages kept offline (they show the last user). */}
      <ClearFloorCache />
    </div>
  );
}
