// Admin → Webhooks → one endpoint: its settings, secret rotation, a test event, and the delivery
// log (status, response code, duration, attempts, time) with Redeliver on each delivery.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftRightIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listWebhookDeliveries } from "@/lib/webhooks/deliveries";
import { getWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { webhookEventKey as eventKey } from "@/lib/webhooks/events";
import { deleteWebhookAction, pingWebhookAction, redeliverWebhookAction, rotateWebhookSecretAction, updateWebhookAction } from "../actions";
import { PingButton, RedeliverButton, RotateSecret } from "../endpoint-buttons";
import { WebhookForm } from "../webhook-form";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("detailTitle") };
}

const DELIVERY_TONE = { pending: "warning", succeeded: "success", failed: "danger" } as const;

export default async function WebhookPage({ params, searchParams }: { params: Params; searchParams: Promise<{ cursor?: string }> }) {
  const { id } = await params;
  const { cursor } = await searchParams;
  await requirePage("webhooks.manage", `/admin/webhooks/${id}`);
  const actor = await requireActor();
  const missing = (e: unknown) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  };
  const ep = await getWebhookEndpoint(actor, id).catch(missing);
  const [t, tc, page] = await Promise.all([getTranslations("webhooks"), getTranslations("common"), listWebhookDeliveries(actor, ep.id, { cursor }).catch(missing)]);
  const eventLabel = (type: string) => (t.has(`eventTypes.${eventKey(type)}`) ? t(`eventTypes.${eventKey(type)}`) : type);

  return (
    <>
      <PageHeader
        title={<span className="break-all">{ep.url}</span>}
        description={ep.description || undefined}
        back={{ href: "/admin/webhooks", label: t("back") }}
        badge={
          <Badge tone={ep.active ? "success" : "danger"} dot>
            {t(`statuses.${ep.active ? "active" : "disabled"}`)}
          </Badge>
        }
        actions={ep.active ? <PingButton ping={pingWebhookAction.bind(null, ep.id)} /> : undefined}
      />
      <div className="space-y-6">
        {!ep.active && ep.disabledReason ? <Alert tone="warning">{t("disabledBecause", { reason: ep.disabledReason })}</Alert> : null}
        <Card>
          <CardHeader title={t("deliveriesTitle")} description={t("deliveriesHint")} />
          {page.items.length === 0 ? (
            <EmptyState icon={<ArrowLeftRightIcon />} title={t("noDeliveries")}>
              {t("noDeliveriesHint")}
            </EmptyState>
          ) : (
            <Table>
              <caption className="sr-only">{t("deliveriesTitle")}</caption>
              <thead>
                <tr>
                  <Th>{t("event")}</Th>
                  <Th>{t("deliveryStatus")}</Th>
                  <Th className="hidden sm:table-cell">{t("responseCode")}</Th>
                  <Th className="hidden md:table-cell">{t("duration")}</Th>
                  <Th className="hidden md:table-cell">{t("attempts")}</Th>
                  <Th className="hidden lg:table-cell">{t("time")}</Th>
                  <Th>
                    <span className="sr-only">{t("redeliver")}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((d) => (
                  <Tr key={d.id}>
                    <Td className="max-w-0 w-full">
                      <span className="block font-medium break-words text-zinc-900">{eventLabel(d.eventType)}</span>
                      <span className="block truncate font-mono text-xs text-zinc-500">{d.eventId}</span>
                      <span className="block font-mono text-xs text-zinc-500 lg:hidden">{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</span>
                    </Td>
                    <Td>
                      <Badge tone={DELIVERY_TONE[d.status]} dot>
                        {t(`deliveryStatuses.${d.status}`)}
                      </Badge>
                      {d.lastError && d.status !== "succeeded" ? <span className="mt-1 block max-w-48 truncate text-xs text-zinc-500" title={d.lastError}>{d.lastError}</span> : null}
                    </Td>
                    <Td className="hidden font-mono text-xs sm:table-cell">{d.lastStatusCode ?? "—"}</Td>
                    <Td className="hidden font-mono text-xs whitespace-nowrap md:table-cell">{d.lastDurationMs === null ? "—" : t("ms", { ms: d.lastDurationMs })}</Td>
                    <Td className="hidden tabular md:table-cell">{d.attempts}</Td>
                    <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-600 lg:table-cell">{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</Td>
                    <Td className="text-right">
                      <RedeliverButton redeliver={redeliverWebhookAction.bind(null, ep.id, d.id)} event={d.eventId} />
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
          {page.nextCursor ? (
            <div className="flex justify-end border-t border-zinc-100 px-4 py-3">
              <LinkButton href={hrefWith(`/admin/webhooks/${ep.id}`, {}, page.nextCursor)} size="sm">
                {t("more")}
              </LinkButton>
            </div>
          ) : null}
        </Card>
        <Card>
          <CardHeader title={t("settingsTitle")} />
          <CardBody className="space-y-6">
            <WebhookForm initial={ep} update={updateWebhookAction.bind(null, ep.id)} />
            <div className="flex flex-col gap-3 border-t border-zinc-100 pt-4 sm:flex-row sm:items-start sm:justify-between">
              <div className="text-sm text-zinc-600">
                {t("secretPrefix")}: <span className="font-mono">{ep.secretPrefix}</span>
              </div>
              <div className="flex flex-wrap items-start gap-2">
                <RotateSecret rotate={rotateWebhookSecretAction.bind(null, ep.id)} />
                <ConfirmAction
                  trigger={t("delete")}
                  title={t("deleteTitle")}
                  description={t("deleteBody")}
                  confirmLabel={t("delete")}
                  cancelLabel={tc("cancel")}
                  action={deleteWebhookAction.bind(null, ep.id)}
                  successMessage={t("deleted")}
                />
              </div>
            </div>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
