import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatDateTime, formatMoney } from "@/components/format";
import { orderHref, orderNumberParam } from "@/components/purchasing/orders/order-number";
import { ReceiveForm } from "@/components/purchasing/orders/receive-form";
import { OrderStatusBadge } from "@/components/purchasing/orders/status-badge";
import { TransitionButtons } from "@/components/purchasing/orders/transition-buttons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PencilIcon, ScanIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { Fact, Timeline } from "@/components/ui/timeline";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { getMovement } from "@/lib/stock/queries";
import { searchLocationsAction } from "../../../movements/actions";
import { receiveOrderAction, transitionOrderAction } from "../../actions";

type Params = Promise<{ number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("purchasing.detail");
  return { title: orderNumberParam((await params).number) ?? t("title") };
}

export default async function OrderPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const raw = (await params).number;
  const { saved } = await searchParams;
  const number = orderNumberParam(raw);
  const user = await requirePage("purchase.read", `/purchasing/orders/${raw}`);
  if (!number) notFound();
  const actor = await requireActor();
  const order = await getPurchaseOrder(actor, number).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, ts, te, format, locale, movements] = await Promise.all([
    getTranslations("purchasing.detail"),
    getTranslations("purchasing.statuses"),
    getTranslations("purchasing.detail.events"),
    getFormatter(),
    getLocale(),
    // Receipt → its movement page (movement pages are addressed by id).
    can(user.role, "stock.read") ? Promise.all(order.receipts.map((r) => getMovement(actor, r.movement).then((m) => [r.movement, m?.id] as const))) : Promise.resolve([]),
  ]);
  const movementIds = new Map(movements);
  const money = (amount: string, currency: string) => formatMoney(locale, { amount, currency });
  const n = (v: number) => format.number(v);
  const twoStep = order.approvalsRequired === 2;
  const receivable = order.lines.filter((l) => l.openQuantity > 0);
  const hasOpen = order.status === "approved" || order.status === "partially_received";

  return (
    <>
      <PageHeader
        back={{ href: "/purchasing/orders", label: t("title") }}
        title={<span className="font-mono">{order.number}</span>}
        badge={
          <>
            <OrderStatusBadge status={order.status} label={ts(order.status)} />
            {twoStep && order.status === "submitted" ? (
              <Badge tone="accent" className="tabular">
                <span aria-hidden>{t("approvalProgressLabel", { done: order.approvals, steps: order.approvalsRequired })}</span>
                <span className="sr-only">{t("approvalProgress", { done: order.approvals, steps: order.approvalsRequired })}</span>
              </Badge>
            ) : null}
          </>
        }
        description={`${order.supplier.name} · ${order.supplier.code}`}
        actions={
          <>
            {order.canEdit ? (
              <LinkButton href={`${orderHref(order.number)}/edit`} variant="secondary">
                <PencilIcon className="size-4" />
                {t("edit")}
              </LinkButton>
            ) : null}
            {order.canReceive ? (
              <LinkButton href={`/floor/receive?order=${encodeURIComponent(order.number)}`} variant="secondary" className="lg:hidden">
                <ScanIcon className="size-4" />
                {t("receiveOnHandheld")}
              </LinkButton>
            ) : null}
            <TransitionButtons number={order.number} allowed={order.allowedTransitions} transition={transitionOrderAction} />
          </>
        }
      />

      {saved === "created" || saved === "updated" ? (
        <Alert tone="success" className="mb-6">
          {t(saved === "created" ? "savedCreated" : "savedUpdated", { number: order.number })}
        </Alert>
      ) : null}
      {order.status === "rejected" && order.rejectReason ? (
        <Alert tone="warning" className="mb-6">
          {t("rejectedBecause", { reason: order.rejectReason })}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="lines-heading">
            <CardHeader id="lines-heading" title={t("lines")} />
            <ul className="divide-y divide-zinc-100 md:hidden" aria-label={t("lines")}>
              {order.lines.map((l) => (
                <li key={l.lineNo} className="px-4 py-3">
                  <div className="flex items-baseline justify-between gap-3">
                    <Link href={`/products/${encodeURIComponent(l.sku)}`} className="truncate font-mono text-sm font-medium text-accent-700 hover:underline">
                      {l.sku}
                    </Link>
                    <span className="font-medium text-zinc-900 tabular">{money(l.amount, order.currency)}</span>
                  </div>
                  <p className="truncate text-xs text-zinc-500">{l.name}</p>
                  <p className="mt-1 text-xs text-zinc-600 tabular">
                    {t("ordered")} {n(l.quantity)} · {t("received")} {n(l.receivedQuantity)} · {t("open")} {n(l.openQuantity)} · {money(l.unitPrice, order.currency)}
                  </p>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table>
                <caption className="sr-only">{t("lines")}</caption>
                <thead>
                  <tr>
                    <Th>{t("sku")}</Th>
                    <Th>{t("name")}</Th>
                    <Th className="text-right">{t("ordered")}</Th>
                    <Th className="text-right">{t("received")}</Th>
                    <Th className="text-right">{t("open")}</Th>
                    <Th className="text-right">{t("unitPrice")}</Th>
                    <Th className="text-right">{t("amount")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {order.lines.map((l) => (
                    <Tr key={l.lineNo}>
                      <Td className="font-mono whitespace-nowrap">
                        <Link href={`/products/${encodeURIComponent(l.sku)}`} className="text-accent-700 hover:underline">
                          {l.sku}
                        </Link>
                      </Td>
                      <Td className="max-w-56 truncate">{l.name}</Td>
                      <Td className="text-right tabular">{n(l.quantity)}</Td>
                      <Td className="text-right tabular">{n(l.receivedQuantity)}</Td>
                      <Td className={`text-right tabular ${l.openQuantity > 0 && hasOpen ? "font-semibold text-zinc-900" : "text-zinc-500"}`}>{n(l.openQuantity)}</Td>
                      <Td className="text-right whitespace-nowrap tabular">{money(l.unitPrice, order.currency)}</Td>
                      <Td className="text-right font-medium whitespace-nowrap tabular">{money(l.amount, order.currency)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 border-t border-zinc-100 px-4 py-3 text-sm sm:px-5">
              <dt className="text-zinc-600">{t("total", { currency: order.currency })}</dt>
              <dd className="text-right font-semibold text-zinc-900 tabular">{money(order.total, order.currency)}</dd>
              {order.currency !== order.baseCurrency ? (
                <>
                  <dt className="text-zinc-600">{t("totalBase", { currency: order.baseCurrency })}</dt>
                  <dd className="text-right font-medium text-zinc-900 tabular">{money(order.totalBase, order.baseCurrency)}</dd>
                  <dt className="text-zinc-500">
                    {t("rate")} <span className="text-xs">({t("rateFrozen")})</span>
                  </dt>
                  <dd className="text-right text-zinc-600 tabular">{t("rateValue", { currency: order.currency, rate: order.exchangeRate, base: order.baseCurrency })}</dd>
                </>
              ) : null}
            </dl>
          </Card>

          {order.canReceive && receivable.length > 0 ? (
            <Card aria-labelledby="receive-heading" className="hidden lg:block">
              <CardHeader id="receive-heading" title={t("receiveTitle")} description={t("receiveDescription")} />
              <CardBody>
                <ReceiveForm
                  number={order.number}
                  lines={receivable.map((l) => ({ sku: l.sku, name: l.name, tracking: l.tracking, open: l.openQuantity }))}
                  action={receiveOrderAction}
                  searchLocations={searchLocationsAction}
                />
              </CardBody>
            </Card>
          ) : null}

          <Card aria-labelledby="receipts-heading">
            <CardHeader id="receipts-heading" title={t("receipts")} />
            {order.receipts.length === 0 ? (
              <CardBody>
                <p className="text-sm text-zinc-500">{t("noReceipts")}</p>
              </CardBody>
            ) : (
              <ul className="divide-y divide-zinc-100" aria-label={t("receipts")}>
                {order.receipts.map((r) => {
                  const id = movementIds.get(r.movement);
                  return (
                    <li key={r.movement} className="px-4 py-3 sm:px-5">
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        {id ? (
                          <Link href={`/movements/${id}`} className="font-mono text-sm font-medium text-accent-700 hover:underline">
                            {r.movement}
                          </Link>
                        ) : (
                          <span className="font-mono text-sm font-medium">{r.movement}</span>
                        )}
                        <span className="text-xs text-zinc-500 tabular">{t("receiptBy", { when: formatDateTime(r.createdAt), user: r.actor.name })}</span>
                      </div>
                      <p className="mt-1 font-mono text-xs text-zinc-600">{r.lines.map((l) => `${l.sku} × ${n(l.quantity)}`).join(", ")}</p>
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
                <Fact label={t("supplier")}>
                  {order.supplier.name} <span className="font-mono text-zinc-500">{order.supplier.code}</span>
                </Fact>
                <Fact label={t("orderDate")}>{order.orderDate}</Fact>
                <Fact label={t("expectedDate")}>{order.expectedDate ?? t("noDate")}</Fact>
                {order.status === "submitted" || order.approvals > 0 || twoStep ? (
                  <Fact label={t("approval")}>{t("approvalProgress", { done: order.approvals, steps: order.approvalsRequired })}</Fact>
                ) : null}
                <Fact label={t("createdBy")}>{order.createdBy.name}</Fact>
                {order.lastEditedBy.id !== order.createdBy.id ? <Fact label={t("lastEditedBy")}>{order.lastEditedBy.name}</Fact> : null}
                {order.notes ? <Fact label={t("notes")}>{<span className="whitespace-pre-line">{order.notes}</span>}</Fact> : null}
              </dl>
            </CardBody>
          </Card>

          <Card aria-labelledby="timeline-heading">
            <CardHeader id="timeline-heading" title={t("timeline")} />
            <Timeline
              label={t("timeline")}
              entries={order.events.map((e, i) => {
                const data = (e.data ?? {}) as { step?: number; of?: number; movement?: string };
                return {
                  key: `${e.createdAt}-${i}`,
                  title: (
                    <>
                      {te.has(e.action) ? te(e.action) : e.action}
                      {e.action === "approve" && data.step && data.of === 2 ? <span className="font-normal text-zinc-500"> · {t("step", { step: data.step, steps: data.of })}</span> : null}
                      {data.movement ? <span className="font-mono font-normal text-zinc-500"> · {data.movement}</span> : null}
                    </>
                  ),
                  who: e.actor.name,
                  when: e.createdAt,
                  via: e.channel !== "web" ? t("channel", { channel: t.has(`channels.${e.channel}`) ? t(`channels.${e.channel}`) : e.channel }) : undefined,
                  detail: e.reason ? t("reason", { reason: e.reason }) : undefined,
                };
              })}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
