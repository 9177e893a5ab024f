import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMoney, formatMoneyTotal } from "@/components/format";
import { ReportFrame } from "@/components/reports/report-frame";
import { FilterField } from "@/components/ui/list-page";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { onReplica } from "@/lib/read-replica";
import type { SearchParams } from "@/lib/reports/report";
import { valuationReport, valuationTotals } from "@/lib/reports/valuation";
import { loadReport } from "../load-report";
import { reportMetadata, reportPage } from "../report-page";

export const generateMetadata = reportMetadata("valuation");

export default reportPage(valuationReport, ValuationReport);

async function ValuationReport({ sp }: { sp: SearchParams }) {
  const r = await loadReport(valuationReport, sp);
  const [t, format, locale, totals] = await Promise.all([getTranslations("reports"), getFormatter(), getLocale(), r.filters ? onReplica(r.user, () => valuationTotals(r.filters!)) : null]);
  const money = (amount: string, currency: string) => formatMoney(locale, { amount, currency });
  const total = (amount: string, currency: string) => formatMoneyTotal(locale, { amount, currency });
  return (
    <ReportFrame
      name="valuation"
      query={r.query}
      cursor={r.cursor}
      nextCursor={r.page.nextCursor}
      rowCount={r.page.items.length}
      issues={r.issues}
      about={t("valuation.about")}
      summary={
        totals ? (
          <dl className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
            <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
              <dt className="text-sm text-zinc-500">{t("valuation.total", { currency: totals.currency })}</dt>
              <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular [overflow-wrap:anywhere]">{total(totals.value, totals.currency)}</dd>
            </div>
            <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
              <dt className="text-sm text-zinc-500">{t("valuation.uncosted")}</dt>
              <dd className="mt-1 text-lg font-semibold text-zinc-900 tabular">
                {t("valuation.uncostedValue", { units: format.number(totals.uncosted), products: format.number(totals.uncostedProducts) })}
              </dd>
            </div>
            <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
              <dt className="text-sm text-zinc-500">{t("valuation.otherCurrencies")}</dt>
              <dd className="mt-1 text-sm font-medium text-zinc-900 tabular">
                {totals.foreign.length ? totals.foreign.map((f) => total(f.value, f.currency)).join(" · ") : t("valuation.none")}
              </dd>
            </div>
          </dl>
        ) : null
      }
      filters={
        <FilterField id="q" label={t("search")}>
          <Input id="q" name="q" type="search" defaultValue={r.query.q} autoComplete="off" />
        </FilterField>
      }
    >
      <Table>
        <caption className="sr-only">{t("valuation.title")}</caption>
        <thead>
          <tr>
            <Th>{t("sku")}</Th>
            <Th className="hidden md:table-cell print:table-cell">{t("name")}</Th>
            <Th className="text-right">{t("onHand")}</Th>
            <Th className="hidden text-right lg:table-cell print:table-cell">{t("valuation.fifoLots")}</Th>
            <Th className="hidden text-right lg:table-cell print:table-cell">{t("valuation.atLastCost")}</Th>
            <Th className="text-right">{t("valuation.value")}</Th>
          </tr>
        </thead>
        <tbody>
          {r.page.items.map((row) => (
            <Tr key={row.sku}>
              <Td className="font-mono text-[0.8125rem] [overflow-wrap:anywhere]">{row.sku}</Td>
              <Td className="hidden md:table-cell print:table-cell">
                <div className="max-w-48 truncate" title={row.name}>
                  {row.name}
                </div>
              </Td>
              <Td className="text-right tabular [overflow-wrap:anywhere]">{format.number(row.onHand)}</Td>
              <Td className="hidden text-right tabular lg:table-cell print:table-cell">
                {row.lotQuantity ? `${format.number(row.lotQuantity)} · ${money(row.lotValue, row.currency)}` : "—"}
              </Td>
              <Td className="hidden text-right tabular lg:table-cell print:table-cell">
                {row.otherQuantity ? `${format.number(row.otherQuantity)} × ${row.lastCost ? money(row.lastCost, row.currency) : "?"}` : "—"}
              </Td>
              <Td className="text-right tabular">
                <span className="font-medium [overflow-wrap:anywhere]">{money(row.value, row.currency)}</span>
                {row.uncosted ? (
                  <span className="mt-1 block">
                    <Badge tone="warning" className="rounded-md">
                      {/* A long count wraps instead of widening a 390 px page (the badge itself does not wrap). */}
                      <span className="whitespace-normal [overflow-wrap:anywhere]">{t("valuation.noCost", { units: format.number(row.uncosted) })}</span>
                    </Badge>
                  </span>
                ) : null}
                {row.foreign.map((f) => (
                  <span key={f.currency} className="mt-1 block">
                    <Badge tone="accent" className="rounded-md">
                      <span className="whitespace-normal [overflow-wrap:anywhere]">{t("valuation.foreignLot", { units: format.number(f.quantity), value: money(f.value, f.currency) })}</span>
                    </Badge>
                  </span>
                ))}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </ReportFrame>
  );
}
