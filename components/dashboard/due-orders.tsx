// The dashboard's "Orders to ship today": customer orders still to ship (confirmed, picking, packed)
// requested up to today in the company's calendar — how many, and the first ten, each a link.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { SalesOrderSummaryDto } from "@/lib/sales/schemas";

export async function DueOrdersCard({ due, today }: { due: { count: number; orders: SalesOrderSummaryDto[] }; today: string }) {
  const [t, ts] = await Promise.all([getTranslations("dashboard"), getTranslations("sales.statuses")]);
  return (
    <Card className="min-w-0" aria-labelledby="due-orders-heading">
      <CardHeader
        id="due-orders-heading"
        title={t("dueOrders")}
        description={t("dueOrdersCount", { n: due.count })}
        actions={
          <Link href="/sales/orders?due=true" className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">
            {t("allDueOrders")}
          </Link>
        }
      />
      {due.orders.length ? (
        <ul className="divide-y divide-zinc-100" aria-label={t("dueOrders")}>
          {due.orders.map((o) => (
            <li key={o.id}>
              <Link href={salesOrderHref(o.number)} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-zinc-50 sm:px-5">
                <span className="min-w-0">
                  <span className="block truncate font-mono text-[0.8125rem] font-medium text-accent-700">{o.number}</span>
                  <span className="block truncate text-xs text-zinc-500">{o.customer.name}</span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1">
                  <SalesStatusBadge status={o.status} label={ts(o.status)} />
                  <span className={`text-xs tabular ${o.requestedDate && o.requestedDate < today ? "font-medium text-red-700" : "text-zinc-500"}`}>{o.requestedDate}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-4 py-10 text-center text-sm text-zinc-500 sm:px-5">{t("noDueOrders")}</p>
      )}
    </Card>
  );
}
