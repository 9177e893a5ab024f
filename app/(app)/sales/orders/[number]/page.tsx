import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Fragment } from "react";
import { formatDateTime, formatMoney } from "@/components/format";
import { CreatePickListButton, SalesTransitionButtons } from "@/components/sales/order-actions";
import { PackForm } from "@/components/sales/pack-form";
import { customerHref, deliveryNoteHref, pickListHref, refParam, salesOrderHref } from "@/components/sales/refs";
import { ReturnForm } from "@/components/sales/return-form";
import { ShipForm } from "@/components/sales/ship-form";
import { SalesStatusBadge } from "@/components/sales/status-badge";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FileTextIcon, PencilIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Fact, Timeline } from "@/components/ui/timeline";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSalesOrder } from "@/lib/sales/orders";
import { getPickList } from "@/lib/sales/pick-lists";
import type { SalesOrderEventDto } from "@/lib/sales/schemas";
import { listReturnsOfShipment } from "@/lib/sales/returns";
import { listShipmentsOfOrder } from "@/lib/sales/shipping";
import { SO_OPEN, SO_PICKABLE } from "@/lib/sales/states";
import { getMovement } from "@/lib/stock/queries";
import { searchLocationsAction } from "../../../movements/actions";
import { createPickListAction, returnShipmentAction, shipOrderAction, transitionSalesOrderAction } from "../../actions";

type Params = Promise<{ number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("sales.detail");
  return { title: refParam((await params).number) ?? t("title") };
}

type Reserved = { sku: string; reserved: number; backorder: number };
type EventData = {
  lines?: Reserved[];
  packages?: number;
  weightKg?: string | null;
  released?: number;
  pickList?: string;
  sku?: string;
  location?: string;
  short?: number;
  rereserved?: { quantity: number }[];
  backordered?: number;
  shipment?: string;
  movement?: string;
  backorder?: string;
  droppedUnits?: number;
  of?: string;
  return?: string;
  units?: number;
};

