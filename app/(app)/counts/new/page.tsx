import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CountSessionForm } from "@/components/forms/count-session-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { locationOptions } from "@/lib/stock/scan-lookup";
import { createCountAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("counts");
  return { title: t("newTitle") };
}

export default async function NewCountPage() {
  await requirePage("count.approve", "/counts/new");
  const actor = await requireActor();
  const [t, locations] = await Promise.all([getTranslations("counts"), locationOptions(actor)]);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/counts", label: t("backToList") }} />
      <CountSessionForm locations={locations} action={createCountAction} />
    </div>
  );
}
