import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SalesOrderForm } from "@/components/sales/order-form";
import { refParam, salesOrderHref } from "@/components/sales/refs";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { baseCurrency } from "@/lib/purchasing/exchange-rates";
import { listCustomers } from "@/lib/sales/customers";
import { getSalesOrder } from "@/lib/sales/orders";
import { searchProductsAction } from "../../../../movements/actions";
import { updateSalesOrderAction } from "../../../actions";
import { getEntryLimit } from "@/lib/settings/entry-guard";

type Params = Promise<{ number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("sales.form");
  return { title: t("editTitle", { number: refParam((await params).number) ?? "" }) };
}

/** Drafts only: any other order opens its own page instead; roles that cannot edit drafts get 403. */
export default async function EditSalesOrderPage({ params }: { params: Params }) {
  const raw = (await params).number;
  const number = refParam(raw);
  await requirePage("sales.write", `/sales/orders/${raw}/edit`);
  if (!number) notFound();
  const actor = await requireActor();
  const order = await getSalesOrder(actor, number).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  if (!order.canEdit) redirect(salesOrderHref(order.number));
  const [t, customers, base, entryLimit] = await Promise.all([getTranslations("sales.form"), listCustomers(actor, { limit: "500" }), baseCurrency(), getEntryLimit(actor)]);
  const options = customers.items.map((c) => ({ code: c.code, name: c.name, currency: c.currency, shippingAddress: c.shippingAddress }));
  // The order's customer stays choosable even if it is past the first 500 (or was deleted since: saving then says why not).
  if (!options.some((c) => c.code === order.customer.code)) options.unshift({ code: order.customer.code, name: order.customer.name, currency: order.currency, shippingAddress: order.shipTo });
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("editTitle", { number: order.number })} description={order.customer.name} back={{ href: salesOrderHref(order.number), label: t("backToOrder", { number: order.number }) }} />
      <SalesOrderForm
        mode="edit"
        number={order.number}
        customers={options}
        baseCurrency={base}
        productNames={Object.fromEntries(order.lines.map((l) => [l.sku, l.name]))}
        defaultValues={{
          customer: order.customer.code,
          currency: order.currency,
          requestedDate: order.requestedDate ?? "",
          shipTo: order.shipTo ?? "",
          notes: order.notes ?? "",
          lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
        }}
        action={updateSalesOrderAction.bind(null, order.number)}
        search={searchProductsAction}
        entryLimit={entryLimit}
      />
    </div>
  );
}
