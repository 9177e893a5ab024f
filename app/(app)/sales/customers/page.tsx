import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { customerHref } from "@/components/sales/refs";
import { Card } from "@/components/ui/card";
import { FilterForm } from "@/components/ui/filter-form";
import { UsersIcon } from "@/components/ui/icons";
import { ActionsTh, ApplyButton, BadQueryAlert, CardList, EditCell, EditIconLink, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listCustomers } from "@/lib/sales/customers";
import type { CustomerDto } from "@/lib/sales/schemas";

export const generateMetadata = listTitle("sales.customers");

const PATH = "/sales/customers";
const PAGE_SIZE = 25;

export default listRoute("sales.read", PATH, CustomersList);

async function CustomersList({ sp }: { sp: ListParams }) {
  const filters = { q: one(sp.q) };
  const cursor = one(sp.cursor);
  const user = await requirePage("sales.read", hrefWith(PATH, { ...filters, cursor }));
  const actor = await requireActor();
  const [t, tc] = await Promise.all([getTranslations("sales.customers"), getTranslations("common")]);

  let page: Page<CustomerDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listCustomers(actor, { limit: String(PAGE_SIZE), q: filters.q, cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("list.badQuery");
  }
  const writable = can(user.role, "sales.write");
  const clear = filters.q ? { href: PATH, label: t("list.clearFilters") } : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={writable ? <NewLink href={`${PATH}/new`}>{t("new")}</NewLink> : null} />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action={PATH} label={t("list.filters")}>
            <div className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[minmax(0,1fr)_auto]">
              <FilterField id="q" label={t("list.search")}>
                <SearchInput defaultValue={filters.q} placeholder={t("list.searchPlaceholder")} />
              </FilterField>
              <ApplyButton />
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={failure} back={{ href: PATH, label: t("list.backToFirst") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<UsersIcon />}
            clear={clear}
            filteredTitle={t("list.emptyFiltered")}
            title={t("list.empty")}
            hint={t("list.emptyHint")}
            action={writable ? <NewLink href={`${PATH}/new`}>{t("list.emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            <CardList label={t("title")}>
              {page.items.map((c) => (
                <li key={c.id} className="flex items-center gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={customerHref(c.code)} className="font-mono font-medium text-accent-700 hover:underline">
                        {c.code}
                      </Link>
                      <span className="font-mono text-xs text-zinc-500">{c.currency}</span>
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-700">{c.name}</p>
                    <p className="truncate text-xs text-zinc-500">{[c.contact, c.phone, c.email].filter(Boolean).join(" · ")}</p>
                  </div>
                  {writable ? <EditIconLink href={customerHref(c.code)} label={t("editNamed", { code: c.code })} /> : null}
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              head={
                <>
                  <Th>{t("code")}</Th>
                  <Th>{t("name")}</Th>
                  <Th>{t("contact")}</Th>
                  <Th className="hidden lg:table-cell">{t("phone")}</Th>
                  <Th className="hidden lg:table-cell">{t("email")}</Th>
                  <Th>{t("currency")}</Th>
                  {writable ? <ActionsTh label={tc("edit")} /> : null}
                </>
              }
            >
              {page.items.map((c) => (
                <Tr key={c.id}>
                  <Td className="font-mono font-medium whitespace-nowrap">
                    <Link href={customerHref(c.code)} className="text-accent-700 hover:underline">
                      {c.code}
                    </Link>
                  </Td>
                  <Td className="max-w-64 truncate text-zinc-900">{c.name}</Td>
                  <Td className="max-w-48 truncate">{c.contact ?? "—"}</Td>
                  <Td className="hidden whitespace-nowrap lg:table-cell">{c.phone ?? "—"}</Td>
                  <Td className="hidden max-w-56 truncate lg:table-cell">{c.email ?? "—"}</Td>
                  <Td className="font-mono">{c.currency}</Td>
                  {writable ? <EditCell href={customerHref(c.code)} name={c.code} /> : null}
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith(PATH, filters, page.nextCursor) : null}
          firstHref={cursor ? hrefWith(PATH, filters) : null}
          summary={page.items.length ? t("list.pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
