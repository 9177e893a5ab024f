import { getTranslations } from "next-intl/server";
import { SerialList } from "@/components/serials/serial-list";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { HashIcon } from "@/components/ui/icons";
import { ApplyButton, BadQueryAlert, FilterBar, FilterField, ListEmptyState, ListFooter, NewLink, SearchInput } from "@/components/ui/list-page";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listSerialItems } from "@/lib/serials/items";
import { SOURCE_KINDS, type SerialItemDto } from "@/lib/serials/schemas";
import { SERIAL_STATUSES } from "@/lib/serials/states";
import { searchLocationsAction } from "../movements/actions";
import { bulkTransitionAction } from "./actions";

export const generateMetadata = listTitle("serials");

const PAGE_SIZE = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default listRoute("serial.read", "/serials", SerialsList);

async function SerialsList({ sp }: { sp: ListParams }) {
  const status = one(sp.status);
  const sourceKind = one(sp.sourceKind);
  const from = one(sp.arrivedFrom);
  const to = one(sp.arrivedTo);
  const filters = {
    q: one(sp.q),
    status: (SERIAL_STATUSES as readonly string[]).includes(status ?? "") ? status : undefined,
    product: one(sp.product),
    sourceKind: (SOURCE_KINDS as readonly string[]).includes(sourceKind ?? "") ? sourceKind : undefined,
    arrivedFrom: from && DATE.test(from) ? from : undefined,
    arrivedTo: to && DATE.test(to) ? to : undefined,
  };
  const cursor = one(sp.cursor);
  const user = await requirePage("serial.read", hrefWith("/serials", { ...filters, cursor }));
  const actor = await requireActor();
  const t = await getTranslations("serials");

  let page: Page<SerialItemDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listSerialItems(actor, {
      ...filters,
      // The "to" day is inclusive: up to its last millisecond.
      arrivedTo: filters.arrivedTo ? `${filters.arrivedTo}T23:59:59.999Z` : undefined,
      limit: String(PAGE_SIZE),
      cursor,
    });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("badQuery");
  }
  const writable = can(user.role, "serial.write");
  const filtered = Object.values(filters).some(Boolean);
  const clear = filtered ? { href: "/serials", label: t("clearFilters") } : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={writable ? <NewLink href="/serials/new">{t("new")}</NewLink> : null} />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action="/serials" label={t("filters")}>
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[minmax(0,1.6fr)_repeat(5,minmax(0,1fr))_auto]">
              <FilterField id="q" label={t("search")} className="col-span-2 lg:col-span-1">
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="status" label={t("status")}>
                <Select id="status" name="status" defaultValue={filters.status ?? ""}>
                  <option value="">{t("anyStatus")}</option>
                  {SERIAL_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`statuses.${s}`)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="product" label={t("product")}>
                <Input id="product" name="product" defaultValue={filters.product} autoComplete="off" spellCheck={false} className="font-mono" />
              </FilterField>
              <FilterField id="sourceKind" label={t("sourceKind")}>
                <Select id="sourceKind" name="sourceKind" defaultValue={filters.sourceKind ?? ""}>
                  <option value="">{t("anySource")}</option>
                  {SOURCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds.${k}`)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="arrivedFrom" label={t("arrivedFrom")}>
                <Input id="arrivedFrom" name="arrivedFrom" type="date" defaultValue={filters.arrivedFrom} />
              </FilterField>
              <FilterField id="arrivedTo" label={t("arrivedTo")}>
                <Input id="arrivedTo" name="arrivedTo" type="date" defaultValue={filters.arrivedTo} />
              </FilterField>
              <ApplyButton className="col-span-2 lg:col-span-1" />
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={failure} back={{ href: "/serials", label: t("clearFilters") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<HashIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            title={t("empty")}
            hint={writable ? t("emptyHint") : undefined}
            action={writable ? <NewLink href="/serials/new">{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <SerialList items={page.items} writable={writable} bulk={bulkTransitionAction} searchLocations={searchLocationsAction} />
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/serials", filters, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/serials", filters) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
