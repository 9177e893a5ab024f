import { getFormatter, getTranslations } from "next-intl/server";
import { ReportFrame } from "@/components/reports/report-frame";
import { FilterField } from "@/components/ui/list-page";
import { Input, Select } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { SearchParams } from "@/lib/reports/report";
import { STOCK_GROUPS, stockReport } from "@/lib/reports/stock-on-hand";
import { loadReport } from "../load-report";
import { reportMetadata, reportPage } from "../report-page";

export const generateMetadata = reportMetadata("stock");

export default reportPage(stockReport, StockReport);

async function StockReport({ sp }: { sp: SearchParams }) {
  const r = await loadReport(stockReport, sp);
  const [t, format] = await Promise.all([getTranslations("reports"), getFormatter()]);
  const group = r.filters?.group ?? "product";
  const n = (v: number) => format.number(v);
  return (
    <ReportFrame
      name="stock"
      query={r.query}
      cursor={r.cursor}
      nextCursor={r.page.nextCursor}
      rowCount={r.page.items.length}
      issues={r.issues}
      filters={
        <>
          <FilterField id="group" label={t("stock.groupBy")}>
            <Select id="group" name="group" defaultValue={group}>
              {STOCK_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`stock.groups.${g}`)}
                </option>
              ))}
            </Select>
          </FilterField>
          <FilterField id="warehouse" label={t("warehouse")}>
            <Input id="warehouse" name="warehouse" defaultValue={r.query.warehouse} autoComplete="off" className="font-mono" />
          </FilterField>
          <FilterField id="q" label={t("search")}>
            <Input id="q" name="q" type="search" defaultValue={r.query.q} autoComplete="off" />
          </FilterField>
        </>
      }
    >
      <Table>
        <caption className="sr-only">{t("stock.title")}</caption>
        <thead>
          <tr>
            <Th>{t(`stock.groups.${group}`)}</Th>
            <Th className="hidden sm:table-cell print:table-cell">{t("name")}</Th>
            {group !== "product" ? <Th className="text-right">{t("products")}</Th> : null}
            {group !== "location" ? <Th className="text-right">{t("locations")}</Th> : null}
            <Th className="text-right">{t("onHand")}</Th>
            <Th className="hidden text-right md:table-cell print:table-cell">{t("reserved")}</Th>
            <Th className="text-right">{t("available")}</Th>
          </tr>
        </thead>
        <tbody>
          {r.page.items.map((row) => (
            <Tr key={row.id || "none"}>
              <Td className={group === "category" ? "" : "font-mono text-[0.8125rem] whitespace-nowrap"}>{row.label || t("stock.uncategorised")}</Td>
              <Td className="hidden sm:table-cell print:table-cell">
                <div className="max-w-72 truncate">{row.detail ?? "—"}</div>
              </Td>
              {group !== "product" ? <Td className="text-right tabular">{n(row.products)}</Td> : null}
              {group !== "location" ? <Td className="text-right tabular">{n(row.locations)}</Td> : null}
              <Td className="text-right tabular">{n(row.onHand)}</Td>
              <Td className="hidden text-right tabular md:table-cell print:table-cell">{n(row.reserved)}</Td>
              <Td className="text-right font-medium tabular">{n(row.available)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </ReportFrame>
  );
}
