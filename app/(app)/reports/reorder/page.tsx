import { getFormatter, getTranslations } from "next-intl/server";
import { ReorderDraftsButton } from "@/components/purchasing/orders/reorder-drafts-button";
import { ReportFrame } from "@/components/reports/report-frame";
import { FilterField } from "@/components/ui/list-page";
import { Input } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import type { SearchParams } from "@/lib/reports/report";
import { reorderReport } from "@/lib/reports/reorder";
import { createReorderDraftsAction } from "../../purchasing/actions";
import { loadReport } from "../load-report";
import { reportMetadata, reportPage } from "../report-page";

export const generateMetadata = reportMetadata("reorder");

export default reportPage(reorderReport, ReorderReport);

async function ReorderReport({ sp }: { sp: SearchParams }) {
  const r = await loadReport(reorderReport, sp);
  const [t, format] = await Promise.all([getTranslations("reports"), getFormatter()]);
  const n = (v: number) => format.number(v);
  return (
    <ReportFrame
      name="reorder"
      query={r.query}
      cursor={r.cursor}
      nextCursor={r.page.nextCursor}
      rowCount={r.page.items.length}
      issues={r.issues}
      summary={
        // Roles that draft purchase orders turn the suggestions (all pages, these filters) into drafts.
        can(r.user.role, "purchase.write") && !r.issues ? <ReorderDraftsButton filters={{ coverDays: r.query.coverDays ?? "", q: r.query.q ?? "" }} action={createReorderDraftsAction} /> : null
      }
      about={
        <>
          <p>{t("reorder.about")}</p>
          <p className="mt-2 font-mono text-[0.8125rem] text-zinc-800">{t("reorder.formula")}</p>
        </>
      }
      filters={
        <>
          <FilterField id="coverDays" label={t("reorder.coverDays")}>
            <Input id="coverDays" name="coverDays" type="number" min={1} max={365} inputMode="numeric" defaultValue={r.query.coverDays ?? "30"} />
          </FilterField>
          <FilterField id="q" label={t("search")}>
            <Input id="q" name="q" type="search" defaultValue={r.query.q} autoComplete="off" />
          </FilterField>
        </>
      }
    >
      <Table>
        <caption className="sr-only">{t("reorder.title")}</caption>
        <thead>
          <tr>
            <Th>{t("sku")}</Th>
            <Th className="hidden md:table-cell print:table-cell">{t("name")}</Th>
            <Th className="hidden text-right sm:table-cell print:table-cell">{t("onHand")}</Th>
            <Th className="text-right">{t("available")}</Th>
            <Th className="text-right">{t("reorder.minStock")}</Th>
            <Th className="hidden text-right sm:table-cell print:table-cell">{t("reorder.consumption")}</Th>
            <Th className="text-right">{t("reorder.suggested")}</Th>
          </tr>
        </thead>
        <tbody>
          {r.page.items.map((row) => (
            <Tr key={row.sku}>
              <Td className="font-mono text-[0.8125rem] whitespace-nowrap">{row.sku}</Td>
              <Td className="hidden md:table-cell print:table-cell">
                <div className="max-w-64 truncate">{row.name}</div>
              </Td>
              <Td className="hidden text-right tabular sm:table-cell print:table-cell">{n(row.onHand)}</Td>
              <Td className="text-right tabular">{n(row.available)}</Td>
              <Td className="text-right tabular">{n(row.minStock)}</Td>
              <Td className="hidden text-right tabular sm:table-cell print:table-cell">{n(row.consumption)}</Td>
              <Td className="text-right font-semibold text-zinc-900 tabular">
                {n(row.suggested)} <span className="text-xs font-normal text-zinc-500">{row.unit}</span>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </ReportFrame>
  );
}
