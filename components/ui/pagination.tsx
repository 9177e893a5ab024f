import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";
import { LinkButton } from "./button";

/**
 * Page numbers for a list that knows its total (the products page): the current page, how many
 * there are, and the URL of page n (keeping the filters and sort).
 */
export type PageNumbers = { current: number; total: number; href: (n: number) => string };

/**
 * Keyset pagination only knows "the next page" (a cursor) — so the controls are Next page and
 * Back to first page, both keeping the current filters in the URL. A list that counts its rows
 * passes `pages` instead: Previous / Next and links to the first, last and nearby pages ("page 5
 * of 42"), to jump anywhere in two clicks. Labels come from `common`.
 */
export function Pagination({
  nextHref,
  firstHref,
  summary,
  pages,
}: {
  nextHref: string | null;
  firstHref: string | null;
  summary?: string;
  pages?: PageNumbers;
}) {
  const t = useTranslations("common");
  const labels = { next: t("nextPage"), first: t("firstPage"), nav: t("pagination") };
  if (pages && pages.total > 1) return <PageNumberNav pages={pages} summary={summary} />;
  if (!nextHref && !firstHref) return summary ? <p className="px-4 py-3 text-sm text-zinc-500 sm:px-5">{summary}</p> : null;
  return (
    <nav aria-label={labels.nav} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5">
      <p className="text-sm text-zinc-500">{summary}</p>
      <div className="flex gap-2">
        {firstHref ? (
          <LinkButton href={firstHref} size="sm" variant="secondary">
            <ChevronLeftIcon className="size-4" />
            {labels.first}
          </LinkButton>
        ) : null}
        {nextHref ? (
          <LinkButton href={nextHref} size="sm" variant="secondary">
            {labels.next}
            <ChevronRightIcon className="size-4" />
          </LinkButton>
        ) : null}
      </div>
    </nav>
  );
}

/** The page numbers shown: first, last, and one either side of the current page; null is a gap. */
export function pageWindow(current: number, total: number): (number | null)[] {
  const shown = [...new Set([1, current - 1, current, current + 1, total])].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1] > 1 ? [null, n] : [n]));
}

function PageNumberNav({ pages, summary }: { pages: PageNumbers; summary?: string }) {
  const t = useTranslations("common");
  const { current, total, href } = pages;
  const item = "inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm tabular";
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 px-4 py-3 sm:px-5">
      <p className="text-sm text-zinc-500">
        {summary}
        {summary ? <span className="mx-1.5 text-zinc-300">·</span> : null}
        {t("pageOf", { current, total })}
      </p>
      <ul className="flex flex-wrap items-center gap-1">
        {current > 1 ? (
          <li>
            <LinkButton href={href(current - 1)} size="sm" variant="secondary" aria-label={t("previousPage")}>
              <ChevronLeftIcon className="size-4" />
              <span className="hidden sm:inline">{t("previous")}</span>
            </LinkButton>
          </li>
        ) : null}
        {pageWindow(current, total).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden className={`${item} text-zinc-400`}>
              …
            </li>
          ) : (
            <li key={n}>
              {n === current ? (
                <span aria-current="page" aria-label={t("pageN", { n })} className={`${item} bg-accent-600 font-medium text-white`}>
                  {n}
                </span>
              ) : (
                <Link href={href(n)} aria-label={t("pageN", { n })} className={`${item} text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent-600`}>
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
        {current < total ? (
          <li>
            <LinkButton href={href(current + 1)} size="sm" variant="secondary" aria-label={t("nextPage")}>
              <span className="hidden sm:inline">{t("next")}</span>
              <ChevronRightIcon className="size-4" />
            </LinkButton>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Builds `path?query` from the kept filters (empty ones dropped), optionally with a cursor. */
export function hrefWith(path: string, params: Record<string, string | undefined>, cursor?: string | null): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
  if (cursor) sp.set("cursor", cursor);
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A page's search params as plain strings (first value of each), e.g. for a sign-in callback URL. */
export function firstValues(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
