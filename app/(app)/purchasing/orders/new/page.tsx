import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrderForm } from "@/components/purchasing/orders/order-form";
import { emptyOrderLine } from "@/components/purchasing/orders/order-values";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getPurchasingSettings } from "@/lib/purchasing/settings";
import { listSuppliers } from "@/lib/purchasing/suppliers";
import { searchProductsAction } from "../../../movements/actions";
import { createOrderAction } from "../../actions";
import { getEntryLimit } from "@/lib/settings/entry-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("purchasing.form");
  return { title: t("newTitle") };
}

export default async function NewOrderPage() {
  await requirePage("purchase.write", "/purchasing/orders/new");
  const actor = await requireActor();
  const [t, suppliers, settings, entryLimit] = await Promise.all([getTranslations("purchasing.form"), listSuppliers(actor, { active: "true", limit: "500" }), getPurchasingSettings(actor), getEntryLimit(actor)]);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/purchasing/orders", label: t("backToList") }} />
      <OrderForm
        mode="create"
        suppliers={suppliers.items.map((s) => ({ code: s.code, name: s.name, currency: s.currency }))}
        baseCurrency={settings.baseCurrency}
        defaultValues={{ supplier: "", currency: "", expectedDate: "", notes: "", lines: [emptyOrderLine()] }}
        action={createOrderAction}
        search={searchProductsAction}
        entryLimit={entryLimit}
      />
    </div>
  );
}
