import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { salesOrderHref } from "@/components/sales/refs";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ReceiptIcon } from "@/components/ui/icons";
import { ApplyButton, BadQueryAlert, CardList, FilterBar, FilterCheckbox, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { companyTodayIso } from "@/lib/purchasing/purchase-orders";
import { listCustomers } from "@/lib/sales/customers";
import { listSalesOrders } from "@/lib/sales/orders";
import type { SalesOrderSummaryDto } from "@/lib/sales/schemas";
import { SO_STATUSES } from "@/lib/sales/states";

export const generateMetadata = listTitle("sales.orders");

const PATH = "/sales/orders";
const PAGE_SIZE = 25;

export default listRoute("sales.read", PATH, OrdersList);

async function OrdersList({ sp }: { sp: ListParams }) {
  const status = one(sp.status);
  const filters = {
    q: one(sp.q),
    status: (SO_STATUSES as readonly string[]).includes(status ?? "") ? status : undefined,
    customer: one(sp.customer),
    backorder: one(sp.backorder) === "true" ? "true" : undefined,
    due: one(sp.due) === "true" ? "true" : undefined,
  };
  const cursor = one(sp.cursor);
  await requirePage("sales.read", hrefWith(PATH, { ...filters, cursor }));
  const actor = await requireActor();
  const [t, ts, locale, customers, today] = await Promise.all([
    getTranslations("sales.orders"),
    getTranslations("sales.statuses"),
    getLocale(),
    listCustomers(actor, { limit: "500" }).then((p) => p.items),
    companyTodayIso(),
  ]);

  let page: Page<SalesOrderSummaryDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    const { due, ...rest } = filters;
    page = await listSalesOrders(actor, { ...rest, ...(due ? { dueBy: today } : {}), limit: String(PAGE_SIZE), cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("badQuery");
  }
  const writable = can(actor.role, "sales.write");
  const filtered = Object.values(filters).some(Boolean);
  const clear = filtered ? { href: PATH, label: t("clearFilters") } : null;
  const money = (o: SalesOrderSummaryDto) => formatMoney(locale, { amount: o.total, currency: o.currency });
  const late = (o: SalesOrderSummaryDto) => ["confirmed", "picking", "packed"].includes(o.status) && o.requestedDate !== null && o.requestedDate < today;

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={writable ? <NewLink href={`${PATH}/new`}>{t("new")}</NewLink> : null} />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action={PATH} label={t("filters")}>
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[minmax(0,1.6fr)_repeat(2,minmax(0,1fr))_auto_auto_auto]">
              <FilterField id="q" label={t("search")} className="col-span-2 lg:col-span-1">
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="status" label={t("status")}>
                <Select id="status" name="status" defaultValue={filters.status ?? ""}>
                  <option value="">{t("anyStatus")}</option>
                  {SO_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {ts(s)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="customer" label={t("customer")}>
                <Select id="customer" name="customer" defaultValue={filters.customer ?? ""}>
                  <option value="">{t("allCustomers")}</option>
                  {customers.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} — {c.name}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterCheckbox name="backorder" defaultChecked={filters.backorder === "true"}>
                {t("backorderOnly")}
              </FilterCheckbox>
              <FilterCheckbox name="due" defaultChecked={filters.due === "true"}>
                {t("dueToday")}
              </FilterCheckbox>
              <ApplyButton />
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={failure} back={{ href: PATH, label: t("clearFilters") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<ReceiptIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            title={t("empty")}
            hint={writable ? t("emptyHint") : undefined}
            action={writable ? <NewLink href={`${PATH}/new`}>{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            <CardList label={t("title")}>
              {page.items.map((o) => (
                <li key={o.id}>
                  <Link href={salesOrderHref(o.number)} className="block px-4 py-3 hover:bg-zinc-50">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-mono font-medium text-zinc-900">{o.number}</span>
                      <SalesStatusBadge status={o.status} label={ts(o.status)} />
                      {o.backorderQuantity > 0 ? <Badge tone="warning">{t("backorderBadge", { n: o.backorderQuantity })}</Badge> : null}
                      {late(o) ? <Badge tone="danger">{t("lateBadge")}</Badge> : null}
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-600">{o.customer.name}</p>
                    <p className="mt-0.5 flex flex-wrap justify-between gap-x-3 text-sm text-zinc-500">
                      <span className="tabular">{o.requestedDate ? t("requestedOn", { date: o.requestedDate }) : t("noDate")}</span>
                      <span className="font-medium text-zinc-900 tabular">{money(o)}</span>
                    </p>
                  </Link>
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              head={
                <>
                  <Th>{t("number")}</Th>
                  <Th>{t("customer")}</Th>
                  <Th>{t("status")}</Th>
                  <Th className="text-right">{t("total")}</Th>
                  <Th>{t("requestedDate")}</Th>
                  <Th className="text-right">{t("backorder")}</Th>
                  <Th className="hidden xl:table-cell">{t("createdBy")}</Th>
                </>
              }
            >
              {page.items.map((o) => (
                <Tr key={o.id}>
                  <Td className="font-mono font-medium whitespace-nowrap">
                    <Link href={salesOrderHref(o.number)} className="text-accent-700 hover:underline">
                      {o.number}
                    </Link>
                    {o.backorderOf ? <span className="block text-xs font-normal text-zinc-500">{t("backorderOf", { number: o.backorderOf })}</span> : null}
                  </Td>
                  <Td className="max-w-56">
                    <div className="truncate">{o.customer.name}</div>
                    <div className="font-mono text-xs text-zinc-500">{o.customer.code}</div>
                  </Td>
                  <Td>
                    <SalesStatusBadge status={o.status} label={ts(o.status)} />
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular">{money(o)}</Td>
                  <Td className="whitespace-nowrap tabular">
                    {o.requestedDate ?? "—"}
                    {late(o) ? (
                      <Badge tone="danger" className="ml-2">
                        {t("lateBadge")}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className={`text-right tabular ${o.backorderQuantity > 0 ? "font-semibold text-amber-800" : "text-zinc-500"}`}>{o.backorderQuantity}</Td>
                  <Td className="hidden max-w-40 truncate xl:table-cell">{o.createdBy.name}</Td>
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
    </>
  );
}
