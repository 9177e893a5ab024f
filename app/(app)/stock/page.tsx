import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { buttonClasses, LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocationInput } from "@/components/forms/location-input";
import { FilterForm } from "@/components/ui/filter-form";
import { ApplyButton, BadQueryAlert, CardList, CategorySelect, FilterBar, FilterCheckbox, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { ArrowDownToLineIcon, ArrowLeftRightIcon, LayersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { SortLinks, SortTh, type SortContext } from "@/components/ui/sort-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listStockLevels, stockSort, type StockLevelRow, type StockSortColumn } from "@/lib/stock/list-stock-levels";
import { parseSort, sortParams } from "@/lib/sorting";
import { searchLocationsAction } from "../movements/actions";
import { LocationLink } from "@/components/ui/location-link";

export const generateMetadata = listTitle("stock");

const PAGE_SIZE = 50;

export default listRoute("stock.read", "/stock", StockList);

async function StockList({ sp }: { sp: ListParams }) {
  const filters = {
    location: one(sp.location)?.toUpperCase(),
    q: one(sp.q),
    category: one(sp.category),
    empty: one(sp.empty) === "true" ? "true" : undefined,
  };
  const sort = parseSort(stockSort, sp);
  const kept = { ...filters, ...sortParams(stockSort, sort) };
  const cursor = one(sp.cursor);
  const user = await requirePage("stock.read", hrefWith("/stock", { ...kept, cursor }));
  const actor = await requireActor();
  const [t, format] = await Promise.all([getTranslations("stock"), getFormatter()]);
  const categories = can(user.role, "catalog.read") ? await listCategoryTree(actor) : [];

  let page: Page<StockLevelRow> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await listStockLevels(actor, {
      limit: String(PAGE_SIZE),
      location: filters.location,
      q: filters.q,
      category: categories.some((c) => c.id === filters.category) ? filters.category : undefined,
      empty: filters.empty,
      cursor,
    }, { sort });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }
  const filtered = Boolean(filters.location || filters.q || filters.category || filters.empty);
  const clear = filtered ? { href: hrefWith("/stock", sortParams(stockSort, sort)), label: t("clearFilters") } : null;
  const sortCtx: SortContext<StockSortColumn> = { spec: stockSort, current: sort, path: "/stock", params: filters };
  const pageUnits = page.items.reduce((s, r) => s + r.quantity, 0);
  const counted = (r: StockLevelRow) => (r.lastCountedAt ? formatDateTime(r.lastCountedAt).slice(0, 10) : t("never"));
  // Reserved units lead to whom they are reserved for (the product page's reservations).
  const salesReader = can(user.role, "sales.read");
  const reserved = (r: StockLevelRow) =>
    r.reserved > 0 && salesReader ? (
      <Link href={`/products/${encodeURIComponent(r.sku)}#reservations`} className="text-accent-700 hover:underline" aria-label={t("reservedFor", { n: r.reserved, sku: r.sku, location: r.location })}>
        {format.number(r.reserved)}
      </Link>
    ) : (
      format.number(r.reserved)
    );

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={hrefWith("/exports/stock", kept)} download className={buttonClasses({ variant: "secondary" })}>
              <ArrowDownToLineIcon className="size-4" />
              {t("exportCsv")}
            </a>
            <LinkButton href={hrefWith("/movements", { location: filters.location })} variant="secondary">
              <ArrowLeftRightIcon className="size-4" />
              {t("movements")}
            </LinkButton>
          </div>
        }
      />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action="/stock" label={t("filters")} keep={sortParams(stockSort, sort)}>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.6fr)_minmax(0,1.3fr)_auto] md:items-end">
              <FilterField id="location" label={t("location")}>
                <p id="location-hint" className="sr-only">
                  {t("locationHint")}
                </p>
                <LocationInput
                  id="location"
                  name="location"
                  search={searchLocationsAction}
                  defaultValue={filters.location}
                  placeholder={t("locationPlaceholder")}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  aria-describedby="location-hint"
                />
              </FilterField>
              <FilterField id="q" label={t("product")}>
                <SearchInput defaultValue={filters.q} placeholder={t("productPlaceholder")} />
              </FilterField>
              <FilterField id="category" label={t("category")}>
                <CategorySelect categories={categories} defaultValue={filters.category} allLabel={t("allCategories")} />
              </FilterField>
              <div className="flex items-center gap-3 md:pb-0.5">
                <FilterCheckbox name="empty" defaultChecked={filters.empty === "true"} className="whitespace-nowrap">
                  {t("showEmpty")}
                </FilterCheckbox>
                <ApplyButton />
              </div>
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={t("badQuery")} back={{ href: "/stock", label: t("backToFirst") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<LayersIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            filteredHint={t("emptyFilteredHint")}
            title={t("empty")}
            action={can(user.role, "movement.post") ? <NewLink href="/movements/new?type=in">{t("receive")}</NewLink> : null}
          />
        ) : (
          <>
            <SortLinks
              ctx={sortCtx}
              labels={{ sku: t("sku"), name: t("name"), location: t("location"), quantity: t("quantity"), available: t("available") }}
              className="md:hidden"
            />
            <CardList label={t("title")}>
              {page.items.map((r) => (
                <li key={`${r.sku}|${r.location}`} className="px-4 py-3">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <Link href={`/products/${encodeURIComponent(r.sku)}`} className="block truncate font-mono text-sm font-medium text-accent-700">
                        {r.sku}
                      </Link>
                      <p className="truncate text-sm text-zinc-600">{r.name}</p>
                    </div>
                    <div className="shrink-0 text-right">
                      <p className="text-lg leading-6 font-semibold text-zinc-900 tabular">{format.number(r.quantity)}</p>
                      <p className="text-xs text-zinc-500">{r.unit}</p>
                    </div>
                  </div>
                  <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500">
                    <LocationLink code={r.location} title={r.locationName} className="font-medium text-zinc-700" />
                    <span>
                      {t("reserved")} {reserved(r)}
                    </span>
                    <span>
                      {t("available")} {format.number(r.available)}
                    </span>
                    <span>
                      {t("lastCounted")} {counted(r)}
                    </span>
                  </p>
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              head={
                <>
                  <SortTh ctx={sortCtx} column="sku">
                    {t("sku")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="name">
                    {t("name")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="location">
                    {t("location")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="quantity" className="text-right">
                    {t("quantity")}
                  </SortTh>
                  <Th className="text-right">{t("reserved")}</Th>
                  <SortTh ctx={sortCtx} column="available" className="text-right">
                    {t("available")}
                  </SortTh>
                  <Th className="hidden lg:table-cell">{t("lastCounted")}</Th>
                </>
              }
            >
              {page.items.map((r) => (
                <Tr key={`${r.sku}|${r.location}`}>
                  <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                    <Link href={`/products/${encodeURIComponent(r.sku)}`} className="font-medium text-accent-700 hover:underline">
                      {r.sku}
                    </Link>
                  </Td>
                  <Td className="max-w-72 truncate text-zinc-900">{r.name}</Td>
                  <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                    <LocationLink code={r.location} title={r.locationName} />
                  </Td>
                  <Td className="text-right font-medium whitespace-nowrap text-zinc-900 tabular">
                    {format.number(r.quantity)} <span className="font-normal text-zinc-400">{r.unit}</span>
                  </Td>
                  <Td className="text-right text-zinc-500 tabular">{reserved(r)}</Td>
                  <Td className="text-right tabular">{format.number(r.available)}</Td>
                  <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-500 lg:table-cell">{counted(r)}</Td>
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/stock", kept, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/stock", kept) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length, units: format.number(pageUnits) }) : undefined}
        />
      </Card>
    </>
  );
}
