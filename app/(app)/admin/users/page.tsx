import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { PlusIcon, UsersIcon } from "@/components/ui/icons";
import { BadQueryAlert, ListFooter } from "@/components/ui/list-page";
import { one } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { firstValues, hrefWith } from "@/components/ui/pagination";
import { ListSkeleton } from "@/components/ui/skeleton";
import { SortLinks, SortTh, type SortContext } from "@/components/ui/sort-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { parseSort, sortParams } from "@/lib/sorting";
import { listUsers, userSort, type UserDto, type UserSortColumn } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("sections.users.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Access first (a real 403), then the list streams in behind its skeleton.
export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  await requirePage("user.read", hrefWith("/admin/users", firstValues(sp)));
  return (
    <Suspense fallback={<ListSkeleton filters={false} />}>
      <UsersList sp={sp} />
    </Suspense>
  );
}

async function UsersList({ sp }: { sp: Awaited<SearchParams> }) {
  const cursor = one(sp.cursor);
  const sort = parseSort(userSort, sp);
  const kept = sortParams(userSort, sort);
  const me = await requirePage("user.read", hrefWith("/admin/users", { ...kept, cursor }));
  const actor = await requireActor();
  const manage = can(me.role, "user.manage");
  const [t, tc] = await Promise.all([getTranslations("admin"), getTranslations("common")]);
  let page: Page<UserDto> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await listUsers(actor, { limit: "50", cursor }, { sort });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }
  const sortCtx: SortContext<UserSortColumn> = { spec: userSort, current: sort, path: "/admin/users", params: {} };

  // "New user" in the header, "Add the first user" in an empty list (admins only).
  const newUser = (label: string) =>
    manage ? (
      <LinkButton href="/admin/users/new" variant="primary">
        <PlusIcon className="size-4" />
        {label}
      </LinkButton>
    ) : null;

  return (
    <>
      <PageHeader title={t("sections.users.title")} description={manage ? t("usersSubtitle") : t("users.readOnly")} actions={newUser(t("users.newUser"))} />
      <Card>
        {failure ? (
          <BadQueryAlert message={t("badQuery")} back={{ href: "/admin/users", label: t("backToFirst") }} />
        ) : page.items.length === 0 ? (
          <EmptyState icon={<UsersIcon />} title={t("noUsers")} action={newUser(t("users.emptyAction"))} />
        ) : (
          <>
            <SortLinks ctx={sortCtx} labels={{ name: t("user"), email: t("email"), role: t("role") }} className="md:hidden" />
            <Table>
              <caption className="sr-only">{t("sections.users.title")}</caption>
              <thead>
                <tr>
                  <SortTh ctx={sortCtx} column="name">
                    {t("user")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="email" className="hidden md:table-cell">
                    {t("email")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="role">
                    {t("role")}
                  </SortTh>
                  <Th className="hidden sm:table-cell">{t("status")}</Th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((u) => (
                  <Tr key={u.id}>
                    <Td>
                      {manage ? (
                        <Link href={`/admin/users/${u.id}`} className="font-medium text-accent-700 hover:underline">
                          {u.name}
                        </Link>
                      ) : (
                        <span className="font-medium text-zinc-900">{u.name}</span>
                      )}
                      <span className="block text-xs break-all text-zinc-500 md:hidden">{u.email}</span>
                    </Td>
                    <Td className="hidden md:table-cell">{u.email}</Td>
                    <Td>
                      <Badge tone={u.role === "admin" ? "accent" : "neutral"}>{tc(`roles.${u.role}`)}</Badge>
                    </Td>
                    <Td className="hidden sm:table-cell">{u.active ? <Badge tone="success" dot>{tc("active")}</Badge> : <Badge tone="neutral">{tc("inactive")}</Badge>}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
        <ListFooter
          hidden={failure}
          nextHref={page.nextCursor ? hrefWith("/admin/users", kept, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/admin/users", kept) : null}
        />
      </Card>
    </>
  );
}
