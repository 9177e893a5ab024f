import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime, formatMoneyCompact, formatMoneyTotal } from "@/components/format";
import { DueOrdersCard } from "@/components/dashboard/due-orders";
import { TrendChart } from "@/components/dashboard/trend-chart";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { AlertTriangleIcon, ArrowLeftRightIcon, ChartIcon, LayersIcon, PackageIcon, PlusIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/button";
import { ALERT_LEVELS, type AlertLevel } from "@/lib/alerts/level";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { companyTodayIso } from "@/lib/purchasing/purchase-orders";
import { onReplica } from "@/lib/read-replica";
import { loadDashboard, TREND_DAYS } from "@/lib/reports/dashboard";
import { ordersDueToday } from "@/lib/sales/orders";
import { MovementTypeBadge } from "./movements/type-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

const LEVEL_TONE: Record<AlertLevel, "warning" | "danger" | "neutral"> = { warning: "warning", critical: "danger", out: "danger" };

// Everyone lands here; each part is shown only to roles that may read it (lib/reports/dashboard.ts).
export default async function DashboardPage() {
  const user = await requirePage(undefined, "/");
  const sales = can(user.role, "sales.read");
  const [t, ta, tm, format, locale, data, due, today] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("alerts"),
    getTranslations("movements"),
    getFormatter(),
    getLocale(),
    loadDashboard(user),
    sales ? onReplica(user, () => ordersDueToday({ id: user.id, role: user.role, channel: "web" })) : null,
    sales ? companyTodayIso() : "",
  ]);
  const { stock, value, alerts } = data;
  const n = (v: number) => format.number(v);
  const firstName = user.name.split(/\s+/)[0];
  const openAlerts = alerts ? ALERT_LEVELS.reduce((s, l) => s + alerts.byLevel[l], 0) : 0;
  const totals = stock ? stock.trend.reduce((s, p) => ({ inbound: s.inbound + p.inbound, outbound: s.outbound + p.outbound }), { inbound: 0, outbound: 0 }) : null;

  return (
    <div className="space-y-6 lg:space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm font-medium text-accent-600">{t("eyebrow")}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl">{t("welcome", { name: firstName })}</h1>
          <p className="mt-1 text-sm text-zinc-500">{t("subtitle")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {can(user.role, "report.read") ? (
            <LinkButton href="/reports" variant="secondary">
              <ChartIcon className="size-4" />
              {t("reports")}
            </LinkButton>
          ) : null}
          {can(user.role, "catalog.write") ? (
            <LinkButton href="/products/new" variant="primary">
              <PlusIcon className="size-4" />
              {t("newProduct")}
            </LinkButton>
          ) : null}
        </div>
      </header>

      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" className="sr-only">
          {t("atAGlance")}
        </h2>
        {/* Cards grow to fill each row, however many this role sees (no holes in the grid). */}
        <div className="flex flex-wrap gap-3 sm:gap-4" data-testid="kpi-cards">
          {stock ? <Stat icon={<PackageIcon />} label={t("skus")} value={n(stock.skus)} href={can(user.role, "catalog.read") ? "/products" : undefined} /> : null}
          {stock ? <Stat icon={<LayersIcon />} label={t("unitsOnHand")} value={n(stock.units)} href="/stock" /> : null}
          {value ? <Stat icon={<ChartIcon />} label={t("stockValue")} value={formatMoneyCompact(locale, { amount: value.value, currency: value.currency })} title={formatMoneyTotal(locale, { amount: value.value, currency: value.currency })} href="/reports/valuation" /> : null}
          {stock ? <Stat icon={<ArrowLeftRightIcon />} label={t("movementsToday")} value={n(stock.movementsToday)} href="/movements" /> : null}
          {alerts ? (
            <Stat icon={<AlertTriangleIcon />} label={t("openAlerts")} value={n(openAlerts)} href="/alerts" wide>
              <span className="mt-2 flex flex-wrap gap-1.5">
                {ALERT_LEVELS.map((l) => (
                  <Badge key={l} tone={alerts.byLevel[l] ? LEVEL_TONE[l] : "neutral"}>
                    {ta(`levels.${l}`)} {n(alerts.byLevel[l])}
                  </Badge>
                ))}
              </span>
            </Stat>
          ) : null}
        </div>
      </section>

      {stock || alerts ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          {stock && totals ? (
            <Card className="min-w-0 lg:col-span-2" aria-labelledby="trend-heading">
              <CardHeader id="trend-heading" title={t("trend", { days: TREND_DAYS })} description={t("trendTotals", { inbound: n(totals.inbound), outbound: n(totals.outbound) })} />
              <div className="px-2 py-4 sm:px-4">
                <TrendChart
                  data={stock.trend}
                  locale={locale}
                  labels={{
                    chart: t("trendChart", { days: TREND_DAYS, inbound: totals.inbound, outbound: totals.outbound }),
                    inbound: t("inbound"),
                    outbound: t("outbound"),
                    day: t("day"),
                    showTable: t("showTable"),
                    table: t("trendTable"),
                  }}
                />
              </div>
            </Card>
          ) : null}
          {alerts ? (
            <Card className="min-w-0" aria-labelledby="alerts-heading">
              <CardHeader
                id="alerts-heading"
                title={t("openAlerts")}
                actions={
                  <Link href="/alerts" className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">
                    {t("allAlerts")}
                  </Link>
                }
              />
              {alerts.top.length ? (
                <ul className="divide-y divide-zinc-100">
                  {alerts.top.map((a) => (
                    <li key={a.sku}>
                      <Link href={`/alerts?sku=${encodeURIComponent(a.sku)}`} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-zinc-50 sm:px-5">
                        <span className="min-w-0">
                          <span className="block truncate font-mono text-[0.8125rem] font-medium text-zinc-900">{a.sku}</span>
                          <span className="block truncate text-xs text-zinc-500">{a.name}</span>
                        </span>
                        <span className="shrink-0 text-right">
                          <Badge tone={LEVEL_TONE[a.level]}>{ta(`levels.${a.level}`)}</Badge>
                          <span className="mt-1 block text-xs text-zinc-500 tabular">
                            {ta("onHandShort", { n: a.onHand })} · {ta("minShort", { n: a.threshold })}
                          </span>
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="px-4 py-10 text-center text-sm text-zinc-500 sm:px-5">{t("noAlerts")}</p>
              )}
            </Card>
          ) : null}
        </div>
      ) : null}

      {due ? <DueOrdersCard due={due} today={today} /> : null}

      {stock ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card className="min-w-0" aria-labelledby="movers-heading">
            <CardHeader id="movers-heading" title={t("topMovers")} description={t("topMoversHint", { days: TREND_DAYS })} />
            {stock.movers.length ? (
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">{t("topMovers")}</caption>
                <thead>
                  <tr className="text-xs text-zinc-500 uppercase">
                    <th scope="col" className="py-2 pr-2 pl-4 font-medium sm:pl-5">
                      {t("product")}
                    </th>
                    <th scope="col" className="py-2 pr-4 pl-2 text-right font-medium sm:pr-5">
                      {t("unitsOut")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stock.movers.map((m, i) => (
                    <tr key={m.sku} className="border-t border-zinc-100">
                      <td className="max-w-0 py-2.5 pr-2 pl-4 sm:pl-5">
                        <span className="flex items-baseline gap-2">
                          <span className="w-5 shrink-0 text-xs text-zinc-400 tabular">{i + 1}</span>
                          <span className="min-w-0">
                            <span className="block truncate font-mono text-[0.8125rem] font-medium text-zinc-900">{m.sku}</span>
                            <span className="block truncate text-xs text-zinc-500">{m.name}</span>
                          </span>
                        </span>
                      </td>
                      <td className="py-2.5 pr-4 pl-2 text-right font-medium text-zinc-900 tabular sm:pr-5">{n(m.units)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="px-4 py-10 text-center text-sm text-zinc-500 sm:px-5">{t("noMovers")}</p>
            )}
          </Card>
          <Card className="min-w-0" aria-labelledby="recent-heading">
            <CardHeader
              id="recent-heading"
              title={t("recentMovements")}
              actions={
                <Link href="/movements" className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">
                  {t("allMovements")}
                </Link>
              }
            />
            {stock.recent.length ? (
              <ul className="divide-y divide-zinc-100" aria-label={t("recentMovements")}>
                {stock.recent.map((m) => (
                  <li key={m.id}>
                    <Link href={`/movements/${m.id}`} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-zinc-50 sm:px-5">
                      <span className="min-w-0">
                        <span className="block truncate font-mono text-[0.8125rem] font-medium text-accent-700">{m.number}</span>
                        <span className="block truncate text-xs text-zinc-500 tabular">
                          {formatDateTime(m.createdAt)} · {m.user}
                        </span>
                      </span>
                      <span className="flex shrink-0 flex-col items-end gap-1">
                        <MovementTypeBadge type={m.type} label={tm(`types.${m.type}`)} />
                        <span className="text-xs text-zinc-500 tabular">{t("units", { n: m.units })}</span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-4 py-10 text-center text-sm text-zinc-500 sm:px-5">{t("noMovements")}</p>
            )}
          </Card>
        </div>
      ) : null}
    </div>
  );
}

/** `title`: the exact figure, when `value` is a short form of it. */
function Stat({ icon, label, value, title, href, children, wide }: { icon: ReactNode; label: string; value: string; title?: string; href?: string; children?: ReactNode; wide?: boolean }) {
  const body = (
    <>
      <span className="flex items-center gap-2 text-sm font-medium text-zinc-500">
        <span className="text-zinc-400 [&>svg]:size-4">{icon}</span>
        <span className="leading-tight">{label}</span>
      </span>
      <span title={title} className="mt-2 block text-2xl font-semibold tracking-tight text-zinc-900 [overflow-wrap:anywhere] tabular sm:text-3xl">{value}</span>
      {children}
    </>
  );
  // Each card grows to fill its row; `wide` (the alerts card with its badges) starts wider.
  const cls = cn("block min-w-0 grow rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5", wide ? "basis-64" : "basis-40");
  return href ? (
    <Link href={href} className={`${cls} transition hover:border-accent-200 hover:shadow-sm`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
