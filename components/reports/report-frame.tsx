// The frame of every report page: title, CSV download and print, the filter form, the table (or
// the filter errors) and the pager. Printing shows the title, the applied filters and the rows only.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Issue } from "@/lib/errors";
import type { ReportName } from "@/lib/reports/report";
import { Alert } from "../ui/alert";
import { Button, buttonClasses, LinkButton } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { FilterForm } from "../ui/filter-form";
import { ArrowDownToLineIcon, ChartIcon } from "../ui/icons";
import { ListFooter } from "../ui/list-page";
import { PageHeader } from "../ui/page-header";
import { hrefWith } from "../ui/pagination";
import { PrintButton } from "./print-button";

export function ReportFrame({
  name,
  query,
  cursor,
  nextCursor,
  rowCount,
  issues,
  filters,
  about,
  summary,
  children,
}: {
  name: ReportName;
  query: Record<string, string>;
  cursor?: string;
  nextCursor: string | null;
  rowCount: number;
  issues: Issue[] | null;
  /** The filter fields (labels + controls); the Apply button is added here. */
  filters: ReactNode;
  /** How the report is computed (shown, and printed). */
  about?: ReactNode;
  /** Totals above the table. */
  summary?: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("reports");
  const path = `/reports/${name}`;
  const applied = Object.entries(query).filter(([, v]) => v.trim() !== "");
  return (
    <>
      <PageHeader
        title={t(`${name}.title`)}
        description={t(`${name}.description`)}
        back={{ href: "/reports", label: t("allReports") }}
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <a href={hrefWith(`/reports/export/${name}`, query)} download className={buttonClasses({ variant: "primary" })}>
              <ArrowDownToLineIcon className="size-4" />
              {t("downloadCsv")}
            </a>
            <PrintButton label={t("print")} />
          </div>
        }
      />
      {about ? <div className="mb-4 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-600 print:border-0 print:bg-transparent print:px-0">{about}</div> : null}
      {applied.length ? (
        <p className="mb-3 hidden text-sm text-zinc-600 print:block">
          {t("appliedFilters")}: {applied.map(([k, v]) => `${k} = ${v}`).join(", ")}
        </p>
      ) : null}
      {summary}
      <Card className="print:border-0 print:shadow-none">
        <div className="border-b border-zinc-100 p-4 sm:px-5 print:hidden">
          <FilterForm action={path} label={t("filters")}>
            <div className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(auto-fit,minmax(10rem,1fr))]">
              {filters}
              <Button type="submit" variant="secondary">
                {t("apply")}
              </Button>
            </div>
          </FilterForm>
        </div>
        {issues ? (
          <div className="p-4 sm:p-5">
            <Alert tone="error" title={t("badFilters")}>
              <ul className="list-disc pl-4">
                {issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    {i.path ? `${i.path}: ` : ""}
                    {i.message}
                  </li>
                ))}
              </ul>
            </Alert>
          </div>
        ) : rowCount === 0 ? (
          <EmptyState
            icon={<ChartIcon />}
            title={applied.length ? t("empty") : t("emptyNoData")}
            action={
              applied.length ? (
                <LinkButton href={path} variant="secondary" className="print:hidden">
                  {t("clearFilters")}
                </LinkButton>
              ) : null
            }
          >
            {applied.length ? t("emptyHint") : null}
          </EmptyState>
        ) : (
          children
        )}
        <div className="print:hidden">
          <ListFooter
            hidden={Boolean(issues)}
            nextHref={nextCursor ? hrefWith(path, query, nextCursor) : null}
            firstHref={cursor ? hrefWith(path, query) : null}
            summary={rowCount ? t("pageSummary", { n: rowCount }) : undefined}
          />
        </div>
      </Card>
    </>
  );
}
