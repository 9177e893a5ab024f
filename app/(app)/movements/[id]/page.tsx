import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { movementLedger } from "@/lib/stock/movement-ledger";
import { getMovement } from "@/lib/stock/queries";
import { reversalLinks } from "@/lib/stock/reverse-movement";
import { reverseMovementAction } from "../actions";
import { MovementTypeBadge } from "../type-badge";
import { LocationLink } from "@/components/ui/location-link";

type Params = Promise<{ id: string }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("movements");
  return { title: t("detailTitle") };
}

export default async function MovementPage({ params, searchParams }: { params: Params; searchParams: Promise<{ posted?: string }> }) {
  const { id } = await params;
  const { posted } = await searchParams;
  const user = await requirePage("stock.read", `/movements/${id}`);
  if (!UUID.test(id)) notFound();
  const actor = await requireActor();
  const movement = await getMovement(actor, id);
  if (!movement) notFound();
  const [t, format, ledger, links] = await Promise.all([getTranslations("movements"), getFormatter(), movementLedger(actor, movement.id), reversalLinks(actor, movement.id)]);
  // Counts are corrected by counting again; a reversal is not reversed (lib/stock/reverse-movement.ts).
  const reversible = can(user.role, "movement.adjust") && !links.reversedBy && !links.reverses && movement.type !== "adjust";
  const productHref = (sku: string) => `/products/${encodeURIComponent(sku)}`;
  const signed = (n: number) => (n > 0 ? `+${format.number(n)}` : n < 0 ? `−${format.number(-n)}` : "0");
  const isTransfer = movement.type === "transfer";
  const isAdjust = movement.type === "adjust";
  const hasLots = movement.lines.some((l) => l.lot) || ledger.lots.length > 0;

  return (
    <>
      <PageHeader
        back={{ href: "/movements", label: t("backToList") }}
        title={<span className="font-mono">{movement.number}</span>}
        badge={<MovementTypeBadge type={movement.type} label={t(`types.${movement.type}`)} />}
        description={t("postedBy", { when: formatDateTime(movement.createdAt), user: movement.user, channel: t(`channels.${movement.channel}`) })}
        actions={
          <>
            {reversible ? (
              <ConfirmAction
                trigger={t("reverse")}
                triggerVariant="danger-ghost"
                title={t("reverseTitle", { number: movement.number })}
                description={t("reverseBody", { number: movement.number })}
                confirmLabel={t("reverseConfirm")}
                cancelLabel={t("keep")}
                reason={{ label: t("reverseReason"), required: t("reverseReasonRequired"), placeholder: t("reverseReasonPlaceholder") }}
                action={reverseMovementAction.bind(null, movement.number)}
                successMessage={t("reversedToast")}
              />
            ) : null}
            {can(user.role, "movement.post") ? (
              <LinkButton href="/movements/new" variant="secondary">
                <PlusIcon className="size-4" />
                {t("new")}
              </LinkButton>
            ) : null}
          </>
        }
      />

      {posted ? (
        <Alert tone="success" className="mb-6">
          {t("postedNotice", { number: movement.number })}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="lines-heading">
            <CardHeader id="lines-heading" title={t("lines")} description={t("linesCount", { n: movement.lines.length })} />
            <Table>
              <thead>
                <tr>
                  <Th className="hidden w-10 sm:table-cell">#</Th>
                  <Th>{t("sku")}</Th>
                  {isTransfer ? (
                    <>
                      <Th className="hidden sm:table-cell">{t("from")}</Th>
                      <Th className="hidden sm:table-cell">{t("to")}</Th>
                    </>
                  ) : (
                    <Th className="hidden sm:table-cell">{t("location")}</Th>
                  )}
                  {isAdjust ? <Th className="text-right">{t("counted")}</Th> : null}
                  <Th className="text-right">{isAdjust ? t("change") : t("quantity")}</Th>
                  {hasLots ? <Th className="hidden sm:table-cell">{t("lot")}</Th> : null}
                </tr>
              </thead>
              <tbody>
                {movement.lines.map((l, i) => (
                  <Tr key={i}>
                    <Td className="hidden text-zinc-400 tabular sm:table-cell">{i + 1}</Td>
                    <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                      <Link href={productHref(l.sku)} className="font-medium text-accent-700 hover:underline">
                        {l.sku}
                      </Link>
                      <span className="block text-xs text-zinc-500 sm:hidden">
                        {isTransfer ? (
                          <>
                            {l.from ? <LocationLink code={l.from} /> : null} → {l.to ? <LocationLink code={l.to} /> : null}
                          </>
                        ) : l.location ? (
                          <LocationLink code={l.location} />
                        ) : null}
                      </span>
                    </Td>
                    {isTransfer ? (
                      <>
                        <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">{l.from ? <LocationLink code={l.from} /> : null}</Td>
                        <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">{l.to ? <LocationLink code={l.to} /> : null}</Td>
                      </>
                    ) : (
                      <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">{l.location ? <LocationLink code={l.location} /> : null}</Td>
                    )}
                    {isAdjust ? <Td className="text-right tabular">{format.number(l.counted ?? 0)}</Td> : null}
                    <Td className="text-right font-medium text-zinc-900 tabular">{format.number(l.quantity)}</Td>
                    {hasLots ? <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">{l.lot ?? "—"}</Td> : null}
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Card>

          <Card aria-labelledby="ledger-heading">
            <CardHeader id="ledger-heading" title={t("ledger")} description={t("ledgerHint")} />
            <Table>
              <caption className="sr-only">{t("ledger")}</caption>
              <thead>
                <tr>
                  <Th className="hidden w-10 sm:table-cell">#</Th>
                  <Th>{t("sku")}</Th>
                  <Th className="hidden sm:table-cell">{t("location")}</Th>
                  {hasLots ? <Th className="hidden sm:table-cell">{t("lot")}</Th> : null}
                  <Th className="text-right">{t("change")}</Th>
                  <Th className="text-right">{t("balanceAfter")}</Th>
                </tr>
              </thead>
              <tbody>
                {ledger.rows.map((r) => (
                  <Tr key={r.id}>
                    <Td className="hidden text-zinc-400 tabular sm:table-cell">{r.lineNo}</Td>
                    <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                      {r.sku}
                      <span className="block text-xs text-zinc-500 sm:hidden">
                        {r.location}
                        {r.lot ? ` · ${r.lot}` : ""}
                      </span>
                    </Td>
                    <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">
                      <LocationLink code={r.location} />
                    </Td>
                    {hasLots ? <Td className="hidden font-mono text-[0.8125rem] sm:table-cell">{r.lot ?? "—"}</Td> : null}
                    <Td className={`text-right font-medium tabular ${r.delta > 0 ? "text-emerald-700" : r.delta < 0 ? "text-red-700" : "text-zinc-500"}`}>{signed(r.delta)}</Td>
                    <Td className="text-right font-semibold text-zinc-900 tabular">{format.number(r.balance)}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Card>

          {ledger.lots.length ? (
            <Card aria-labelledby="lots-heading">
              <CardHeader id="lots-heading" title={t("lots")} />
              <Table>
                <thead>
                  <tr>
                    <Th>{t("lot")}</Th>
                    <Th>{t("sku")}</Th>
                    <Th>{t("location")}</Th>
                    <Th className="hidden sm:table-cell">{t("received")}</Th>
                    <Th>{t("expiresAt")}</Th>
                    <Th className="text-right">{t("remaining")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {ledger.lots.map((l) => (
                    <Tr key={`${l.code}|${l.sku}|${l.location}`}>
                      <Td className="font-mono text-[0.8125rem]">{l.code}</Td>
                      <Td className="font-mono text-[0.8125rem]">{l.sku}</Td>
                      <Td className="font-mono text-[0.8125rem]">
                        <LocationLink code={l.location} />
                      </Td>
                      <Td className="hidden font-mono text-xs text-zinc-500 sm:table-cell">{formatDateTime(l.receivedAt).slice(0, 10)}</Td>
                      <Td className="font-mono text-xs">{l.expiresAt ?? "—"}</Td>
                      <Td className="text-right tabular">{format.number(l.remaining)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </Card>
          ) : null}
        </div>

        <Card aria-labelledby="doc-heading" className="self-start">
          <CardHeader id="doc-heading" title={t("document")} />
          <CardBody>
            <dl className="space-y-4">
              <Item label={t("type")}>{t(`types.${movement.type}`)}</Item>
              <Item label={t("date")}>
                <span className="font-mono tabular">{formatDateTime(movement.createdAt)} UTC</span>
              </Item>
              <Item label={t("reference")}>{movement.reference ?? "—"}</Item>
              {links.reverses ? (
                <Item label={t("reverses")}>
                  <Link href={`/movements/${links.reverses.id}`} className="font-mono text-accent-700 hover:underline">
                    {links.reverses.number}
                  </Link>
                </Item>
              ) : null}
              {links.reversedBy ? (
                <Item label={t("reversedBy")}>
                  <Link href={`/movements/${links.reversedBy.id}`} className="font-mono text-accent-700 hover:underline">
                    {links.reversedBy.number}
                  </Link>
                </Item>
              ) : null}
              {movement.reason ? <Item label={t("reason")}>{movement.reason}</Item> : null}
              <Item label={t("note")}>{movement.note ? <span className="whitespace-pre-wrap">{movement.note}</span> : "—"}</Item>
              <Item label={t("by")}>{movement.user}</Item>
              <Item label={t("channel")}>{t(`channels.${movement.channel}`)}</Item>
            </dl>
          </CardBody>
        </Card>
      </div>
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-zinc-900">{children}</dd>
    </div>
  );
}
