import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/components/format";
import { CartIcon } from "@/components/purchasing/orders/icons";
import { orderHref } from "@/components/purchasing/orders/order-number";
import { OrderStatusBadge } from "@/components/purchasing/orders/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ApplyButton, BadQueryAlert, CardList, FilterBar, FilterCheckbox, FilterField, ListEmptyState, ListFooter, ListTable, NewLink, SearchInput } from "@/components/ui/list-page";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { listPurchaseOrders } from "@/lib/purchasing/purchase-orders";
import type { PurchaseOrderSummaryDto } from "@/lib/purchasing/schemas";
import { PO_STATUSES } from "@/lib/purchasing/states";
import { listSuppliers } from "@/lib/purchasing/suppliers";

export const generateMetadata = listTitle("purchasing.orders");

const PAGE_SIZE = 25;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default listRoute("purchase.read", "/purchasing/orders", OrdersList);

async function OrdersList({ sp }: { sp: ListParams }) {
  const status = one(sp.status);
  const from = one(sp.from);
  const to = one(sp.to);
  const filters = {
    q: one(sp.q),
    status: (PO_STATUSES as readonly string[]).includes(status ?? "") ? status : undefined,
    supplier: one(sp.supplier),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    overdue: one(sp.overdue) === "true" ? "true" : undefined,
  };
  const cursor = one(sp.cursor);
  const user = await requirePage("purchase.read", hrefWith("/purchasing/orders", { ...filters, cursor }));
  const actor = await requireActor();
  const [t, ts, locale, suppliers] = await Promise.all([
    getTranslations("purchasing.orders"),
    getTranslations("purchasing.statuses"),
    getLocale(),
    can(user.role, "supplier.read") ? listSuppliers(actor, { limit: "500" }).then((p) => p.items) : Promise.resolve([]),
  ]);

  let page: Page<PurchaseOrderSummaryDto> = { items: [], nextCursor: null };
  let failure: string | null = null;
  try {
    page = await listPurchaseOrders(actor, { ...filters, limit: String(PAGE_SIZE), cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = t("badQuery");
  }
  const writable = can(user.role, "purchase.write");
  const filtered = Object.values(filters).some(Boolean);
  const clear = filtered ? { href: "/purchasing/orders", label: t("clearFilters") } : null;
  const money = (amount: string, currency: string) => formatMoney(locale, { amount, currency });
  const today = new Date().toISOString().slice(0, 10);
  const late = (o: PurchaseOrderSummaryDto) => (o.status === "approved" || o.status === "partially_received") && o.expectedDate !== null && o.expectedDate < today;

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} actions={writable ? <NewLink href="/purchasing/orders/new">{t("new")}</NewLink> : null} />
      <Card>
        <FilterBar clear={clear}>
          <FilterForm action="/purchasing/orders" label={t("filters")}>
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[minmax(0,1.6fr)_repeat(4,minmax(0,1fr))_auto_auto]">
              <FilterField id="q" label={t("search")} className="col-span-2 lg:col-span-1">
                <SearchInput defaultValue={filters.q} placeholder={t("searchPlaceholder")} />
              </FilterField>
              <FilterField id="status" label={t("status")}>
                <Select id="status" name="status" defaultValue={filters.status ?? ""}>
                  <option value="">{t("anyStatus")}</option>
                  {PO_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {ts(s)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="supplier" label={t("supplier")}>
                <Select id="supplier" name="supplier" defaultValue={filters.supplier ?? ""}>
                  <option value="">{t("allSuppliers")}</option>
                  {suppliers.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.code} — {s.name}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="from" label={t("from")}>
                <Input id="from" name="from" type="date" defaultValue={filters.from} />
              </FilterField>
              <FilterField id="to" label={t("to")}>
                <Input id="to" name="to" type="date" defaultValue={filters.to} />
              </FilterField>
              <FilterCheckbox name="overdue" defaultChecked={filters.overdue === "true"}>
                {t("overdue")}
              </FilterCheckbox>
              <ApplyButton />
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={failure} back={{ href: "/purchasing/orders", label: t("clearFilters") }} />
        ) : page.items.length === 0 ? (
          <ListEmptyState
            icon={<CartIcon />}
            clear={clear}
            filteredTitle={t("emptyFiltered")}
            title={t("empty")}
            hint={writable ? t("emptyHint") : undefined}
            action={writable ? <NewLink href="/purchasing/orders/new">{t("emptyAction")}</NewLink> : null}
          />
        ) : (
          <>
            <CardList label={t("title")}>
              {page.items.map((o) => (
                <li key={o.id}>
                  <Link href={orderHref(o.number)} className="block px-4 py-3 hover:bg-zinc-50">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-mono font-medium text-zinc-900">{o.number}</span>
                      <OrderStatusBadge status={o.status} label={ts(o.status)} />
                      {late(o) ? <Badge tone="danger">{t("overdueBadge")}</Badge> : null}
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-600">{o.supplier.name}</p>
                    <p className="mt-0.5 flex flex-wrap justify-between gap-x-3 text-sm text-zinc-500">
                      <span className="tabular">
                        {o.orderDate}
                        {o.expectedDate ? ` → ${o.expectedDate}` : ""}
                      </span>
                      <span className="font-medium text-zinc-900 tabular">{money(o.total, o.currency)}</span>
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
                  <Th>{t("supplier")}</Th>
                  <Th>{t("status")}</Th>
                  <Th className="text-right">{t("total")}</Th>
                  <Th className="text-right">{t("totalBaseShort")}</Th>
                  <Th>{t("orderDate")}</Th>
                  <Th>{t("expectedDate")}</Th>
                  <Th>{t("createdBy")}</Th>
                </>
              }
            >
              {page.items.map((o) => (
                <Tr key={o.id}>
                  <Td className="font-mono font-medium whitespace-nowrap">
                    <Link href={orderHref(o.number)} className="text-accent-700 hover:underline">
                      {o.number}
                    </Link>
                  </Td>
                  <Td className="max-w-56">
                    <div className="truncate">{o.supplier.name}</div>
                    <div className="font-mono text-xs text-zinc-500">{o.supplier.code}</div>
                  </Td>
                  <Td>
                    <OrderStatusBadge status={o.status} label={ts(o.status)} />
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular">{money(o.total, o.currency)}</Td>
                  <Td className="text-right whitespace-nowrap text-zinc-600 tabular">{money(o.totalBase, o.baseCurrency)}</Td>
                  <Td className="whitespace-nowrap tabular">{o.orderDate}</Td>
                  <Td className="whitespace-nowrap tabular">
                    {o.expectedDate ?? "—"} {late(o) ? <Badge tone="danger">{t("overdueBadge")}</Badge> : null}
                  </Td>
                  <Td className="max-w-40 truncate">{o.createdBy.name}</Td>
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/purchasing/orders", filters, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/purchasing/orders", filters) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
