import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ActionsTh, ApplyButton, BadQueryAlert, CardList, EditCell, EditIconLink, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { LayersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listVariantGroups } from "@/lib/catalog/list-variant-groups";
import type { VariantGroupDto } from "@/lib/catalog/variant-group-schemas";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";

export const generateMetadata = listTitle("variantGroups");

export default listRoute("catalog.read", "/variant-groups", VariantGroupsList);

async function VariantGroupsList({ sp }: { sp: ListParams }) {
  const stock = one(sp.stock);
  const filters = { q: one(sp.q), stock: stock === "in" || stock === "out" ? stock : undefined };
  const cursor = one(sp.cursor);
  const user = await requirePage("catalog.read", hrefWith("/variant-groups", { ...filters, cursor }));
  const actor = await requireActor();
  const [t, tc, locale] = await Promise.all([getTranslations("variantGroups"), getTranslations("common"), getLocale()]);
  let page: Page<VariantGroupDto> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await listVariantGroups(actor, { limit: "25", q: filters.q, inStock: filters.stock ? String(filters.stock === "in") : undefined, cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }
  const writable = can(user.role, "catalog.write");
  const filtered = Boolean(filters.q || filters.stock);
  const clear = filtered ? { href: "/variant-groups", label: t("clearFilters") } : null;
  const stockBadge = (g: VariantGroupDto) => (g.inStock ? <Badge tone="success" dot>{t("inStock")}</Badge> : <Badge tone="neutral">{t("notInStock")}</Badge>);
  const members = (g: VariantGroupDto) =>
    g.members.map((m) => (
      <span key={m.sku} className="mr-2 inline-flex items-center gap-1 font-mono text-xs whitespace-nowrap text-zinc-600">
        <span className="text-zinc-400">{m.priority}.</span>
        <span className={m.inStock ? "text-zinc-900" : "text-zinc-400 line-through"}>{m.sku}</span>
      </span>
    ));

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={writable ? <NewLink href="/variant-groups/new">{t("new")}</NewLink> : null}
      />
      {one(sp.saved) ? (
        <Alert tone="success" className="mb-4">
          {t("saved")}
        </Alert>
      ) : null}
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action="/variant-groups" label={t("filters")}>
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto]">
              <FilterField id="q" label={t("search")} className="col-span-2 lg:col-span-1">
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="stock" label={t("stock")}>
                <Select id="stock" name="stock" defaultValue={filters.stock ?? ""}>
                  <option value="">{t("anyStock")}</option>
                  <option value="in">{t("inStock")}</option>
                  <option value="out">{t("notInStock")}</option>
                </Select>
              </FilterField>
              <ApplyButton />
            </div>
          </FilterForm>
        </FilterBar>
        {failure ? (
          <BadQueryAlert message={t("badQuery")} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<LayersIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            title={t("empty")}
            action={writable ? <NewLink href="/variant-groups/new">{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            <CardList label={t("title")}>
              {page.items.map((g) => (
                <li key={g.id} className="flex items-start gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-zinc-900">{g.name}</span>
                      {stockBadge(g)}
                    </div>
                    <p className="mt-0.5 text-sm text-zinc-700 tabular">{formatMoney(locale, g.price)}</p>
                    <p className="mt-1">{members(g)}</p>
                  </div>
                  {writable ? <EditIconLink href={`/variant-groups/${g.id}`} label={t("editNamed", { name: g.name })} /> : null}
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              head={
                <>
                  <Th>{t("name")}</Th>
                  <Th>{t("stock")}</Th>
                  <Th className="text-right">{t("price")}</Th>
                  <Th>{t("members")}</Th>
                  {writable ? <ActionsTh label={tc("edit")} /> : null}
                </>
              }
            >
              {page.items.map((g) => (
                <Tr key={g.id}>
                  <Td className="font-medium text-zinc-900">
                    {g.name}
                    {g.description ? <span className="block max-w-72 truncate text-xs font-normal text-zinc-500">{g.description}</span> : null}
                  </Td>
                  <Td>{stockBadge(g)}</Td>
                  <Td className="text-right whitespace-nowrap tabular">{formatMoney(locale, g.price)}</Td>
                  <Td>{g.members.length ? members(g) : <span className="text-sm text-zinc-400">{t("membersCount", { n: 0 })}</span>}</Td>
                  {writable ? <EditCell href={`/variant-groups/${g.id}`} name={g.name} /> : null}
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/variant-groups", filters, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/variant-groups", filters) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
