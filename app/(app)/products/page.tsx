import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ApplyButton, BadQueryAlert, CardList, CategorySelect, FilterBar, FilterCheckbox, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { PackageIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { SortLinks, SortTh, type SortContext } from "@/components/ui/sort-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { listProducts, productSort, type ProductSortColumn } from "@/lib/catalog/list-products";
import type { ProductDto } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { parseSort, sortParams } from "@/lib/sorting";

export const generateMetadata = listTitle("products");

const PAGE_SIZE = 25;

export default listRoute("catalog.read", "/products", ProductsList);

async function ProductsList({ sp }: { sp: ListParams }) {
  const filters = {
    q: one(sp.q),
    category: one(sp.category),
    stock: one(sp.stock) === "in" || one(sp.stock) === "out" ? one(sp.stock) : undefined,
    deleted: one(sp.deleted) === "true" ? "true" : undefined,
  };
  const sort = parseSort(productSort, sp);
  const kept = { ...filters, ...sortParams(productSort, sort) };
  const cursor = one(sp.cursor);
  const user = await requirePage("catalog.read", hrefWith("/products", { ...kept, cursor }));
  const actor = await requireActor();
  const [t, format, locale] = await Promise.all([getTranslations("products"), getFormatter(), getLocale()]);

  const categories = await listCategoryTree(actor);
  let page: Page<ProductDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listProducts(actor, {
      limit: String(PAGE_SIZE),
      q: filters.q,
      category: categories.some((c) => c.id === filters.category) ? filters.category : undefined,
      inStock: filters.stock === "in" ? "true" : filters.stock === "out" ? "false" : undefined,
      deleted: filters.deleted,
      cursor,
    }, { sort });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("badQuery");
  }

  const filtered = Boolean(filters.q || filters.category || filters.stock || filters.deleted);
  const clear = filtered ? { href: hrefWith("/products", sortParams(productSort, sort)), label: t("clearFilters") } : null;
  const nextHref = page.nextCursor ? hrefWith("/products", kept, page.nextCursor) : null;
  const firstHref = cursor ? hrefWith("/products", kept) : null;
  const sortCtx: SortContext<ProductSortColumn> = { spec: productSort, current: sort, path: "/products", params: filters };
  const writable = can(user.role, "catalog.write");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={writable ? <NewLink href="/products/new">{t("new")}</NewLink> : null}
      />

      <Card>
        <FilterBar clear={clear} notes={filters.deleted ? <Badge tone="warning">{t("viewingDeleted")}</Badge> : null}>
          <FilterForm action="/products" label={t("filters")} keep={sortParams(productSort, sort)}>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_minmax(0,1fr)_auto] md:items-end">
              <FilterField id="q" label={t("search")}>
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="category" label={t("category")}>
                <CategorySelect categories={categories} defaultValue={filters.category} allLabel={t("allCategories")} />
              </FilterField>
              <FilterField id="stock" label={t("stockState")}>
                <Select id="stock" name="stock" defaultValue={filters.stock ?? ""}>
                  <option value="">{t("stockAll")}</option>
                  <option value="in">{t("stockIn")}</option>
                  <option value="out">{t("stockOut")}</option>
                </Select>
              </FilterField>
              <div className="flex items-center gap-3 md:pb-0.5">
                <FilterCheckbox name="deleted" defaultChecked={filters.deleted === "true"}>
                  {t("showDeleted")}
                </FilterCheckbox>
                <ApplyButton />
              </div>
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={failure} back={{ href: "/products", label: t("backToFirst") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<PackageIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            filteredHint={t("emptyFilteredHint")}
            title={t("empty")}
            hint={writable ? t("emptyHint") : null}
            action={writable ? <NewLink href="/products/new">{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            {/* Phones: one card per product. */}
            <SortLinks ctx={sortCtx} labels={{ sku: t("sku"), name: t("name") }} className="md:hidden" />
            <CardList label={t("title")}>
              {page.items.map((p) => (
                <li key={p.id}>
                  <Link href={`/products/${encodeURIComponent(p.sku)}`} className="block px-4 py-3.5 active:bg-zinc-50">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="truncate font-medium text-zinc-900">{p.name}</p>
                        <p className="mt-0.5 truncate font-mono text-xs text-zinc-500">{p.sku}</p>
                      </div>
                      <StockBadge p={p} t={t} />
                    </div>
                    <div className="mt-2 flex items-center justify-between gap-3 text-sm">
                      <span className="truncate text-zinc-500">{p.category?.name ?? "—"}</span>
                      <span className="shrink-0 text-zinc-700 tabular">
                        {t("onHandShort", { n: format.number(p.onHand), unit: p.unit })}
                        <span className="mx-1.5 text-zinc-300">·</span>
                        {formatMoney(locale, p.price)}
                      </span>
                    </div>
                  </Link>
                </li>
              ))}
            </CardList>

            {/* Tablets and desktops: a table. */}
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
                  <Th className="hidden lg:table-cell">{t("category")}</Th>
                  <Th className="text-right">{t("onHand")}</Th>
                  <Th className="text-right">{t("price")}</Th>
                  <Th>{t("status")}</Th>
                </>
              }
            >
              {page.items.map((p) => (
                <Tr key={p.id}>
                  <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                    <Link href={`/products/${encodeURIComponent(p.sku)}`} className="font-medium text-accent-700 hover:underline">
                      {p.sku}
                    </Link>
                  </Td>
                  <Td className="max-w-72 truncate font-medium text-zinc-900">{p.name}</Td>
                  <Td className="hidden max-w-48 truncate text-zinc-500 lg:table-cell">{p.category?.name ?? "—"}</Td>
                  <Td className="text-right whitespace-nowrap tabular">
                    {format.number(p.onHand)} <span className="text-zinc-400">{p.unit}</span>
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular">{formatMoney(locale, p.price)}</Td>
                  <Td>
                    <StockBadge p={p} t={t} />
                  </Td>
                </Tr>
              ))}
            </ListTable>
          </>
        )}

        <ListFooter
          hidden={Boolean(failure)}
          nextHref={nextHref}
          firstHref={firstHref}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}

function StockBadge({ p, t }: { p: ProductDto; t: (key: "deleted" | "inStock" | "outOfStock") => string }) {
  if (p.deletedAt) return <Badge tone="neutral">{t("deleted")}</Badge>;
  return p.inStock ? (
    <Badge tone="success" dot>
      {t("inStock")}
    </Badge>
  ) : (
    <Badge tone="warning" dot>
      {t("outOfStock")}
    </Badge>
  );
}
