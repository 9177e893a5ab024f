import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { TruckIcon } from "@/components/purchasing/orders/icons";
import { orderHref } from "@/components/purchasing/orders/order-number";
import { OrderStatusBadge } from "@/components/purchasing/orders/status-badge";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ScanIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import { requireActor, requirePage } from "@/lib/auth/session";
import { companyTodayIso, getPurchaseOrder, listPurchaseOrders, type PurchaseOrderView } from "@/lib/purchasing/purchase-orders";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("purchasing.expected");
  return { title: t("title") };
}

const LIMIT = 100;

/** Clerks and managers (purchase.receive): a real 403 for anyone else. */
export default async function ExpectedRoute() {
  await requirePage("purchase.receive", "/purchasing/expected");
  return (
    <Suspense fallback={<ListSkeleton filters={false} />}>
      <Expected />
    </Suspense>
  );
}

async function Expected() {
  await requirePage("purchase.receive", "/purchasing/expected");
  const actor = await requireActor();
  const [t, ts, today] = await Promise.all([getTranslations("purchasing.expected"), getTranslations("purchasing.statuses"), companyTodayIso()]);
  const page = await listPurchaseOrders(actor, { expectedBy: today, limit: String(LIMIT) });
  const orders: PurchaseOrderView[] = [];
  for (let i = 0; i < page.items.length; i += 10) {
    const batch = await Promise.all(page.items.slice(i, i + 10).map((o) => getPurchaseOrder(actor, o.number).catch(() => null)));
    orders.push(...batch.filter((o): o is PurchaseOrderView => o !== null));
  }
  // Overdue first (the oldest expected date first), then due today, then those without a date.
  orders.sort((a, b) => (a.expectedDate ?? "9999-12-31").localeCompare(b.expectedDate ?? "9999-12-31") || a.number.localeCompare(b.number));

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      {orders.length === 0 ? (
        <Card>
          <EmptyState icon={<TruckIcon />} title={t("empty")}>
            {t("emptyHint")}
          </EmptyState>
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-100" aria-label={t("list")}>
            {orders.map((o) => {
              const open = o.lines.reduce((s, l) => s + l.openQuantity, 0);
              const overdue = o.expectedDate !== null && o.expectedDate < today;
              return (
                <li key={o.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:px-5">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={orderHref(o.number)} className="font-mono font-medium text-accent-700 hover:underline">
                        {o.number}
                      </Link>
                      <OrderStatusBadge status={o.status} label={ts(o.status)} />
                      {overdue ? <Badge tone="danger">{t("overdue")}</Badge> : o.expectedDate === today ? <Badge tone="warning">{t("dueToday")}</Badge> : null}
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-700">{o.supplier.name}</p>
                    <p className="mt-0.5 text-sm text-zinc-500 tabular">
                      {o.expectedDate ? t("expectedOn", { date: o.expectedDate }) : t("noDate")} · {t("openUnits", { n: open })}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    <LinkButton href={orderHref(o.number)} variant="secondary" size="sm" className="flex-1 sm:flex-none" aria-label={`${t("openOrder")} ${o.number}`}>
                      {t("openOrder")}
                    </LinkButton>
                    <LinkButton href={`/floor/receive?order=${encodeURIComponent(o.number)}`} variant="primary" size="sm" className="flex-1 sm:flex-none" aria-label={`${t("receiveHandheld")} ${o.number}`}>
                      <ScanIcon className="size-4" />
                      {t("receiveHandheld")}
                    </LinkButton>
                  </div>
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      {page.nextCursor ? <p className="mt-4 text-sm text-zinc-500">{t("more", { n: LIMIT })}</p> : null}
    </>
  );
}
