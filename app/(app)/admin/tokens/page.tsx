// Admin → API tokens: long-lived bearer tokens for integrations (an ERP). Admins only.
import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { LockIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import type { ApiTokenDto } from "@/lib/api-tokens/schemas";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";
import { TokenCreate } from "./token-create";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("sections.tokens.title") };
}

const STATUS_TONE = { active: "success", revoked: "danger", expired: "warning" } as const;

// Access first (a real 403), then the page streams in behind its skeleton.
export default async function TokensPage() {
  await requirePage("apiToken.manage", "/admin/tokens");
  return (
    <Suspense fallback={<ListSkeleton filters={false} rows={4} />}>
      <Tokens />
    </Suspense>
  );
}

async function Tokens() {
  const actor = await requireActor();
  const [t, tc] = await Promise.all([getTranslations("admin"), getTranslations("common")]);
  const [tokens, users] = await Promise.all([listApiTokens(actor), listUsers(actor, { limit: "500", active: "true" })]);

  return (
    <>
      <PageHeader title={t("sections.tokens.title")} description={t("tokens.subtitle")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("tokens.createTitle")} description={t("tokens.createHint")} />
          <CardBody>
            <TokenCreate users={users.items.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))} action={createApiTokenAction} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("tokens.listTitle")} />
          {tokens.length === 0 ? (
            <EmptyState icon={<LockIcon />} title={t("tokens.none")}>
              {t("tokens.noneHint")}
            </EmptyState>
          ) : (
            <Table>
              <caption className="sr-only">{t("tokens.listTitle")}</caption>
              <thead>
                <tr>
                  <Th>{t("tokens.name")}</Th>
                  <Th className="hidden md:table-cell">{t("tokens.actsAs")}</Th>
                  <Th className="hidden sm:table-cell">{t("tokens.scope")}</Th>
                  <Th className="hidden lg:table-cell">{t("tokens.created")}</Th>
                  <Th className="hidden lg:table-cell">{t("tokens.lastUsed")}</Th>
                  <Th>{t("status")}</Th>
                  <Th>
                    <span className="sr-only">{t("tokens.actions")}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tok) => (
                  <TokenRow key={tok.id} tok={tok} t={t} tc={tc} />
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"admin">>>;
type TC = Awaited<ReturnType<typeof getTranslations<"common">>>;

function TokenRow({ tok, t, tc }: { tok: ApiTokenDto; t: T; tc: TC }) {
  return (
    <Tr>
      <Td>
        <span className="font-medium text-zinc-900">{tok.name}</span>
        <span className="block font-mono text-xs text-zinc-500">{tok.prefix}…</span>
        <span className="block text-xs text-zinc-500 md:hidden">
          {tok.user.name} · {t(`tokens.scopes.${tok.scope}`)}
        </span>
      </Td>
      <Td className="hidden md:table-cell">
        {tok.user.name}
        <span className="block text-xs text-zinc-500">{tok.user.email}</span>
        {!tok.user.active ? <Badge tone="neutral">{tc("inactive")}</Badge> : null}
      </Td>
      <Td className="hidden sm:table-cell">
        <Badge tone={tok.scope === "read" ? "neutral" : "accent"}>{t(`tokens.scopes.${tok.scope}`)}</Badge>
      </Td>
      <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-600 lg:table-cell">
        {formatDateTime(tok.createdAt)}
        {tok.createdBy ? <span className="block font-sans text-zinc-500">{tok.createdBy.name}</span> : null}
      </Td>
      <Td className="hidden font-mono text-xs whitespace-nowrap text-zinc-600 lg:table-cell">{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t("tokens.never")}</Td>
      <Td>
        <Badge tone={STATUS_TONE[tok.status]} dot>
          {t(`tokens.statuses.${tok.status}`)}
        </Badge>
        {tok.expiresAt && tok.status === "active" ? <span className="mt-1 block text-xs text-zinc-500">{t("tokens.expires", { at: formatDateTime(tok.expiresAt) })}</span> : null}
      </Td>
      <Td className="text-right">
        {tok.status !== "revoked" ? (
          <ConfirmAction
            trigger={t("tokens.revoke")}
            triggerSize="sm"
            title={t("tokens.revokeTitle", { name: tok.name })}
            description={t("tokens.revokeBody")}
            confirmLabel={t("tokens.revoke")}
            cancelLabel={tc("cancel")}
            action={revokeApiTokenAction.bind(null, tok.id)}
            successMessage={t("tokens.toast.revoked", { name: tok.name })}
          />
        ) : null}
      </Td>
    </Tr>
  );
}
