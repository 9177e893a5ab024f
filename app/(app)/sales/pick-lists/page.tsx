import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { PickListForm } from "@/components/sales/pick-list-form";
import { pickListHref, salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ListChecksIcon } from "@/components/ui/icons";
import { ApplyButton, BadQueryAlert, CardList, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable } from "@/components/ui/list-page";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listSalesOrders } from "@/lib/sales/orders";
import { listPickLists } from "@/lib/sales/pick-lists";
import type { PickListDto } from "@/lib/sales/schemas";
import { SO_PICKABLE } from "@/lib/sales/states";
import { searchLocationsAction } from "../../movements/actions";
import { createPickListAction } from "../actions";

export const generateMetadata = listTitle("sales.pickLists");

const PATH = "/sales/pick-lists";
const PAGE_SIZE = 25;
const PICK_STATUSES = ["open", "done", "cancelled"] as const;

export default listRoute("sales.read", PATH, PickLists);

async function PickLists({ sp }: { sp: ListParams }) {
  const status = one(sp.status);
  const filters = { status: (PICK_STATUSES as readonly string[]).includes(status ?? "") ? status : undefined };
  const cursor = one(sp.cursor);
  const user = await requirePage("sales.read", hrefWith(PATH, { ...filters, cursor }));
  const actor = await requireActor();
  const picker = can(user.role, "sales.pick");
  const [t, tp, ts, pickable] = await Promise.all([
    getTranslations("sales.pickLists"),
    getTranslations("sales.pickStatuses"),
    getTranslations("sales.statuses"),
    // Orders a pick list may take, oldest requested first would need another index: newest first, as listed.
    picker ? Promise.all(SO_PICKABLE.map((s) => listSalesOrders(actor, { status: s, limit: "100" }).then((p) => p.items))).then((l) => l.flat()) : Promise.resolve([]),
  ]);

  let page: Page<PickListDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listPickLists(actor, { ...filters, limit: String(PAGE_SIZE), cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("badQuery");
  }
  const clear = filters.status ? { href: PATH, label: t("clearFilters") } : null;
  const progress = (p: PickListDto) => t("progress", { done: p.lines.filter((l) => l.pickedQuantity !== null).length, lines: p.lines.length });
  const orderLinks = (p: PickListDto) =>
    p.orders.map((o, i) => (
      <span key={o}>
        {i ? ", " : ""}
        <Link href={salesOrderHref(o)} className="font-mono text-accent-700 hover:underline">
          {o}
        </Link>
      </span>
    ));

  const list = (
    <Card className="min-w-0">
      <FilterBar clear={clear}>
        <FilterForm action={PATH} label={t("filters")}>
          <div className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[minmax(0,16rem)_auto] sm:justify-start">
            <FilterField id="status" label={t("status")}>
              <Select id="status" name="status" defaultValue={filters.status ?? ""}>
                <option value="">{t("anyStatus")}</option>
                {PICK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {tp(s)}
                  </option>
                ))}
              </Select>
            </FilterField>
            <ApplyButton />
          </div>
        </FilterForm>
      </FilterBar>
      {failure ? (
        <BadQueryAlert message={failure} back={{ href: PATH, label: t("clearFilters") }} />
      ) : page.items.length === 0 ? (
        <ListEmptyState icon={<ListChecksIcon />} clear={clear} filteredTitle={t("emptyFiltered")} title={t("empty")} hint={t("emptyHint")} />
      ) : (
        <>
          <CardList label={t("title")}>
            {page.items.map((p) => (
              <li key={p.id} className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={pickListHref(p.id)} className="font-mono font-medium text-accent-700 hover:underline">
                    {p.number}
                  </Link>
                  <SalesStatusBadge status={p.status} label={tp(p.status)} />
                </div>
                <p className="mt-0.5 text-sm text-zinc-600">{orderLinks(p)}</p>
                <p className="text-xs text-zinc-500 tabular">
                  {progress(p)} · {t("toLocationValue", { location: p.toLocation })} · {formatDateTime(p.createdAt)}
                </p>
              </li>
            ))}
          </CardList>
          <ListTable
            label={t("title")}
            head={
              <>
                <Th>{t("number")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("orders")}</Th>
                <Th>{t("lines")}</Th>
                <Th>{t("toLocation")}</Th>
                <Th className="hidden 2xl:table-cell">{t("createdBy")}</Th>
                <Th className="hidden lg:table-cell">{t("createdAt")}</Th>
              </>
            }
          >
            {page.items.map((p) => (
              <Tr key={p.id}>
                <Td className="font-mono font-medium whitespace-nowrap">
                  <Link href={pickListHref(p.id)} className="text-accent-700 hover:underline">
                    {p.number}
                  </Link>
                </Td>
                <Td>
                  <SalesStatusBadge status={p.status} label={tp(p.status)} />
                </Td>
                <Td className="max-w-64 [&_a]:whitespace-nowrap">{orderLinks(p)}</Td>
                <Td className="text-sm tabular">{progress(p)}</Td>
                <Td className="font-mono whitespace-nowrap">{p.toLocation}</Td>
                <Td className="hidden max-w-40 truncate 2xl:table-cell">{p.createdBy.name}</Td>
                <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-500 lg:table-cell">{formatDateTime(p.createdAt).slice(0, 16)}</Td>
              </Tr>
            ))}
          </ListTable>
        </>
      )}
      <ListFooter
        hidden={Boolean(failure)}
        nextHref={page.nextCursor ? hrefWith(PATH, filters, page.nextCursor) : null}
        firstHref={cursor ? hrefWith(PATH, filters) : null}
        summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
      />
    </Card>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      {picker ? (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
          <div className="min-w-0 xl:col-span-2">{list}</div>
          <Card aria-labelledby="new-pick-list-heading" className="min-w-0 self-start">
            <CardHeader id="new-pick-list-heading" title={t("form.title")} description={t("form.description")} />
            <CardBody>
              <PickListForm
                orders={pickable.map((o) => ({ number: o.number, customer: o.customer.name, status: o.status, statusLabel: ts(o.status), requestedDate: o.requestedDate }))}
                action={createPickListAction}
                searchLocations={searchLocationsAction}
              />
            </CardBody>
          </Card>
        </div>
      ) : (
        list
      )}
    </>
  );
}
