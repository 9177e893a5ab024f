import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SupplierForm } from "@/components/purchasing/suppliers/supplier-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { baseCurrency } from "@/lib/purchasing/exchange-rates";
import { createSupplierAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("suppliers");
  return { title: t("newTitle") };
}

export default async function NewSupplierPage() {
  await requirePage("supplier.write", "/purchasing/suppliers/new");
  const [t, currency] = await Promise.all([getTranslations("suppliers"), baseCurrency()]);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/purchasing/suppliers", label: t("title") }} />
      <SupplierForm
        mode="create"
        action={createSupplierAction}
        cancelHref="/purchasing/suppliers"
        defaultValues={{ code: "", name: "", contact: "", email: "", phone: "", currency, paymentTerms: "", leadTimeDays: 0, active: true }}
      />
    </div>
  );
}
