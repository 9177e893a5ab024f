import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ArrowLeftRightIcon, ChevronRightIcon, HashIcon, HistoryIcon, LockIcon, ScaleIcon, ServerIcon, ShieldIcon, UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { ADMIN_SECTIONS } from "./sections";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

const ICONS = { users: UsersIcon, tokens: LockIcon, webhooks: ArrowLeftRightIcon, audit: HistoryIcon, sequences: HashIcon, reconcile: ScaleIcon, queues: ServerIcon, settings: ShieldIcon };

export default async function AdminPage() {
  const user = await requirePage("admin.access", "/admin");
  const t = await getTranslations("admin");
  const sections = ADMIN_SECTIONS.filter((s) => can(user.role, s.action));
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((s) => {
          const Icon = ICONS[s.key];
          return (
            <li key={s.key}>
              <Link href={s.href} className="group flex h-full flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-xs transition hover:border-accent-200 hover:shadow-sm">
                <span className="flex size-10 items-center justify-center rounded-lg bg-accent-50 text-accent-600">
                  <Icon className="size-5" />
                </span>
                <span className="mt-4 flex items-center justify-between gap-2 font-medium text-zinc-900">
                  {t(`sections.${s.key}.title`)}
                  <ChevronRightIcon className="size-4 text-zinc-300 transition group-hover:translate-x-0.5 group-hover:text-accent-600" />
                </span>
                <span className="mt-1 text-sm text-zinc-500">{t(`sections.${s.key}.body`)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
