// The route around a list page: title, search params and the access check. Server only (it reads
// the session), so kept apart from list-page.tsx, like sort-header.tsx.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import type { Action } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { onReplica } from "@/lib/read-replica";
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
  // The list's own queries may read the replica (lib/read-replica.ts): `List` runs in an onReplica
  // scope — called as a function so its awaits are inside it (an async server component has no hooks).
  async function ListOnReplica({ sp, userId }: { sp: ListParams; userId: string }) {
    return onReplica({ id: userId }, () => List({ sp }));
  }
  return async function ListRoute({ searchParams }: { searchParams: SearchParams }) {
    const sp = await searchParams;
    const user = await requirePage(action, hrefWith(path, firstValues(sp)));
    return (
      <Suspense fallback={<ListSkeleton />}>
        <ListOnReplica sp={sp} userId={user.id} />
      </Suspense>
    );
  };
}
