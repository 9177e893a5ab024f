import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CustomerForm } from "@/components/sales/customer-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { baseCurrency } from "@/lib/purchasing/exchange-rates";
import { createCustomerAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sales.customers");
  return { title: t("newTitle") };
}

export default async function NewCustomerPage() {
  await requirePage("sales.write", "/sales/customers/new");
  const [t, currency] = await Promise.all([getTranslations("sales.customers"), baseCurrency()]);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/sales/customers", label: t("title") }} />
      <CustomerForm
        mode="create"
        action={createCustomerAction}
        cancelHref="/sales/customers"
        defaultValues={{ code: "", name: "", contact: "", email: "", phone: "", currency, billingAddress: "", shippingAddress: "", notes: "" }}
      />
    </div>
  );
}
