import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { PlusIcon, UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith, Pagination } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listUsers, type UserDto } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("sections.users.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const cursor = one((await searchParams).cursor);
  const me = await requirePage("user.read", "/admin/users");
  const actor = await requireActor();
  const manage = can(me.role, "user.manage");
  const [t, tc] = await Promise.all([getTranslations("admin"), getTranslations("common")]);
  let page: Page<UserDto> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await listUsers(actor, { limit: "50", cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }

  return (
    <>
      <PageHeader
        title={t("sections.users.title")}
        description={manage ? t("usersSubtitle") : t("users.readOnly")}
        actions={
          manage ? (
            <LinkButton href="/admin/users/new" variant="primary">
              <PlusIcon className="size-4" />
              {t("users.newUser")}
            </LinkButton>
          ) : null
        }
      />
      <Card>
        {failure ? (
          <div className="p-4">
            <Alert tone="error">{t("badQuery")}</Alert>
          </div>
        ) : page.items.length === 0 ? (
          <EmptyState icon={<UsersIcon />} title={t("noUsers")} />
        ) : (
          <Table>
            <caption className="sr-only">{t("sections.users.title")}</caption>
            <thead>
              <tr>
                <Th>{t("user")}</Th>
                <Th className="hidden md:table-cell">{t("email")}</Th>
                <Th>{t("role")}</Th>
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
        )}
        <div className="border-t border-zinc-100">
          <Pagination
            nextHref={page.nextCursor ? hrefWith("/admin/users", {}, page.nextCursor) : null}
            firstHref={cursor ? "/admin/users" : null}
          />
        </div>
      </Card>
    </>
  );
}
