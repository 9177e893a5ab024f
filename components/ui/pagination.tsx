import { useTranslations } from "next-intl";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";
import { LinkButton } from "./button";

/**
 * Keyset pagination only knows "the next page" (a cursor) — so the controls are Next page and
 * Back to first page, both keeping the current filters in the URL. Labels come from `common`.
 */
export function Pagination({
  nextHref,
  firstHref,
  summary,
}: {
  nextHref: string | null;
  firstHref: string | null;
  summary?: string;
}) {
  const t = useTranslations("common");
  const labels = { next: t("nextPage"), first: t("firstPage"), nav: t("pagination") };
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
