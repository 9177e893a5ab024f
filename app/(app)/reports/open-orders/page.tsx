import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { ReportFrame } from "@/components/reports/report-frame";
import { salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Input, Select } from "@/components/ui/field";
import { FilterCheckbox, FilterField } from "@/components/ui/list-page";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { openOrdersReport } from "@/lib/reports/open-orders";
import type { SearchParams } from "@/lib/reports/report";
import { listCustomers } from "@/lib/sales/customers";
import { loadReport } from "../load-report";
import { reportMetadata, reportPage } from "../report-page";

export const generateMetadata = reportMetadata("open-orders");

export default reportPage(openOrdersReport, OpenOrdersReport);

async function OpenOrdersReport({ sp }: { sp: SearchParams }) {
  const r = await loadReport(openOrdersReport, sp);
  const [t, ts, format, locale, customers] = await Promise.all([
    getTranslations("reports"),
    getTranslations("sales.statuses"),
    getFormatter(),
    getLocale(),
    listCustomers({ id: r.user.id, role: r.user.role, channel: "web" }, { limit: "500" }).then((p) => p.items),
  ]);
  const units = r.page.items.reduce((s, o) => s + o.backorderQuantity, 0);
  return (
    <ReportFrame
      name="open-orders"
      query={r.query}
      cursor={r.cursor}
      nextCursor={r.page.nextCursor}
      rowCount={r.page.items.length}
      issues={r.issues}
      about={t("open-orders.about")}
      summary={r.page.items.length ? <p className="mb-3 text-sm text-zinc-600">{t("open-orders.summary", { n: r.page.items.length, units: format.number(units) })}</p> : null}
      filters={
        <>
          <FilterField id="customer" label={t("open-orders.customer")}>
            <Select id="customer" name="customer" defaultValue={r.query.customer ?? ""}>
              <option value="">{t("all")}</option>
              {customers.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="q" label={t("search")}>
            <Input id="q" name="q" type="search" defaultValue={r.query.q} autoComplete="off" />
          </FilterField>
          <FilterCheckbox name="backorder" defaultChecked={r.query.backorder === "true"}>
            {t("open-orders.backorderOnly")}
          </FilterCheckbox>
        </>
      }
    >
      <Table>
        <caption className="sr-only">{t("open-orders.title")}</caption>
        <thead>
          <tr>
            <Th>{t("open-orders.number")}</Th>
            <Th className="hidden sm:table-cell print:table-cell">{t("open-orders.customer")}</Th>
            <Th>{t("open-orders.status")}</Th>
            <Th className="hidden md:table-cell print:table-cell">{t("open-orders.requestedDate")}</Th>
            <Th className="hidden text-right md:table-cell print:table-cell">{t("open-orders.total")}</Th>
            <Th className="text-right">{t("open-orders.backorder")}</Th>
          </tr>
        </thead>
        <tbody>
          {r.page.items.map((o) => (
            <Tr key={o.id}>
              <Td className="font-mono text-[0.8125rem]">
                <Link href={salesOrderHref(o.number)} className="whitespace-nowrap text-accent-700 hover:underline print:text-zinc-900">
                  {o.number}
                </Link>
                {o.backorderOf ? <span className="block text-xs text-zinc-500">{t("open-orders.backorderOf", { number: o.backorderOf })}</span> : null}
              </Td>
              <Td className="hidden sm:table-cell print:table-cell">
                <div className="max-w-56 truncate">{o.customer.name}</div>
              </Td>
              <Td>
                <SalesStatusBadge status={o.status} label={ts(o.status)} />
              </Td>
              <Td className="hidden text-zinc-600 tabular md:table-cell print:table-cell">{o.requestedDate ?? "—"}</Td>
              <Td className="hidden text-right whitespace-nowrap tabular md:table-cell print:table-cell">{formatMoney(locale, { amount: o.total, currency: o.currency })}</Td>
              <Td className={`text-right tabular ${o.backorderQuantity > 0 ? "font-semibold text-amber-800" : "text-zinc-500"}`}>{format.number(o.backorderQuantity)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </ReportFrame>
  );
}
