import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { CustomerForm } from "@/components/sales/customer-form";
import { refParam, salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DeleteButton } from "@/components/ui/delete-button";
import { HistoryIcon } from "@/components/ui/icons";
import { NewLink } from "@/components/ui/list-page";
import { PageHeader } from "@/components/ui/page-header";
import { Fact } from "@/components/ui/timeline";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getCustomer } from "@/lib/sales/customers";
import { listSalesOrders } from "@/lib/sales/orders";
import { deleteCustomerAction, updateCustomerAction } from "../actions";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("sales.customers");
  return { title: refParam((await params).code) ?? t("title") };
}

/** A customer: its details (edited here by roles that may) and its latest orders. */
export default async function CustomerPage({ params }: { params: Params }) {
  const raw = (await params).code;
  const code = refParam(raw);
  const user = await requirePage("sales.read", `/sales/customers/${raw}`);
  if (!code) notFound();
  const actor = await requireActor();
  const customer = await getCustomer(actor, code).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, ts, locale, orders] = await Promise.all([
    getTranslations("sales.customers"),
    getTranslations("sales.statuses"),
    getLocale(),
    listSalesOrders(actor, { customer: customer.code, limit: 10 }),
  ]);
  const writable = can(user.role, "sales.write");
  const ordersHref = `/sales/orders?customer=${encodeURIComponent(customer.code)}`;

  return (
    <>
      <PageHeader
        back={{ href: "/sales/customers", label: t("title") }}
        title={customer.name}
        description={<span className="font-mono">{customer.code}</span>}
        actions={
          <>
            {can(user.role, "audit.read") ? (
              <LinkButton href={`/admin/audit?entity=customer&entityId=${customer.id}`} variant="ghost">
                <HistoryIcon className="size-4" />
                {t("detail.history")}
              </LinkButton>
            ) : null}
            {writable ? (
              <>
                <DeleteButton namespace="sales.customers" code={customer.code} name={customer.name} action={deleteCustomerAction.bind(null, customer.code)} successHref="/sales/customers" />
                <NewLink href={`/sales/orders/new?customer=${encodeURIComponent(customer.code)}`}>{t("detail.newOrder")}</NewLink>
              </>
            ) : null}
          </>
        }
      />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          {writable ? (
            <CustomerForm
              mode="edit"
              action={updateCustomerAction.bind(null, customer.code)}
              cancelHref="/sales/customers"
              defaultValues={{
                code: customer.code,
                name: customer.name,
                contact: customer.contact ?? "",
                email: customer.email ?? "",
                phone: customer.phone ?? "",
                currency: customer.currency,
                billingAddress: customer.billingAddress ?? "",
                shippingAddress: customer.shippingAddress ?? "",
                notes: customer.notes ?? "",
              }}
            />
          ) : (
            <Card aria-labelledby="customer-details-heading">
              <CardHeader id="customer-details-heading" title={t("detail.details")} />
              <CardBody>
                <dl className="space-y-3 text-sm">
                  <Fact label={t("code")}>
                    <span className="font-mono">{customer.code}</span>
                  </Fact>
                  <Fact label={t("contact")}>{customer.contact ?? "—"}</Fact>
                  <Fact label={t("email")}>{customer.email ?? "—"}</Fact>
                  <Fact label={t("phone")}>{customer.phone ?? "—"}</Fact>
                  <Fact label={t("currency")}>
                    <span className="font-mono">{customer.currency}</span>
                  </Fact>
                  <Fact label={t("shippingAddress")}>
                    <span className="whitespace-pre-line">{customer.shippingAddress ?? "—"}</span>
                  </Fact>
                  <Fact label={t("billingAddress")}>
                    <span className="whitespace-pre-line">{customer.billingAddress ?? "—"}</span>
                  </Fact>
                  {customer.notes ? (
                    <Fact label={t("notes")}>
                      <span className="whitespace-pre-line">{customer.notes}</span>
                    </Fact>
                  ) : null}
                </dl>
              </CardBody>
            </Card>
          )}
        </div>

        <Card aria-labelledby="customer-orders-heading" className="min-w-0 self-start">
          <CardHeader
            id="customer-orders-heading"
            title={t("detail.orders")}
            actions={
              <Link href={ordersHref} className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">
                {t("detail.allOrders")}
              </Link>
            }
          />
          {orders.items.length === 0 ? (
            <CardBody>
              <p className="text-sm text-zinc-500">{t("detail.noOrders")}</p>
            </CardBody>
          ) : (
            <ul className="divide-y divide-zinc-100" aria-label={t("detail.orders")}>
              {orders.items.map((o) => (
                <li key={o.id} className="flex items-center justify-between gap-3 px-4 py-3 sm:px-5">
                  <span className="min-w-0">
                    <Link href={salesOrderHref(o.number)} className="block truncate font-mono text-sm font-medium text-accent-700 hover:underline">
                      {o.number}
                    </Link>
                    <span className="block text-xs text-zinc-500 tabular">{o.requestedDate ?? o.createdAt.slice(0, 10)}</span>
                  </span>
                  <span className="flex shrink-0 flex-col items-end gap-1">
                    <SalesStatusBadge status={o.status} label={ts(o.status)} />
                    <span className="text-xs text-zinc-600 tabular">{formatMoney(locale, { amount: o.total, currency: o.currency })}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
