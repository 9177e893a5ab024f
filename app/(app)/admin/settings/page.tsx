import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getEntrySettings } from "@/lib/settings/entry-guard";
import { setEntrySettingsAction } from "./actions";
import { EntrySettingsForm } from "./entry-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.settings");
  return { title: t("title") };
}

export default async function AdminSettingsPage() {
  await requirePage("settings.manage", "/admin/settings");
  const actor = await requireActor();
  const [t, settings] = await Promise.all([getTranslations("admin.settings"), getEntrySettings(actor)]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Card aria-labelledby="entry-heading">
        <CardHeader id="entry-heading" title={t("entryTitle")} />
        <CardBody>
          <EntrySettingsForm base={settings.baseCurrency} current={settings.entryConfirmAbove} action={setEntrySettingsAction} />
        </CardBody>
      </Card>
    </div>
  );
}
