import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrderForm } from "@/components/purchasing/orders/order-form";
import { orderHref, orderNumberParam } from "@/components/purchasing/orders/order-number";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { getPurchasingSettings } from "@/lib/purchasing/settings";
import { listSuppliers } from "@/lib/purchasing/suppliers";
import { searchProductsAction } from "../../../../movements/actions";
import { updateOrderAction } from "../../../actions";
import { getEntryLimit } from "@/lib/settings/entry-guard";

type Params = Promise<{ number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("purchasing.form");
  return { title: t("editTitle", { number: orderNumberParam((await params).number) ?? "" }) };
}

/** Drafts only: any other order opens its own page instead; roles that cannot edit drafts get 403. */
export default async function EditOrderPage({ params }: { params: Params }) {
  const raw = (await params).number;
  const number = orderNumberParam(raw);
  await requirePage("purchase.write", `/purchasing/orders/${raw}/edit`);
  if (!number) notFound();
  const actor = await requireActor();
  const order = await getPurchaseOrder(actor, number).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  if (!order.canEdit) redirect(orderHref(order.number));
  const [t, suppliers, settings, entryLimit] = await Promise.all([getTranslations("purchasing.form"), listSuppliers(actor, { active: "true", limit: "500" }), getPurchasingSettings(actor), getEntryLimit(actor)]);
  const options = suppliers.items.map((s) => ({ code: s.code, name: s.name, currency: s.currency }));
  // The order's supplier stays choosable even if it was deactivated since (saving then says why not).
  if (!options.some((s) => s.code === order.supplier.code)) options.unshift({ code: order.supplier.code, name: order.supplier.name, currency: order.currency });
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("editTitle", { number: order.number })} description={order.supplier.name} back={{ href: orderHref(order.number), label: t("backToOrder", { number: order.number }) }} />
      <OrderForm
        mode="edit"
        number={order.number}
        suppliers={options}
        baseCurrency={settings.baseCurrency}
        productNames={Object.fromEntries(order.lines.map((l) => [l.sku, l.name]))}
        defaultValues={{
          supplier: order.supplier.code,
          currency: order.currency,
          expectedDate: order.expectedDate ?? "",
          notes: order.notes ?? "",
          lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
        }}
        action={updateOrderAction.bind(null, order.number)}
        search={searchProductsAction}
        entryLimit={entryLimit}
      />
    </div>
  );
}
