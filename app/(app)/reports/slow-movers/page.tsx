import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { ReportFrame } from "@/components/reports/report-frame";
import { FilterField } from "@/components/ui/list-page";
import { Input } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { SearchParams } from "@/lib/reports/report";
import { slowMoversReport } from "@/lib/reports/slow-movers";
import { loadReport } from "../load-report";
import { reportMetadata, reportPage } from "../report-page";

export const generateMetadata = reportMetadata("slow-movers");

export default reportPage(slowMoversReport, SlowMoversReport);

async function SlowMoversReport({ sp }: { sp: SearchParams }) {
  const r = await loadReport(slowMoversReport, sp);
  const [t, format] = await Promise.all([getTranslations("reports"), getFormatter()]);
  const days = r.filters?.days ?? 90;
  return (
    <ReportFrame
      name="slow-movers"
      query={r.query}
      cursor={r.cursor}
      nextCursor={r.page.nextCursor}
      rowCount={r.page.items.length}
      issues={r.issues}
      about={t("slow-movers.about", { days })}
      filters={
        <>
          <FilterField id="days" label={t("slow-movers.days")}>
            <Input id="days" name="days" type="number" min={1} max={3650} inputMode="numeric" defaultValue={r.query.days ?? "90"} />
          </FilterField>
          <FilterField id="q" label={t("search")}>
            <Input id="q" name="q" type="search" defaultValue={r.query.q} autoComplete="off" />
          </FilterField>
        </>
      }
    >
      <Table>
        <caption className="sr-only">{t("slow-movers.title")}</caption>
        <thead>
          <tr>
            <Th>{t("sku")}</Th>
            <Th className="hidden sm:table-cell print:table-cell">{t("name")}</Th>
            <Th className="text-right">{t("onHand")}</Th>
            <Th>{t("slow-movers.lastOutbound")}</Th>
            <Th className="hidden md:table-cell print:table-cell">{t("slow-movers.lastMovement")}</Th>
          </tr>
        </thead>
        <tbody>
          {r.page.items.map((row) => (
            <Tr key={row.sku}>
              <Td className="font-mono text-[0.8125rem] whitespace-nowrap">{row.sku}</Td>
              <Td className="hidden sm:table-cell print:table-cell">
                <div className="max-w-72 truncate">{row.name}</div>
              </Td>
              <Td className="text-right tabular">{format.number(row.onHand)}</Td>
              <Td className="text-zinc-500 tabular">{row.lastOutboundAt ? formatDateTime(row.lastOutboundAt) : t("slow-movers.never")}</Td>
              <Td className="hidden text-zinc-500 tabular md:table-cell print:table-cell">{row.lastMovementAt ? formatDateTime(row.lastMovementAt) : "—"}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </ReportFrame>
  );
}
