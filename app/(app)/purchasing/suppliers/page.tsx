import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ActionsTh, ApplyButton, BadQueryAlert, CardList, EditCell, EditIconLink, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import type { SupplierDto } from "@/lib/purchasing/schemas";
import { listSuppliers } from "@/lib/purchasing/suppliers";

export const generateMetadata = listTitle("suppliers");

const PATH = "/purchasing/suppliers";
const PAGE_SIZE = 25;
const detailHref = (code: string) => `${PATH}/${encodeURIComponent(code)}`;

export default listRoute("supplier.read", PATH, SuppliersList);

async function SuppliersList({ sp }: { sp: ListParams }) {
  const status = one(sp.status);
  const filters = { q: one(sp.q), status: status === "active" || status === "inactive" ? status : undefined };
  const cursor = one(sp.cursor);
  const user = await requirePage("supplier.read", hrefWith(PATH, { ...filters, cursor }));
  const actor = await requireActor();
  const [t, tc] = await Promise.all([getTranslations("suppliers"), getTranslations("common")]);

  let page: Page<SupplierDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listSuppliers(actor, {
      limit: String(PAGE_SIZE),
      q: filters.q,
      active: filters.status === "active" ? "true" : filters.status === "inactive" ? "false" : undefined,
      cursor,
    });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("list.badQuery");
  }
  const writable = can(user.role, "supplier.write");
  const filtered = Boolean(filters.q || filters.status);
  const clear = filtered ? { href: PATH, label: t("list.clearFilters") } : null;
  const days = (n: number) => t("leadTimeValue", { n });

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={writable ? <NewLink href={`${PATH}/new`}>{t("new")}</NewLink> : null} />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action={PATH} label={t("list.filters")}>
            <div className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto]">
              <FilterField id="q" label={t("list.search")}>
                <SearchInput defaultValue={filters.q} placeholder={t("list.searchPlaceholder")} />
              </FilterField>
              <FilterField id="status" label={t("list.status")}>
                <Select id="status" name="status" defaultValue={filters.status ?? ""}>
                  <option value="">{t("list.anyStatus")}</option>
                  <option value="active">{tc("active")}</option>
                  <option value="inactive">{tc("inactive")}</option>
                </Select>
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
              {page.items.map((s) => (
                <li key={s.id} className="flex items-center gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={detailHref(s.code)} className="font-mono font-medium text-accent-700 hover:underline">
                        {s.code}
                      </Link>
                      <span className="font-mono text-xs text-zinc-500">{s.currency}</span>
                      {!s.active ? <Badge tone="neutral">{tc("inactive")}</Badge> : null}
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-700">{s.name}</p>
                    <p className="truncate text-xs text-zinc-500">{[s.contact, s.email, days(s.leadTimeDays)].filter(Boolean).join(" · ")}</p>
                  </div>
                  {writable ? <EditIconLink href={`${detailHref(s.code)}/edit`} label={t("editNamed", { code: s.code })} /> : null}
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
                  <Th className="hidden lg:table-cell">{t("email")}</Th>
                  <Th>{t("currency")}</Th>
                  <Th className="text-right">{t("leadTime")}</Th>
                  <Th>{t("list.status")}</Th>
                  {writable ? <ActionsTh label={tc("edit")} /> : null}
                </>
              }
            >
              {page.items.map((s) => (
                <Tr key={s.id}>
                  <Td className="font-mono font-medium whitespace-nowrap">
                    <Link href={detailHref(s.code)} className="text-accent-700 hover:underline">
                      {s.code}
                    </Link>
                  </Td>
                  <Td className="max-w-64 truncate text-zinc-900">{s.name}</Td>
                  <Td className="max-w-48 truncate">{s.contact ?? "—"}</Td>
                  <Td className="hidden max-w-56 truncate lg:table-cell">{s.email ?? "—"}</Td>
                  <Td className="font-mono">{s.currency}</Td>
                  <Td className="text-right whitespace-nowrap tabular">{days(s.leadTimeDays)}</Td>
                  <Td>{s.active ? <Badge tone="success" dot>{tc("active")}</Badge> : <Badge tone="neutral">{tc("inactive")}</Badge>}</Td>
                  {writable ? <EditCell href={`${detailHref(s.code)}/edit`} name={s.code} /> : null}
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