export default async function SalesOrderPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const raw = (await params).number;
  const { saved } = await searchParams;
  const number = refParam(raw);
  const user = await requirePage("sales.read", `/sales/orders/${raw}`);
  if (!number) notFound();
  const actor = await requireActor();
  const order = await getSalesOrder(actor, number).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const canStock = can(user.role, "stock.read");
  const [t, ts, tp, te, format, locale, shipments, pickLists] = await Promise.all([
    getTranslations("sales.detail"),
    getTranslations("sales.statuses"),
    getTranslations("sales.pickStatuses"),
    getTranslations("sales.detail.events"),
    getFormatter(),
    getLocale(),
    listShipmentsOfOrder(actor, order.number),
    // Pick list and movement pages are addressed by id; the open lines say what is being picked.
    Promise.all(order.pickLists.map((p) => getPickList(actor, p.number))),
  ]);
  const returns = new Map(await Promise.all(shipments.map((s) => listReturnsOfShipment(actor, s.id).then((r) => [s.id, r] as const))));
  const movementNumbers = [...shipments.map((s) => s.movement), ...[...returns.values()].flatMap((r) => r.items.map((x) => x.movement))];
  const movementIds = new Map(canStock ? await Promise.all(movementNumbers.map((m) => getMovement(actor, m).then((row) => [m, row?.id] as const))) : []);
  const canReturn = can(user.role, "sales.ship");
  const tr = await getTranslations("sales.returns");
  const money = (amount: string) => formatMoney(locale, { amount, currency: order.currency });
  const n = (v: number) => format.number(v);
  const backorder = order.backorderQuantity;
  // Reserved, not picked: on an open pick list line (being picked), or on none yet (a pick list may take it).
  const unpicked = order.lines.reduce((s, l) => s + l.reservations.filter((r) => !r.picked).reduce((q, r) => q + r.quantity, 0), 0);
  const listed = pickLists
    .filter((p) => p.status === "open")
    .flatMap((p) => p.lines)
    .filter((l) => l.order === order.number && l.pickedQuantity === null)
    .reduce((s, l) => s + l.quantity, 0);
  const unlisted = Math.max(0, unpicked - listed);
  const picking = SO_PICKABLE.includes(order.status) && unpicked > 0;
  const canPack = order.transitions.includes("pack") && unpicked === 0;
  const canShip = order.status === "packed" && can(user.role, "sales.ship");
  const open = SO_OPEN.includes(order.status);
  const reservationState = (picked: boolean) => (picked ? t("picked") : t("reserved"));

  const eventDetail = (e: SalesOrderEventDto) => {
    const d = (e.data ?? {}) as EventData;
    const parts: string[] = [];
    if ((e.action === "confirm" || e.action === "reserve" || e.action === "backorder") && d.lines) {
      for (const l of d.lines) parts.push(t("eventReserved", { sku: l.sku, reserved: l.reserved, backorder: l.backorder }));
    }
    if (e.action === "backorder" && d.of) parts.unshift(t("eventBackorderOf", { number: d.of }));
    if (e.action === "pack" && d.packages) parts.push([t("packagesN", { n: d.packages }), d.weightKg ? t("weightValue", { kg: d.weightKg }) : null].filter(Boolean).join(" · "));
    if (e.action === "cancel" && d.released) parts.push(t("eventReleased", { n: d.released }));
    if (e.action === "short_pick" && d.sku) {
      const again = (d.rereserved ?? []).reduce((s, r) => s + r.quantity, 0);
      parts.push(t("eventShort", { sku: d.sku, short: d.short ?? 0, location: d.location ?? "", again, backordered: d.backordered ?? 0 }));
    }
    if (e.action === "ship") {
      if (d.backorder) parts.push(t("eventBackorder", { number: d.backorder }));
      if (d.droppedUnits) parts.push(t("eventDropped", { n: d.droppedUnits }));
    }
    if (e.action === "return" && d.return) parts.push(t("eventReturn", { number: d.return, n: d.units ?? 0 }));
    if (e.reason) parts.push(t("reason", { reason: e.reason }));
    return parts.length ? (
      <ul className="space-y-0.5">
        {parts.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    ) : undefined;
  };
  const eventRef = (e: SalesOrderEventDto) => {
    const d = (e.data ?? {}) as EventData;
    return d.shipment ?? d.pickList ?? null;
  };

  return (
    <>
      <PageHeader
        back={{ href: "/sales/orders", label: t("backToList") }}
        title={<span className="font-mono">{order.number}</span>}
        badge={<SalesStatusBadge status={order.status} label={ts(order.status)} />}
        description={`${order.customer.name} · ${order.customer.code}`}
        actions={
          <>
            {order.canEdit ? (
              <LinkButton href={`${salesOrderHref(order.number)}/edit`} variant="secondary">
                <PencilIcon className="size-4" />
                {t("edit")}
              </LinkButton>
            ) : null}
            <SalesTransitionButtons number={order.number} allowed={order.transitions} backorder={backorder} transition={transitionSalesOrderAction} />
          </>
        }
      />

      {saved === "created" || saved === "updated" ? (
        <Alert tone="success" className="mb-6">
          {t(saved === "created" ? "savedCreated" : "savedUpdated", { number: order.number })}
        </Alert>
      ) : null}
      {order.status === "cancelled" ? (
        <Alert tone="warning" className="mb-6">
          {order.cancelReason ? t("cancelledBecause", { reason: order.cancelReason }) : t("cancelled")}
        </Alert>
      ) : null}
      {open && backorder > 0 ? (
        <Alert tone="warning" className="mb-6" title={t("backorderTitle", { n: backorder })}>
          {t("backorderHint")}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="lines-heading">
            <CardHeader id="lines-heading" title={t("lines")} />
            <ul className="divide-y divide-zinc-100 md:hidden" aria-label={t("lines")}>
              {order.lines.map((l) => (
                <li key={l.lineNo} className="px-4 py-3">
                  <div className="flex items-baseline justify-between gap-3">
                    <Link href={`/products/${encodeURIComponent(l.sku)}`} className="truncate font-mono text-sm font-medium text-accent-700 hover:underline">
                      {l.sku}
                    </Link>
                    <span className="font-medium text-zinc-900 tabular">{money(l.amount)}</span>
                  </div>
                  <p className="truncate text-xs text-zinc-500">{l.name}</p>
                  <p className="mt-1 text-xs text-zinc-600 tabular">
                    {t("ordered")} {n(l.quantity)} · {t("reserved")} {n(l.reservedQuantity)} · {t("picked")} {n(l.pickedQuantity)} · {t("shipped")} {n(l.shippedQuantity)} · {t("backorder")}{" "}
                    {n(l.backorderQuantity)}
                  </p>
                  {l.reservations.length ? (
                    <ul className="mt-1 space-y-0.5 font-mono text-xs text-zinc-500" aria-label={t("reservationsOf", { sku: l.sku })}>
                      {l.reservations.map((r, i) => (
                        <li key={i}>
                          {[r.location, r.lot, r.serial].filter(Boolean).join(" · ")} × {n(r.quantity)} ({reservationState(r.picked)})
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table>
                <caption className="sr-only">{t("lines")}</caption>
                <thead>
                  <tr>
                    <Th>{t("name")}</Th>
                    <Th className="text-right">{t("ordered")}</Th>
                    <Th className="text-right">{t("reserved")}</Th>
                    <Th className="text-right">{t("picked")}</Th>
                    <Th className="text-right">{t("shipped")}</Th>
                    <Th className="text-right">{t("backorder")}</Th>
                    <Th className="text-right">{t("amount")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {order.lines.map((l) => (
                    <Fragment key={l.lineNo}>
                      <Tr className={l.reservations.length ? "[&>td]:border-b-0" : undefined}>
                        <Td className="max-w-64">
                          <Link href={`/products/${encodeURIComponent(l.sku)}`} className="font-mono whitespace-nowrap text-accent-700 hover:underline">
                            {l.sku}
                          </Link>
                          <span className="block truncate text-xs text-zinc-500">{l.name}</span>
                        </Td>
                        <Td className="text-right tabular">{n(l.quantity)}</Td>
                        <Td className="text-right tabular">{n(l.reservedQuantity)}</Td>
                        <Td className="text-right tabular">{n(l.pickedQuantity)}</Td>
                        <Td className="text-right tabular">{n(l.shippedQuantity)}</Td>
                        <Td className={`text-right tabular ${l.backorderQuantity > 0 ? "font-semibold text-amber-800" : "text-zinc-500"}`}>{n(l.backorderQuantity)}</Td>
                        <Td className="text-right whitespace-nowrap tabular">
                          <span className="font-medium text-zinc-900">{money(l.amount)}</span>
                          <span className="block text-xs text-zinc-500">{t("each", { price: money(l.unitPrice) })}</span>
                        </Td>
                      </Tr>
                      {l.reservations.length ? (
                        <tr>
                          <td colSpan={7} className="border-b border-zinc-100 px-5 pb-3">
                            <ul className="flex flex-wrap gap-x-4 gap-y-1 font-mono text-xs text-zinc-600" aria-label={t("reservationsOf", { sku: l.sku })}>
                              {l.reservations.map((r, i) => (
                                <li key={i} className="whitespace-nowrap">
                                  {[r.location, r.lot, r.serial].filter(Boolean).join(" · ")} × {n(r.quantity)}{" "}
                                  <span className={r.picked ? "text-emerald-700" : "text-zinc-500"}>({reservationState(r.picked)})</span>
                                </li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </Table>
            </div>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 border-t border-zinc-100 px-4 py-3 text-sm sm:px-5">
              <dt className="text-zinc-600">{t("total", { currency: order.currency })}</dt>
              <dd className="text-right font-semibold text-zinc-900 tabular">{money(order.total)}</dd>
            </dl>
          </Card>

          {picking ? (
            <Card aria-labelledby="pick-heading">
              <CardHeader
                id="pick-heading"
                title={t("pickTitle")}
                description={
                  <>
                    {listed > 0 ? <span className="block">{t("pickOpen", { n: listed })}</span> : null}
                    {unlisted > 0 ? <span className="block">{t("pickUnlisted", { n: unlisted })}</span> : null}
                  </>
                }
                actions={unlisted > 0 && can(user.role, "sales.pick") ? <CreatePickListButton number={order.number} action={createPickListAction} /> : null}
              />
            </Card>
          ) : null}

          {canPack ? (
            <Card aria-labelledby="pack-heading">
              <CardHeader id="pack-heading" title={t("packTitle")} description={t("packDescription")} />
              <CardBody>
                <PackForm number={order.number} transition={transitionSalesOrderAction} />
              </CardBody>
            </Card>
          ) : null}

          {canShip ? (
            <Card aria-labelledby="ship-heading">
              <CardHeader id="ship-heading" title={t("shipTitle")} description={t("shipDescription")} />
              <CardBody>
                <ShipForm number={order.number} backorder={backorder} action={shipOrderAction} />
              </CardBody>
            </Card>
          ) : null}

          <Card aria-labelledby="shipments-heading">
            <CardHeader id="shipments-heading" title={t("shipments")} />
            {shipments.length === 0 ? (
              <CardBody>
                <p className="text-sm text-zinc-500">{t("noShipments")}</p>
              </CardBody>
            ) : (
              <ul className="divide-y divide-zinc-100" aria-label={t("shipments")}>
                {shipments.map((s) => {
                  const movementId = movementIds.get(s.movement);
                  return (
                    <li key={s.id} className="space-y-1 px-4 py-3 sm:px-5">
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        <span className="font-mono text-sm font-medium text-zinc-900">{s.number}</span>
                        <a href={deliveryNoteHref(s.id)} className="inline-flex min-h-11 items-center gap-1.5 text-sm font-medium text-accent-700 hover:underline md:min-h-0" aria-label={t("deliveryNoteOf", { number: s.number })}>
                          <FileTextIcon className="size-4" />
                          {t("deliveryNote")}
                        </a>
                      </div>
                      <p className="text-xs text-zinc-500 tabular">
                        {t("shipmentBy", { when: formatDateTime(s.createdAt), user: s.actor.name })} · {t("packagesN", { n: s.packages })}
                        {s.weightKg ? ` · ${t("weightValue", { kg: s.weightKg })}` : ""}
                        {s.carrier ? ` · ${s.carrier}` : ""}
                        {s.trackingNo ? ` · ${s.trackingNo}` : ""}
                      </p>
                      <p className="font-mono text-xs text-zinc-600">
                        {movementId ? (
                          <Link href={`/movements/${movementId}`} className="text-accent-700 hover:underline">
                            {s.movement}
                          </Link>
                        ) : (
                          s.movement
                        )}
                        {" · "}
                        {s.lines.map((l) => `${l.sku} × ${n(l.quantity)}`).join(", ")}
                      </p>
                      {returns.get(s.id)?.items.length ? (
                        <ul className="space-y-1 pt-1" aria-label={tr("listOf", { shipment: s.number })}>
                          {returns.get(s.id)!.items.map((r) => {
                            const id = movementIds.get(r.movement);
                            return (
                              <li key={r.id} className="text-xs text-zinc-600">
                                <span className="font-medium text-zinc-800">{tr("returned", { number: r.number })}</span>{" "}
                                {id ? (
                                  <Link href={`/movements/${id}`} className="font-mono text-accent-700 hover:underline">
                                    {r.movement}
                                  </Link>
                                ) : (
                                  <span className="font-mono">{r.movement}</span>
                                )}
                                {" · "}
                                {r.lines.map((l) => `${l.sku} × ${n(l.quantity)}`).join(", ")} → <span className="font-mono">{r.location}</span> · {r.reason} ·{" "}
                                {tr("by", { when: formatDateTime(r.createdAt), user: r.actor.name })}
                              </li>
                            );
                          })}
                        </ul>
                      ) : null}
                      {canReturn ? (
                        <details className="pt-1">
                          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">{tr("record")}</summary>
                          <div className="pt-3">
                            <ReturnForm shipment={s.id} number={s.number} returnable={returns.get(s.id)?.returnable ?? []} action={returnShipmentAction} searchLocations={searchLocationsAction} />
                          </div>
                        </details>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="facts-heading">
            <CardHeader id="facts-heading" title={t("title")} />
            <CardBody>
              <dl className="space-y-3 text-sm">
                <Fact label={t("customer")}>
                  <Link href={customerHref(order.customer.code)} className="text-accent-700 hover:underline">
                    {order.customer.name}
                  </Link>{" "}
                  <span className="font-mono text-zinc-500">{order.customer.code}</span>
                </Fact>
                <Fact label={t("requestedDate")}>{order.requestedDate ?? t("noDate")}</Fact>
                <Fact label={t("shipTo")}>
                  <span className="whitespace-pre-line">{order.shipTo ?? "—"}</span>
                </Fact>
                <Fact label={t("currency")}>
                  <span className="font-mono">{order.currency}</span>
                </Fact>
                {order.packages !== null ? (
                  <Fact label={t("packed")}>
                    {t("packagesN", { n: order.packages })}
                    {order.weightKg ? ` · ${t("weightValue", { kg: order.weightKg })}` : ""}
                  </Fact>
                ) : null}
                <Fact label={t("createdBy")}>{order.createdBy.name}</Fact>
                {order.backorderOf ? (
                  <Fact label={t("backorderOf")}>
                    <Link href={salesOrderHref(order.backorderOf)} className="font-mono text-accent-700 hover:underline">
                      {order.backorderOf}
                    </Link>
                  </Fact>
                ) : null}
                {order.backorders.length ? (
                  <Fact label={t("backorders")}>
                    {order.backorders.map((b, i) => (
                      <Fragment key={b}>
                        {i ? ", " : ""}
                        <Link href={salesOrderHref(b)} className="font-mono text-accent-700 hover:underline">
                          {b}
                        </Link>
                      </Fragment>
                    ))}
                  </Fact>
                ) : null}
                {order.notes ? (
                  <Fact label={t("notes")}>
                    <span className="whitespace-pre-line">{order.notes}</span>
                  </Fact>
                ) : null}
              </dl>
            </CardBody>
          </Card>

          <Card aria-labelledby="pick-lists-heading">
            <CardHeader id="pick-lists-heading" title={t("pickLists")} />
            {pickLists.length === 0 ? (
              <CardBody>
                <p className="text-sm text-zinc-500">{t("noPickLists")}</p>
              </CardBody>
            ) : (
              <ul className="divide-y divide-zinc-100" aria-label={t("pickLists")}>
                {pickLists.map((p) => (
                  <li key={p.id} className="flex items-center justify-between gap-3 px-4 py-3 sm:px-5">
                    <Link href={pickListHref(p.id)} className="font-mono text-sm font-medium text-accent-700 hover:underline">
                      {p.number}
                    </Link>
                    <SalesStatusBadge status={p.status} label={tp(p.status)} />
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card aria-labelledby="timeline-heading">
            <CardHeader id="timeline-heading" title={t("timeline")} />
            <Timeline
              label={t("timeline")}
              entries={order.events.map((e, i) => {
                const ref = eventRef(e);
                return {
                  key: `${e.createdAt}-${i}`,
                  title: (
                    <>
                      {te.has(e.action) ? te(e.action) : e.action}
                      {ref ? <span className="font-mono font-normal text-zinc-500"> · {ref}</span> : null}
                    </>
                  ),
                  who: e.actor.name,
                  when: e.createdAt,
                  via: e.channel !== "web" ? t("channel", { channel: t.has(`channels.${e.channel}`) ? t(`channels.${e.channel}`) : e.channel }) : undefined,
                  detail: eventDetail(e),
                };
              })}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
