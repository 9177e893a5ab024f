import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SettingsForm } from "@/components/purchasing/suppliers/settings-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getPurchasingSettings } from "@/lib/purchasing/settings";
import { setPurchasingSettingsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("suppliers.settings");
  return { title: t("title") };
}

export default async function PurchasingSettingsPage() {
  await requirePage("purchase.settings", "/purchasing/settings");
  const actor = await requireActor();
  const [t, settings] = await Promise.all([getTranslations("suppliers.settings"), getPurchasingSettings(actor)]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Card aria-labelledby="approval-heading">
        <CardHeader id="approval-heading" title={t("approvalTitle")} />
        <CardBody>
          <SettingsForm base={settings.baseCurrency} current={settings.approvalThreshold} action={setPurchasingSettingsAction} />
        </CardBody>
      </Card>
    </div>
  );
}
