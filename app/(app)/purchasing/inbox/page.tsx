import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { formatMoney } from "@/components/format";
import { InboxIcon } from "@/components/purchasing/orders/icons";
import { orderHref } from "@/components/purchasing/orders/order-number";
import { TransitionButtons } from "@/components/purchasing/orders/transition-buttons";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getPurchaseOrder, listPurchaseOrders, type PurchaseOrderView } from "@/lib/purchasing/purchase-orders";
import { transitionOrderAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("purchasing.inbox");
  return { title: t("title") };
}

const LIMIT = 100;

/** Approvers (first step) and managers (second step of large orders): a real 403 for anyone else. */
export default async function InboxRoute() {
  const user = await requirePage("purchase.read", "/purchasing/inbox");
  if (!can(user.role, "purchase.approve") && !can(user.role, "purchase.finalApprove")) forbidden();
  return (
    <Suspense fallback={<ListSkeleton />}>
      <Inbox />
    </Suspense>
  );
}

async function Inbox() {
  const user = await requirePage("purchase.read", "/purchasing/inbox");
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getTranslations("purchasing.inbox"), getLocale()]);
  const page = await listPurchaseOrders(actor, { status: "submitted", limit: String(LIMIT) });
  // Only what this user may approve now (availableTransitions: role, step, not their own order),
  // the longest waiting first.
  const orders: PurchaseOrderView[] = [];
  for (let i = 0; i < page.items.length; i += 10) {
    const batch = await Promise.all(page.items.slice(i, i + 10).map((o) => getPurchaseOrder(actor, o.number).catch(() => null)));
    orders.push(...batch.filter((o): o is PurchaseOrderView => o !== null && o.allowedTransitions.includes("approve")));
  }
  orders.reverse();
  const money = (amount: string, currency: string) => formatMoney(locale, { amount, currency });

  return (
    <>
      <PageHeader title={t("title")} description={can(user.role, "purchase.finalApprove") ? t("subtitleManager") : t("subtitle")} />
      {orders.length === 0 ? (
        <Card>
          <EmptyState icon={<InboxIcon />} title={t("empty")}>
            {t("emptyHint")}
          </EmptyState>
        </Card>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label={t("list")}>
          {orders.map((o) => (
            <li key={o.id} aria-labelledby={`inbox-${o.id}`}>
              <Card className="flex h-full flex-col">
                <div className="flex-1 space-y-2 px-4 py-4 sm:px-5">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link id={`inbox-${o.id}`} href={orderHref(o.number)} className="font-mono text-base font-semibold text-accent-700 hover:underline">
                      {o.number}
                    </Link>
                    {o.approvalsRequired === 2 ? <Badge tone="accent">{t("stepOf", { step: o.approvals + 1, steps: 2 })}</Badge> : null}
                  </div>
                  <p className="truncate text-sm font-medium text-zinc-900">{o.supplier.name}</p>
                  <p className="text-2xl font-semibold tracking-tight text-zinc-900 tabular">{money(o.total, o.currency)}</p>
                  {o.currency !== o.baseCurrency ? <p className="text-sm text-zinc-500 tabular">≈ {money(o.totalBase, o.baseCurrency)}</p> : null}
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-zinc-600">
                    <span>{t("lines", { n: o.lines.length })}</span>
                    <span>{t("createdBy", { name: o.createdBy.name })}</span>
                    {o.expectedDate ? <span className="tabular">{t("expected", { date: o.expectedDate })}</span> : null}
                  </p>
                  {o.notes ? <p className="line-clamp-2 text-sm text-zinc-500">{o.notes}</p> : null}
                </div>
                <div className="border-t border-zinc-100 px-4 py-3 sm:px-5">
                  <TransitionButtons number={o.number} allowed={o.allowedTransitions} transition={transitionOrderAction} only={["approve", "reject"]} stretch />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? <p className="mt-4 text-sm text-zinc-500">{t("more", { n: LIMIT })}</p> : null}
    </>
  );
}
