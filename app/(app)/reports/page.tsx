import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronRightIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { REPORT_NAMES } from "@/lib/reports/report";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

export default async function ReportsPage() {
  await requirePage("report.read", "/reports");
  const t = await getTranslations("reports");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <ul className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label={t("title")}>
        {REPORT_NAMES.map((name) => (
          <li key={name}>
            <Link
              href={`/reports/${name}`}
              className="group flex h-full items-center gap-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs transition hover:border-accent-200 hover:shadow-sm sm:p-5"
            >
              <span className="min-w-0 flex-1">
                <span className="block font-medium text-zinc-900">{t(`${name}.title`)}</span>
                <span className="mt-0.5 block text-sm text-zinc-500">{t(`${name}.description`)}</span>
              </span>
              <ChevronRightIcon className="size-4 shrink-0 text-zinc-300 transition group-hover:translate-x-0.5 group-hover:text-accent-600" />
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
