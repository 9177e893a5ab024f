// The route around a list page: title, search params and the access check. Server only (it reads
// the session), so kept apart from list-page.tsx, like sort-header.tsx.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import type { Action } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { firstValues, hrefWith } from "./pagination";
import { ListSkeleton } from "./skeleton";

/** A page's search params as Next.js passes them. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
/** The search params once awaited, as a list receives them. */
export type ListParams = Awaited<SearchParams>;

/** The first value of a search param, trimmed; undefined when missing or blank. */
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** A list page's generateMetadata: the `title` of its message namespace. */
export function listTitle(namespace: string) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations(namespace);
    return { title: t("title") };
  };
}

/**
 * A list page: checks access (`action`) before the Suspense boundary, so a refusal is still a real
 * 403 (or a redirect to sign in, back to `path`); only the list streams in behind its skeleton (a
 * loading.tsx would commit a 200).
 */
export function listRoute(action: Action, path: string, List: (props: { sp: ListParams }) => Promise<ReactNode>) {
  return async function ListRoute({ searchParams }: { searchParams: SearchParams }) {
    const sp = await searchParams;
    await requirePage(action, hrefWith(path, firstValues(sp)));
    return (
      <Suspense fallback={<ListSkeleton />}>
        <List sp={sp} />
      </Suspense>
    );
  };
}
