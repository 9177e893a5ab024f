import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ActionsTh, ApplyButton, BadQueryAlert, CardList, EditCell, EditIconLink, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { MapPinIcon, WarehouseIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { SortLinks, SortTh, type SortContext } from "@/components/ui/sort-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listLocations, listWarehouses, locationSort, type LocationSortColumn } from "@/lib/locations/locations";
import { parseSort, sortParams } from "@/lib/sorting";
import { LOCATION_KINDS, type LocationDto } from "@/lib/locations/schemas";
import type { Page } from "@/lib/pagination";
import { LOCATION_KIND_TONE, LocationLink } from "@/components/ui/location-link";

export const generateMetadata = listTitle("locations");

const PAGE_SIZE = 25;

export default listRoute("location.read", "/locations", LocationsList);

async function LocationsList({ sp }: { sp: ListParams }) {
  const kind = one(sp.kind);
  const status = one(sp.status);
  const filters = {
    q: one(sp.q),
    warehouse: one(sp.warehouse),
    kind: (LOCATION_KINDS as readonly string[]).includes(kind ?? "") ? kind : undefined,
    status: status === "active" || status === "inactive" ? status : undefined,
  };
  const sort = parseSort(locationSort, sp);
  const kept = { ...filters, ...sortParams(locationSort, sort) };
  const sortCtx: SortContext<LocationSortColumn> = { spec: locationSort, current: sort, path: "/locations", params: filters };
  const cursor = one(sp.cursor);
  const user = await requirePage("location.read", hrefWith("/locations", { ...kept, cursor }));
  const actor = await requireActor();
  const [t, tc, format, warehouses] = await Promise.all([getTranslations("locations"), getTranslations("common"), getFormatter(), listWarehouses(actor)]);

  let page: Page<LocationDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listLocations(actor, {
      limit: String(PAGE_SIZE),
      q: filters.q,
      warehouse: filters.warehouse,
      kind: filters.kind,
      active: filters.status === "active" ? "true" : filters.status === "inactive" ? "false" : undefined,
      cursor,
    }, { sort });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("badQuery");
  }
  const writable = can(user.role, "location.write");
  const filtered = Boolean(filters.q || filters.warehouse || filters.kind || filters.status);
  const clear = filtered ? { href: hrefWith("/locations", sortParams(locationSort, sort)), label: t("clearFilters") } : null;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <>
            <LinkButton href="/locations/warehouses" variant="secondary">
              <WarehouseIcon className="size-4" />
              {t("warehouses")}
            </LinkButton>
            {writable ? <NewLink href="/locations/new">{t("new")}</NewLink> : null}
          </>
        }
      />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action="/locations" label={t("filters")} keep={sortParams(locationSort, sort)}>
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))_auto]">
              <FilterField id="q" label={t("search")} className="col-span-2 lg:col-span-1">
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="warehouse" label={t("warehouse")}>
                <Select id="warehouse" name="warehouse" defaultValue={filters.warehouse ?? ""}>
                  <option value="">{t("allWarehouses")}</option>
                  {warehouses.map((w) => (
                    <option key={w.id} value={w.code}>
                      {w.code} — {w.name}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="kind" label={t("kind")}>
                <Select id="kind" name="kind" defaultValue={filters.kind ?? ""}>
                  <option value="">{t("allKinds")}</option>
                  {LOCATION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds.${k}`)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="status" label={t("status")}>
                <Select id="status" name="status" defaultValue={filters.status ?? ""}>
                  <option value="">{t("anyStatus")}</option>
                  <option value="active">{tc("active")}</option>
                  <option value="inactive">{tc("inactive")}</option>
                </Select>
              </FilterField>
              <ApplyButton />
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={failure} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<MapPinIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            title={t("empty")}
            action={writable ? <NewLink href="/locations/new">{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            <SortLinks ctx={sortCtx} labels={{ code: t("code"), name: t("name") }} className="md:hidden" />
            <CardList label={t("title")}>
              {page.items.map((l) => (
                <li key={l.id} className="flex items-center gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <LocationLink code={l.code} className="font-medium text-zinc-900" />
                      <Badge tone={LOCATION_KIND_TONE[l.kind]}>{t(`kinds.${l.kind}`)}</Badge>
                      {!l.active ? <Badge tone="neutral">{tc("inactive")}</Badge> : null}
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-500">
                      {l.name} · {l.warehouse}
                      {l.capacity !== null ? ` · ${t("capacityShort", { n: format.number(l.capacity) })}` : ""}
                    </p>
                  </div>
                  {writable ? <EditIconLink href={`/locations/${encodeURIComponent(l.code)}/edit`} label={t("editNamed", { code: l.code })} /> : null}
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              head={
                <>
                  <SortTh ctx={sortCtx} column="code">
                    {t("code")}
                  </SortTh>
                  <SortTh ctx={sortCtx} column="name">
                    {t("name")}
                  </SortTh>
                  <Th>{t("kind")}</Th>
                  <Th>{t("warehouse")}</Th>
                  <Th className="text-right">{t("capacity")}</Th>
                  <Th>{t("status")}</Th>
                  {writable ? <ActionsTh label={tc("edit")} /> : null}
                </>
              }
            >
              {page.items.map((l) => (
                <Tr key={l.id}>
                  <Td className="font-medium whitespace-nowrap text-zinc-900">
                    <LocationLink code={l.code} />
                  </Td>
                  <Td className="max-w-64 truncate">{l.name}</Td>
                  <Td>
                    <Badge tone={LOCATION_KIND_TONE[l.kind]}>{t(`kinds.${l.kind}`)}</Badge>
                  </Td>
                  <Td>{l.warehouse}</Td>
                  <Td className="text-right tabular">{l.capacity !== null ? format.number(l.capacity) : "—"}</Td>
                  <Td>{l.active ? <Badge tone="success" dot>{tc("active")}</Badge> : <Badge tone="neutral">{tc("inactive")}</Badge>}</Td>
                  {writable ? <EditCell href={`/locations/${encodeURIComponent(l.code)}/edit`} name={l.code} /> : null}
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/locations", kept, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/locations", kept) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
