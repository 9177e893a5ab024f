import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { CopyIdentifierButton } from "@/components/serials/identifier";
import { SerialItemActions } from "@/components/serials/item-actions";
import { serialRefParam } from "@/components/serials/item-ref";
import { SerialStatusBadge } from "@/components/serials/status-badge";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSerialItem, serialItemHistory } from "@/lib/serials/items";
import { allowedTargets, nextArrivalCheck, SERIAL_STATUSES, type SerialStatus } from "@/lib/serials/states";
import { getMovement } from "@/lib/stock/queries";
import { searchLocationsAction } from "../../movements/actions";
import { checkArrivalAction, deleteSerialAction, transitionSerialAction } from "../actions";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serials.detail");
  return { title: t("title") };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isStatus = (v: unknown): v is SerialStatus => typeof v === "string" && (SERIAL_STATUSES as readonly string[]).includes(v);
/** The order fields are listed in a history row. */
const FIELD_ORDER = ["status", "location", "movement", "abnormalFrom", "abnormalReason", "imei", "flag", "product", "source", "identifier", "transactionConfirmedAt", "scheduledArrivalAt", "checkedArrivalAt1", "checkedArrivalAt2", "actualArrivalAt", "deleted"];

export default async function SerialPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string }> }) {
  const raw = (await params).id;
  const ref = serialRefParam(raw);
  const { saved } = await searchParams;
  const user = await requirePage("serial.read", `/serials/${raw}`);
  if (!ref) notFound();
  const actor = await requireActor();
  const item = await getSerialItem(actor, ref).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, ts, tk, history] = await Promise.all([
    getTranslations("serials.detail"),
    getTranslations("serials.statuses"),
    getTranslations("serials.kinds"),
    serialItemHistory(actor, item.id),
  ]);
  // Movement numbers in the history → their pages (movement pages are addressed by id).
  const numbers = [...new Set(history.map((h) => h.changes.movement?.after).filter((n): n is string => typeof n === "string"))];
  const movementIds = new Map(
    can(user.role, "stock.read") ? await Promise.all(numbers.map((n) => getMovement(actor, n).then((m) => [n, m?.id] as const))) : [],
  );
  const writable = can(user.role, "serial.write") && !item.deleted;
  const targets = writable ? allowedTargets(item.status, item.abnormalFrom) : [];
  const check = writable ? nextArrivalCheck(item.status, item.checkedArrivalAt1 ? new Date(item.checkedArrivalAt1) : null, item.checkedArrivalAt2 ? new Date(item.checkedArrivalAt2) : null) : null;
  const name = item.imei ?? item.identifier;
  const when = (v: string | null) => (v ? formatDateTime(v) : t("none"));

  const value = (field: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === "") return <span className="text-zinc-400">{t("none")}</span>;
    if ((field === "status" || field === "abnormalFrom") && isStatus(v)) return ts(v);
    if (field === "movement" && typeof v === "string") {
      const id = movementIds.get(v);
      return id ? (
        <Link href={`/movements/${id}`} className="font-mono text-accent-700 hover:underline">
          {v}
        </Link>
      ) : (
        <span className="font-mono">{v}</span>
      );
    }
    if (field === "source" && typeof v === "string") {
      const [kind, ...label] = v.split(":");
      return tk.has(kind) ? `${tk(kind)}: ${label.join(":")}` : v;
    }
    if (typeof v === "boolean") return v ? "✓" : "✗";
    if (typeof v === "string" && ISO.test(v)) return <span className="tabular">{formatDateTime(v)}</span>;
    return <span className={field === "imei" || field === "location" || field === "identifier" || field === "product" ? "font-mono" : undefined}>{String(v)}</span>;
  };

  return (
    <>
      <PageHeader
        back={{ href: "/serials", label: t("title") }}
        title={<span className="font-mono break-all">{name}</span>}
        badge={<SerialStatusBadge status={item.status} label={ts(item.status)} />}
        description={`${item.product.sku} · ${item.product.name}`}
        actions={
          writable ? (
            <>
              <SerialItemActions
                id={item.id}
                status={item.status}
                targets={targets}
                arrivalCheck={check}
                transition={transitionSerialAction}
                checkArrival={checkArrivalAction}
                searchLocations={searchLocationsAction}
              />
              <LinkButton href={`/serials/${item.id}/edit`} variant="secondary">
                <PencilIcon className="size-4" />
                {t("edit")}
              </LinkButton>
              <ConfirmAction
                trigger={
                  <>
                    <TrashIcon className="size-4" />
                    {t("delete")}
                  </>
                }
                title={t("deleteTitle", { name })}
                description={t("deleteBody")}
                confirmLabel={t("deleteConfirm")}
                cancelLabel={t("keep")}
                action={deleteSerialAction.bind(null, item.id)}
                successHref="/serials"
                successMessage={t("deletedToast")}
              />
            </>
          ) : null
        }
      />

      {saved ? (
        <Alert tone="success" className="mb-6">
          {t("saved", { name })}
        </Alert>
      ) : null}
      {item.deleted ? (
        <Alert tone="warning" className="mb-6">
          {t("deletedNotice")}
        </Alert>
      ) : null}
      {item.status === "abnormal" ? (
        <Alert tone="warning" className="mb-6">
          {item.abnormalFrom ? t("abnormalFrom", { status: ts(item.abnormalFrom).toLowerCase() }) : null}
          {item.abnormalReason ? <> · {t("abnormalReason", { reason: item.abnormalReason })}</> : null}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-2">
          <Card aria-labelledby="facts-heading">
            <CardHeader id="facts-heading" title={t("facts")} />
            <CardBody>
              <dl className="space-y-3 text-sm">
                <Fact label={t("location")}>
                  {item.location ? <span className="font-mono font-medium">{item.location}</span> : <span className="text-zinc-500">{t("noLocation")}</span>}
                </Fact>
                <Fact label={t("status")}>{ts(item.status)}</Fact>
                <Fact label={t("fields.imei")}>{item.imei ? <span className="font-mono">{item.imei}</span> : t("none")}</Fact>
                <Fact label={t("fields.identifier")}>
                  <span className="inline-flex items-start gap-1">
                    <span className="font-mono text-xs break-all">{item.identifier}</span>
                    <CopyIdentifierButton identifier={item.identifier} />
                  </span>
                </Fact>
                <Fact label={t("fields.flag")}>{item.flag ?? t("none")}</Fact>
                <Fact label={t("product")}>
                  <Link href={`/products/${encodeURIComponent(item.product.sku)}`} className="font-mono text-accent-700 hover:underline">
                    {item.product.sku}
                  </Link>
                </Fact>
                <Fact label={t("source")}>
                  <span className="text-zinc-500">{tk(item.source.kind)}:</span>{" "}
                  {item.source.kind === "purchase_order" ? (
                    <Link href={`/purchasing/orders/${encodeURIComponent(item.source.label)}`} className="font-mono text-accent-700 hover:underline">
                      {item.source.label}
                    </Link>
                  ) : (
                    item.source.label
                  )}
                </Fact>
                <Fact label={t("transactionConfirmedAt")}>{when(item.transactionConfirmedAt)}</Fact>
                <Fact label={t("scheduledArrivalAt")}>{when(item.scheduledArrivalAt)}</Fact>
                <Fact label={t("checkedArrivalAt1")}>{when(item.checkedArrivalAt1)}</Fact>
                <Fact label={t("checkedArrivalAt2")}>{when(item.checkedArrivalAt2)}</Fact>
                <Fact label={t("actualArrivalAt")}>{when(item.actualArrivalAt)}</Fact>
                <Fact label={t("createdAt")}>{formatDateTime(item.createdAt)}</Fact>
              </dl>
            </CardBody>
          </Card>
        </div>

        <div className="min-w-0 lg:col-span-3">
          <Card aria-labelledby="timeline-heading">
            <CardHeader id="timeline-heading" title={t("timeline")} />
            {history.length === 0 ? (
              <CardBody>
                <p className="text-sm text-zinc-500">{t("noHistory")}</p>
              </CardBody>
            ) : (
              <ol className="px-4 py-3 sm:px-5" aria-label={t("timeline")}>
                {history
                  .slice()
                  .reverse()
                  .map((h) => {
                    const fields = Object.keys(h.changes).sort((a, b) => rank(a) - rank(b));
                    return (
                      <li key={h.id} className="relative border-l border-zinc-200 pb-4 pl-4 last:pb-0">
                        <span aria-hidden className="absolute top-1.5 -left-[5px] size-2.5 rounded-full border-2 border-white bg-accent-500" />
                        <p className="text-sm font-medium text-zinc-900">{t.has(`actions.${h.action}`) ? t(`actions.${h.action}`) : h.action}</p>
                        <p className="text-xs text-zinc-500">
                          {t("by", {
                            user: h.actor?.name ?? t("system"),
                            when: formatDateTime(h.createdAt),
                            channel: t.has(`channels.${h.channel}`) ? t(`channels.${h.channel}`) : h.channel,
                          })}
                        </p>
                        {h.action !== "create" && fields.length > 0 ? (
                          <dl className="mt-1.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                            {fields.map((f) => (
                              <div key={f} className="contents">
                                <dt className="text-zinc-500">{t.has(`fields.${f}`) ? t(`fields.${f}`) : f}</dt>
                                <dd className="min-w-0 break-words text-zinc-800">
                                  {f === "movement" ? (
                                    value(f, h.changes[f].after)
                                  ) : (
                                    <>
                                      {value(f, h.changes[f].before)} → {value(f, h.changes[f].after)}
                                    </>
                                  )}
                                </dd>
                              </div>
                            ))}
                          </dl>
                        ) : null}
                      </li>
                    );
                  })}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 text-right text-zinc-900">{children}</dd>
    </div>
  );
}
