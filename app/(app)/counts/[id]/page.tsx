import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ClipboardCheckIcon, ScanIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getCountSession, reviewCountSession, type ReviewLine } from "@/lib/counts/count-sessions";
import { AppError } from "@/lib/errors";
import { getMovement } from "@/lib/stock/queries";
import { CountStatusBadge } from "../status-badge";
import { ApproveCountButton, CancelCountButton } from "./count-actions";

type Params = Promise<{ id: string }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("counts");
  return { title: t("sessionTitle") };
}

export default async function CountPage({ params, searchParams }: { params: Params; searchParams: Promise<{ created?: string }> }) {
  const { id } = await params;
  const { created } = await searchParams;
  const user = await requirePage("count.perform", `/counts/${id}`);
  if (!UUID.test(id)) notFound();
  const actor = await requireActor();
  const session = await getCountSession(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const manager = can(user.role, "count.approve");
  const open = session.status === "open";
  // Managers review variances while the count is open; clerks only ever see the blind view.
  const review = manager && open ? await reviewCountSession(actor, id) : null;
  const movement = session.movement && can(user.role, "stock.read") ? await getMovement(actor, session.movement) : null;
  const [t, format] = await Promise.all([getTranslations("counts"), getFormatter()]);
  const signed = (n: number) => (n > 0 ? `+${format.number(n)}` : n < 0 ? `−${format.number(-n)}` : "0");

  // Counted lines first (what the approval will set), then stocked items nobody counted.
  const lines = [...(review?.lines ?? [])].sort((a, b) => Number(a.counted === null) - Number(b.counted === null));
  const countedLines = lines.filter((l) => l.counted !== null);
  const withVariance = countedLines.filter((l) => l.variance !== 0);
  const uncounted = lines.filter((l) => l.counted === null);

  return (
    <>
      <PageHeader
        back={{ href: "/counts", label: t("backToList") }}
        title={<span className="font-mono">{session.number}</span>}
        badge={<CountStatusBadge status={session.status} label={t(`statuses.${session.status}`)} />}
        description={t("createdByOn", { user: session.createdBy, when: formatDateTime(session.createdAt) })}
        actions={
          open ? (
            <>
              {can(user.role, "count.perform") ? (
                <LinkButton href={`/floor/count/${session.id}`} variant="secondary">
                  <ScanIcon className="size-4" />
                  {t("countOnHandheld")}
                </LinkButton>
              ) : null}
              {manager ? (
                <>
                  <CancelCountButton id={session.id} number={session.number} />
                  <ApproveCountButton id={session.id} number={session.number} lines={countedLines.length} disabled={countedLines.length === 0} />
                </>
              ) : null}
            </>
          ) : null
        }
      />

      {created ? (
        <Alert tone="success" className="mb-6">
          {t("createdNotice", { number: session.number })}
        </Alert>
      ) : null}
      {session.status === "approved" ? (
        <Alert tone="success" className="mb-6" title={t("approvedTitle")}>
          {movement ? (
            <>
              {t("approvedBody")}{" "}
              <Link href={`/movements/${movement.id}`} className="font-mono font-medium underline">
                {movement.number}
              </Link>
            </>
          ) : (
            t("approvedBody")
          )}
        </Alert>
      ) : session.status === "cancelled" ? (
        <Alert tone="warning" className="mb-6">
          {t("cancelledBody")}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {review ? (
            <Card aria-labelledby="review-heading">
              <CardHeader
                id="review-heading"
                title={t("review")}
                description={t("reviewSummary", { counted: countedLines.length, variances: withVariance.length, uncounted: uncounted.length })}
              />
              {lines.length === 0 ? (
                <EmptyState icon={<ClipboardCheckIcon />} title={t("nothingToReview")} />
              ) : (
<>
                  <ul className="divide-y divide-zinc-100 md:hidden" aria-label={t("review")}>
                    {lines.map((l) => (
                      <li key={`${l.location}|${l.sku}`} className={`flex items-center gap-3 px-4 py-3 ${l.counted === null ? "bg-amber-50/40" : ""}`}>
                        <div className="min-w-0 flex-1">
                          <p className="truncate font-mono text-sm font-medium text-zinc-900">
                            {l.sku} <span className="text-zinc-500">· {l.location}</span>
                          </p>
                          <p className="truncate text-xs text-zinc-500">{l.name}</p>
                          <p className="mt-1 text-xs text-zinc-600 tabular">
                            {t("expected")} {format.number(l.expected)} · {t("counted")} {l.counted === null ? "—" : format.number(l.counted)}
                          </p>
                          {l.movedSince.length ? (
                            <p className="mt-1 text-xs text-sky-800 tabular">
                              {t("movedSince")} {signed(l.current - l.expected)} ({l.movedSince.map((m) => m.number).join(", ")}) · {t("after")} {format.number(l.after ?? l.current)}
                            </p>
                          ) : null}
                        </div>
                        {l.counted === null ? (
                          <Badge tone="warning">{t("notCounted")}</Badge>
                        ) : (
                          <p className={`text-lg font-semibold tabular ${l.variance! < 0 ? "text-red-700" : l.variance! > 0 ? "text-emerald-700" : "text-zinc-500"}`}>{signed(l.variance!)}</p>
                        )}
                      </li>
                    ))}
                  </ul>
                  <div className="hidden md:block">
                  <Table>
                    <caption className="sr-only">{t("review")}</caption>
                    <thead>
                      <tr>
                        <Th>{t("location")}</Th>
                        <Th>{t("sku")}</Th>
                        <Th className="hidden xl:table-cell">{t("product")}</Th>
                        <Th className="text-right">{t("expected")}</Th>
                        <Th className="text-right">{t("counted")}</Th>
                        <Th className="text-right">{t("variance")}</Th>
                        <Th className="text-right">{t("movedSince")}</Th>
                        <Th className="text-right">{t("after")}</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {lines.map((l) => (
                        <ReviewRow key={`${l.location}|${l.sku}`} line={l} signed={signed} format={(n) => format.number(n)} notCounted={t("notCounted")} movedSinceLabel={t("movedSinceList")} />
                      ))}
                    </tbody>
                  </Table>
                  </div>
                </>
              )}
              <p className="border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500 sm:px-5">
                {t("movedSinceHint")}
                {uncounted.length ? ` ${t("uncountedHint")}` : null}
              </p>
            </Card>
          ) : (
            <Card aria-labelledby="counted-heading">
              <CardHeader id="counted-heading" title={t("countedSoFar")} description={open ? t("blindHint") : undefined} />
              {session.counted.length === 0 ? (
                <EmptyState icon={<ClipboardCheckIcon />} title={t("nothingCounted")} />
              ) : (
                <Table>
                  <thead>
                    <tr>
                      <Th>{t("location")}</Th>
                      <Th>{t("sku")}</Th>
                      <Th className="hidden md:table-cell">{t("product")}</Th>
                      <Th className="text-right">{t("counted")}</Th>
                      <Th className="hidden lg:table-cell">{t("countedBy")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {session.counted.map((l) => (
                      <Tr key={`${l.location}|${l.sku}`}>
                        <Td className="font-mono text-[0.8125rem]">{l.location}</Td>
                        <Td className="font-mono text-[0.8125rem]">{l.sku}</Td>
                        <Td className="hidden max-w-64 truncate md:table-cell">{l.name}</Td>
                        <Td className="text-right font-medium text-zinc-900 tabular">{format.number(l.counted)}</Td>
                        <Td className="hidden text-zinc-500 lg:table-cell">
                          {l.countedBy}
                          <span className="block font-mono text-xs text-zinc-400">{formatDateTime(l.countedAt)}</span>
                        </Td>
                      </Tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
          )}
        </div>

        <Card aria-labelledby="session-heading" className="self-start">
          <CardHeader id="session-heading" title={t("session")} />
          <CardBody>
            <dl className="space-y-4">
              <Item label={t("locations")}>
                <span className="flex flex-wrap gap-1.5">
                  {session.locations.map((c) => (
                    <Badge key={c} className="font-mono">
                      {c}
                    </Badge>
                  ))}
                </span>
              </Item>
              <Item label={t("linesCountedLabel")}>{format.number(session.lines)}</Item>
              <Item label={t("note")}>{session.note ? <span className="whitespace-pre-wrap">{session.note}</span> : "—"}</Item>
              {session.closedAt ? <Item label={t("closed")}>{formatDateTime(session.closedAt)}</Item> : null}
            </dl>
          </CardBody>
        </Card>
      </div>
    </>
  );
}

function ReviewRow({ line: l, signed, format, notCounted, movedSinceLabel }: { line: ReviewLine; signed: (n: number) => string; format: (n: number) => string; notCounted: string; movedSinceLabel: string }) {
  const tone = l.variance === null ? "" : l.variance < 0 ? "text-red-700" : l.variance > 0 ? "text-emerald-700" : "text-zinc-500";
  return (
    <Tr className={l.counted === null ? "bg-amber-50/40" : undefined}>
      <Td className="font-mono text-[0.8125rem]">{l.location}</Td>
      <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
        {l.sku}
        <span className="block max-w-48 truncate font-sans text-xs text-zinc-500 xl:hidden">{l.name}</span>
      </Td>
      <Td className="hidden max-w-64 truncate xl:table-cell">{l.name}</Td>
      <Td className="text-right tabular">{format(l.expected)}</Td>
      <Td className="text-right font-medium text-zinc-900 tabular">{l.counted === null ? <Badge tone="warning">{notCounted}</Badge> : format(l.counted)}</Td>
      <Td className={`text-right font-semibold tabular ${tone}`}>{l.variance === null ? "—" : signed(l.variance)}</Td>
      <Td className="text-right tabular">
        {l.movedSince.length === 0 ? (
          <span className="text-zinc-400">—</span>
        ) : (
          <>
            <span className="font-medium text-sky-800">{signed(l.current - l.expected)}</span>
            <span className="block text-xs text-zinc-500" aria-label={movedSinceLabel}>
              {l.movedSince.map((m) => (
                <span key={m.id} className="block font-mono whitespace-nowrap">
                  <Link href={`/movements/${m.id}`} className="underline">{m.number}</Link> {signed(m.delta)}
                </span>
              ))}
            </span>
          </>
        )}
      </Td>
      <Td className="text-right font-medium text-zinc-900 tabular">{l.after === null ? "—" : format(l.after)}</Td>
    </Tr>
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
