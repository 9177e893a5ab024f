import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ApplyButton, BadQueryAlert, CardList, CategorySelect, FilterBar, FilterCheckbox, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { ArrowDownToLineIcon, PackageIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { SortLinks, SortTh, type SortContext } from "@/components/ui/sort-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCategoryTree } from "@/lib/catalog/categories";
import { countProducts, listProducts, productSort, type ProductSortColumn } from "@/lib/catalog/list-products";
import type { ProductDto } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/errors";
import { productListQuery } from "@/lib/list-exports";
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
    spec: one(sp.spec),
  };
  const sort = parseSort(productSort, sp);
  const kept = { ...filters, ...sortParams(productSort, sort) };
  // Page numbers (offset pages of PAGE_SIZE): anything but a whole number ≥ 1 is page 1.
  const requested = /^\d{1,6}$/.test(one(sp.page) ?? "") ? Math.max(1, Number(one(sp.page))) : 1;
  const pageHref = (n: number) => hrefWith("/products", { ...kept, page: n > 1 ? String(n) : undefined });
  const user = await requirePage("catalog.read", pageHref(requested));
  const actor = await requireActor();
  const [t, format, locale] = await Promise.all([getTranslations("products"), getFormatter(), getLocale()]);

  const categories = await listCategoryTree(actor);
  const query = { ...productListQuery(filters), category: categories.some((c) => c.id === filters.category) ? filters.category : undefined };
  let items: ProductDto[] = [];
  let total = 0;
  let failure: string | null = null;
  try {
    total = await countProducts(actor, query);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = filters.spec ? t("badSpec") : t("badQuery");
  }
  // A page past the end (the list shrank since the link was made) shows the last page.
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(requested, pageCount);
  if (!failure && total > 0) items = (await listProducts(actor, { ...query, limit: String(PAGE_SIZE) }, { sort, page: current })).items;

  const filtered = Boolean(filters.q || filters.category || filters.stock || filters.deleted || filters.spec);
  const clear = filtered ? { href: hrefWith("/products", sortParams(productSort, sort)), label: t("clearFilters") } : null;
  const sortCtx: SortContext<ProductSortColumn> = { spec: productSort, current: sort, path: "/products", params: filters };
  const writable = can(user.role, "catalog.write");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={hrefWith("/exports/products", kept)} download className={buttonClasses({ variant: "secondary" })}>
              <ArrowDownToLineIcon className="size-4" />
              {t("exportCsv")}
            </a>
            {writable ? <NewLink href="/products/new">{t("new")}</NewLink> : null}
          </div>
        }
      />

      <Card>
        <FilterBar clear={clear} notes={filters.deleted ? <Badge tone="warning">{t("viewingDeleted")}</Badge> : null}>
          <FilterForm action="/products" label={t("filters")} keep={sortParams(productSort, sort)}>
            <div className="grid grid-cols-1 gap-3 md:grid-cols-2 md:items-end xl:grid-cols-[minmax(0,1.6fr)_minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1.4fr)_auto]">
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
              <FilterField id="spec" label={t("specFilter")}>
                <p id="spec-hint" className="sr-only">
                  {t("specFilterHint")}
                </p>
                <Input id="spec" name="spec" defaultValue={filters.spec} placeholder={t("specFilterPlaceholder")} autoComplete="off" spellCheck={false} aria-describedby="spec-hint" />
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
        ) : items.length === 0 ? (
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
              {items.map((p) => (
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
              {items.map((p) => (
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
          nextHref={null}
          firstHref={null}
          summary={total ? t("total", { n: total }) : undefined}
          pages={{ current, total: pageCount, href: pageHref }}
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
