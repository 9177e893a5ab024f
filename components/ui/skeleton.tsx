import { useTranslations } from "next-intl";
import { cn } from "./cn";

/** A grey placeholder block that pulses (still for users who prefer reduced motion). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-zinc-200/70 motion-reduce:animate-none", className)} />;
}

/**
 * What a list page shows while its rows load: the page header, a filter bar and a few rows in
 * placeholders, announced once as "Loading…" (role=status).
 */
export function ListSkeleton({ rows = 8, filters = true }: { rows?: number; filters?: boolean }) {
  const t = useTranslations("common");
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{t("loading")}</span>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <Skeleton className="h-7 w-44" />
          <Skeleton className="h-4 w-72 max-w-[70vw]" />
        </div>
        <Skeleton className="h-10 w-32" />
      </div>
      <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
        {filters ? (
          <div className="grid grid-cols-1 gap-3 border-b border-zinc-100 p-4 sm:px-5 md:grid-cols-[2fr_1fr_1fr_auto]">
            <Skeleton className="h-10" />
            <Skeleton className="hidden h-10 md:block" />
            <Skeleton className="hidden h-10 md:block" />
            <Skeleton className="hidden h-10 w-20 md:block" />
          </div>
        ) : null}
        <ul className="divide-y divide-zinc-100">
          {Array.from({ length: rows }, (_, i) => (
            <li key={i} className="flex items-center gap-4 px-4 py-3.5 sm:px-5">
              <Skeleton className="h-4 w-24 shrink-0" />
              <Skeleton className={cn("h-4", i % 3 === 0 ? "w-1/2" : i % 3 === 1 ? "w-2/5" : "w-1/3")} />
              <Skeleton className="ml-auto h-4 w-16 shrink-0" />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
