// Admin → Webhooks: the endpoints with their state, and the form to add one (docs/webhooks.md). Admins only.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftRightIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { createWebhookAction } from "./actions";
import { WebhookForm } from "./webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("sections.webhooks.title") };
}

export default async function WebhooksPage() {
  await requirePage("webhooks.manage", "/admin/webhooks");
  return (
    <Suspense fallback={<ListSkeleton filters={false} rows={4} />}>
      <Webhooks />
    </Suspense>
  );
}

async function Webhooks() {
  const actor = await requireActor();
  const [t, ta] = await Promise.all([getTranslations("webhooks"), getTranslations("admin")]);
  const endpoints = await listWebhookEndpoints(actor);
  return (
    <>
      <PageHeader title={ta("sections.webhooks.title")} description={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("createTitle")} description={t("createHint")} />
          <CardBody>
            <WebhookForm create={createWebhookAction} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("listTitle")} />
          {endpoints.length === 0 ? (
            <EmptyState icon={<ArrowLeftRightIcon />} title={t("none")}>
              {t("noneHint")}
            </EmptyState>
          ) : (
            <Table>
              <caption className="sr-only">{t("listTitle")}</caption>
              <thead>
                <tr>
                  <Th>{t("url")}</Th>
                  <Th className="hidden md:table-cell">{t("events")}</Th>
                  <Th className="hidden sm:table-cell">{t("failures")}</Th>
                  <Th>{t("status")}</Th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((ep) => (
                  <Tr key={ep.id}>
                    <Td className="max-w-0 w-full">
                      <Link href={`/admin/webhooks/${ep.id}`} aria-label={t("open", { url: ep.url })} className="block truncate font-medium text-accent-700 hover:underline">
                        {ep.url}
                      </Link>
                      {ep.description ? <span className="block truncate text-xs text-zinc-500">{ep.description}</span> : null}
                    </Td>
                    <Td className="hidden font-mono text-xs text-zinc-600 md:table-cell">{ep.events.join(", ")}</Td>
                    <Td className="hidden tabular sm:table-cell">{ep.consecutiveFailures}</Td>
                    <Td>
                      <Badge tone={ep.active ? "success" : "danger"} dot>
                        {t(`statuses.${ep.active ? "active" : "disabled"}`)}
                      </Badge>
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
