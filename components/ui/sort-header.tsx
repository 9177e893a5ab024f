// Sortable column headers (server-side sorting through the URL). Kept apart from table.tsx: it
// needs lib/sorting, which is server code, and client components import the plain table parts.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { nextSort, sortParams, type Sort, type SortSpec } from "@/lib/sorting";
import { cn } from "./cn";
import { ChevronDownIcon, ChevronsUpDownIcon, ChevronUpIcon } from "./icons";
import { hrefWith } from "./pagination";
import { thClasses } from "./table";

/** What a sortable list passes to its headers: its sort spec, the current sort, and the URL to keep (filters, no cursor). */
export type SortContext<C extends string> = { spec: SortSpec<C>; current: Sort<C>; path: string; params: Record<string, string | undefined> };

/** The URL of a list sorted by `s`, keeping the filters and starting at the first page. */
export function sortHref<C extends string>(ctx: SortContext<C>, s: Sort<C>): string {
  return hrefWith(ctx.path, { ...ctx.params, ...sortParams(ctx.spec, s) });
}

/**
 * A column header that sorts the list server-side: a link (keyboard reachable) to the same list
 * sorted by this column — ascending first, flipping on the next click — with aria-sort on the
 * <th> of the column the list is sorted by.
 */
export function SortTh<C extends string>({ ctx, column, className, children }: { ctx: SortContext<C>; column: C; className?: string; children: ReactNode }) {
  const active = ctx.current.sort === column;
  const Icon = !active ? ChevronsUpDownIcon : ctx.current.dir === "asc" ? ChevronUpIcon : ChevronDownIcon;
  return (
    <th scope="col" aria-sort={active ? (ctx.current.dir === "asc" ? "ascending" : "descending") : undefined} className={cn(thClasses, className)}>
      <Link
        href={sortHref(ctx, nextSort(ctx.current, column))}
        scroll={false}
        className={cn(
          "-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent-500",
          className?.includes("text-right") && "flex-row-reverse",
          active && "text-zinc-900",
        )}
      >
        {children}
        <Icon className={cn("size-3.5", active ? "text-zinc-700" : "text-zinc-400")} />
      </Link>
    </th>
  );
}

/**
 * The same sort choices for phones, where the table is replaced by cards: a row of links; the
 * current one is marked (aria-current) and flips direction when followed again.
 */
export function SortLinks<C extends string>({ ctx, labels, className }: { ctx: SortContext<C>; labels: Record<C, string>; className?: string }) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("sortBy")} className={cn("flex flex-wrap items-center gap-x-1 gap-y-1 border-b border-zinc-100 px-4 py-2 text-sm", className)}>
      <span className="mr-1 text-zinc-500">{t("sortBy")}</span>
      {ctx.spec.columns.map((c) => {
        const active = ctx.current.sort === c;
        const Icon = ctx.current.dir === "asc" ? ChevronUpIcon : ChevronDownIcon;
        return (
          <Link
            key={c}
            href={sortHref(ctx, nextSort(ctx.current, c))}
            scroll={false}
            aria-current={active ? "true" : undefined}
            className={cn(
              "inline-flex min-h-11 items-center gap-1 rounded-md px-2.5 font-medium",
              active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:text-zinc-900",
            )}
          >
            {labels[c]}
            {active ? (
              <>
                <Icon className="size-3.5" />
                <span className="sr-only">{t(ctx.current.dir === "asc" ? "sortedAscending" : "sortedDescending")}</span>
              </>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
