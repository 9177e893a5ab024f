// A report page: the access check first (so a refusal is a real 403, not a streamed 200), then
// the report's rows stream in behind a list skeleton; its title is the report's.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { ReportName, SearchParams } from "@/lib/reports/report";
import { reportAccess } from "./load-report";

export function reportMetadata(name: ReportName) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations("reports");
    return { title: t(`${name}.title`) };
  };
}

export function reportPage(def: { name: ReportName }, Report: (props: { sp: SearchParams }) => Promise<ReactNode>) {
  return async function ReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
    const sp = await searchParams;
    await reportAccess(def, sp);
    return (
      <Suspense fallback={<ListSkeleton />}>
        <Report sp={sp} />
      </Suspense>
    );
  };
}
