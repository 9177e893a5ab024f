import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { emptyOrderLine } from "@/components/forms/order-line-values";
import { SalesOrderForm } from "@/components/sales/order-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { baseCurrency } from "@/lib/purchasing/exchange-rates";
import { listCustomers } from "@/lib/sales/customers";
import { searchProductsAction } from "../../../movements/actions";
import { createSalesOrderAction } from "../../actions";
import { getEntryLimit } from "@/lib/settings/entry-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sales.form");
  return { title: t("newTitle") };
}

export default async function NewSalesOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("sales.write", "/sales/orders/new");
  const actor = await requireActor();
  const sp = await searchParams;
  const [t, customers, base, entryLimit] = await Promise.all([getTranslations("sales.form"), listCustomers(actor, { limit: "500" }), baseCurrency(), getEntryLimit(actor)]);
  const options = customers.items.map((c) => ({ code: c.code, name: c.name, currency: c.currency, shippingAddress: c.shippingAddress }));
  // ?customer=CODE (from a customer's page) chooses it.
  const preset = options.find((c) => c.code === (Array.isArray(sp.customer) ? sp.customer[0] : sp.customer));
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/sales/orders", label: t("backToList") }} />
      <SalesOrderForm
        mode="create"
        customers={options}
        baseCurrency={base}
        defaultValues={{ customer: preset?.code ?? "", currency: preset?.currency ?? "", requestedDate: "", shipTo: preset?.shippingAddress ?? "", notes: "", lines: [emptyOrderLine()] }}
        action={createSalesOrderAction}
        search={searchProductsAction}
        entryLimit={entryLimit}
      />
    </div>
  );
}
