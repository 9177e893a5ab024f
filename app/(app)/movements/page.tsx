import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Card } from "@/components/ui/card";
import { LocationInput } from "@/components/forms/location-input";
import { Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ApplyButton, BadQueryAlert, CardList, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { ArrowLeftRightIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { SortLinks, SortTh, type SortContext } from "@/components/ui/sort-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listMovements, movementSort, type MovementDto, type MovementSortColumn } from "@/lib/stock/queries";
import { parseSort, sortParams } from "@/lib/sorting";
import { MOVEMENT_TYPES, type MovementType } from "@/lib/stock/schemas";
import { searchLocationsAction } from "./actions";
import { MovementTypeBadge } from "./type-badge";

export const generateMetadata = listTitle("movements");

const PAGE_SIZE = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a YYYY-MM-DD date: "until" is inclusive on screen, exclusive in the query. */
function nextDay(d: string): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
}

export default listRoute("stock.read", "/movements", MovementsList);

async function MovementsList({ sp }: { sp: ListParams }) {
  const type = one(sp.type);
  const filters = {
    q: one(sp.q)?.trim() || undefined,
    type: (MOVEMENT_TYPES as readonly string[]).includes(type ?? "") ? (type as MovementType) : undefined,
    sku: one(sp.sku),
    location: one(sp.location)?.toUpperCase(),
    from: DATE.test(one(sp.from) ?? "") ? one(sp.from) : undefined,
    to: DATE.test(one(sp.to) ?? "") ? one(sp.to) : undefined,
  };
  const sort = parseSort(movementSort, sp);
  const kept = { ...filters, ...sortParams(movementSort, sort) };
  const sortCtx: SortContext<MovementSortColumn> = { spec: movementSort, current: sort, path: "/movements", params: filters };
  const cursor = one(sp.cursor);
  const user = await requirePage("stock.read", hrefWith("/movements", { ...kept, cursor }));
  const actor = await requireActor();
  const [t, format] = await Promise.all([getTranslations("movements"), getFormatter()]);

  let page: Page<MovementDto> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await listMovements(actor, {
      limit: String(PAGE_SIZE),
      q: filters.q,
      type: filters.type,
      sku: filters.sku,
      location: filters.location,
      since: filters.from,
      until: filters.to ? nextDay(filters.to) : undefined,
      cursor,
    }, { sort });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }
  const filtered = Object.values(filters).some(Boolean);
  const clear = filtered ? { href: hrefWith("/movements", sortParams(movementSort, sort)), label: t("clearFilters") } : null;
  const lineSummary = (m: MovementDto) => {
    const skus = [...new Set(m.lines.map((l) => l.sku))];
    return skus.length === 1 ? skus[0] : t("skuCount", { first: skus[0], n: skus.length - 1 });
  };
  const units = (m: MovementDto) => m.lines.reduce((s, l) => s + l.quantity, 0);
  const where = (m: MovementDto) => {
    const l = m.lines[0];
    if (!l) return "—";
    const more = m.lines.some((x) => (x.location ?? x.from) !== (l.location ?? l.from) || x.to !== l.to);
    const s = m.type === "transfer" ? `${l.from} → ${l.to}` : (l.location ?? "—");
    return more ? `${s} …` : s;
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={can(user.role, "movement.post") ? <NewLink href="/movements/new">{t("new")}</NewLink> : null}
      />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action="/movements" label={t("filters")} keep={sortParams(movementSort, sort)}>
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[minmax(0,1.6fr)_repeat(5,minmax(0,1fr))_auto]">
              <FilterField id="q" label={t("search")} className="col-span-2 lg:col-span-1">
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="type" label={t("type")} className="col-span-2 sm:col-span-1">
                <Select id="type" name="type" defaultValue={filters.type ?? ""}>
                  <option value="">{t("allTypes")}</option>
                  {MOVEMENT_TYPES.map((k) => (
                    <option key={k} value={k}>
                      {t(`types.${k}`)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="sku" label={t("sku")}>
                <Input id="sku" name="sku" defaultValue={filters.sku} autoComplete="off" spellCheck={false} className="font-mono" />
              </FilterField>
              <FilterField id="location" label={t("location")}>
                <LocationInput id="location" name="location" search={searchLocationsAction} defaultValue={filters.location} autoComplete="off" spellCheck={false} className="font-mono" />
              </FilterField>
              <FilterField id="from" label={t("dateFrom")}>
                <Input id="from" name="from" type="date" defaultValue={filters.from} />
              </FilterField>
              <FilterField id="to" label={t("dateTo")}>
                <Input id="to" name="to" type="date" defaultValue={filters.to} />
              </FilterField>
              <ApplyButton className="col-span-2 lg:col-span-1" />
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={t("badQuery")} back={{ href: "/movements", label: t("backToFirst") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<ArrowLeftRightIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            filteredHint={t("emptyFilteredHint")}
            title={t("empty")}
            action={can(user.role, "movement.post") ? <NewLink href="/movements/new">{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            <SortLinks ctx={sortCtx} labels={{ date: t("date"), number: t("number"), type: t("type") }} className="md:hidden" />
            <CardList label={t("title")}>
              {page.items.map((m) => (
                <li key={m.id}>
                  <Link href={`/movements/${m.id}`} className="block px-4 py-3.5 active:bg-zinc-50">
                    <div className="flex items-start justify-between gap-3">
                      <p className="min-w-0 truncate font-mono text-sm font-medium text-zinc-900">{m.number}</p>
                      <MovementTypeBadge type={m.type} label={t(`types.${m.type}`)} />
                    </div>
                    <div className="mt-1.5 flex items-center justify-between gap-3 text-sm text-zinc-500">
                      <span className="min-w-0 truncate font-mono text-xs">
                        {lineSummary(m)} · {where(m)}
                      </span>
                      <span className="shrink-0 text-zinc-700 tabular">{format.number(units(m))}</span>
                    </div>
                    <p className="mt-1 text-xs text-zinc-400 tabular">
                      {formatDateTime(m.createdAt)} · {t(`channels.${m.channel}`)}
                    </p>
                  </Link>
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              dense
              head={
                <>
                  <SortTh ctx={sortCtx} column="number">
                    {t("number")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="date">
                    {t("date")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="type">
                    {t("type")}
                  </SortTh>
                  <Th>{t("products")}</Th>
                  <Th className="hidden xl:table-cell">{t("location")}</Th>
                  <Th className="text-right">{t("units")}</Th>
                  <Th className="hidden lg:table-cell">{t("reference")}</Th>
                  <Th className="hidden lg:table-cell">{t("by")}</Th>
                </>
              }
            >
              {page.items.map((m) => (
                <Tr key={m.id}>
                  <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                    <Link href={`/movements/${m.id}`} className="font-medium text-accent-700 hover:underline">
                      {m.number}
                    </Link>
                  </Td>
                  <Td className="text-xs whitespace-nowrap text-zinc-500 tabular">
                    {/* Date over time: the list has eight columns to fit at 1440 px. */}
                    <span className="block">{formatDateTime(m.createdAt).slice(0, 10)}</span>
                    <span className="block text-zinc-400">{formatDateTime(m.createdAt).slice(11)}</span>
                  </Td>
                  <Td>
                    <MovementTypeBadge type={m.type} label={t(`types.${m.type}`)} />
                  </Td>
                  <Td className="font-mono text-[0.8125rem]">
                    <div className="max-w-32 truncate" title={lineSummary(m)}>
                      {lineSummary(m)}
                    </div>
                  </Td>
                  <Td className="hidden font-mono text-[0.8125rem] xl:table-cell">
                    <div className="max-w-32 truncate" title={where(m)}>
                      {where(m)}
                    </div>
                  </Td>
                  <Td className="text-right tabular">{format.number(units(m))}</Td>
                  <Td className="hidden text-zinc-500 lg:table-cell">
                    <div className="max-w-24 truncate" title={m.reference ?? undefined}>
                      {m.reference ?? "—"}
                    </div>
                  </Td>
                  <Td className="hidden text-zinc-500 lg:table-cell">
                    <div className="max-w-32 truncate" title={m.user}>
                      {m.user}
                    </div>
                    <span className="block text-xs text-zinc-400">{t(`channels.${m.channel}`)}</span>
                  </Td>
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/movements", kept, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/movements", kept) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
