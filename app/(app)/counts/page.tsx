import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { ClipboardCheckIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listCountSessions } from "@/lib/counts/count-sessions";
import { CountStatusBadge } from "./status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("counts");
  return { title: t("title") };
}

const STATUSES = ["open", "approved", "cancelled"] as const;
type Status = (typeof STATUSES)[number];

// Access is checked before the Suspense boundary, so a refusal is still a real 403 (or a redirect
// to sign in); only the list streams in behind its skeleton (a loading.tsx would commit a 200).
export default async function CountsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status: raw } = await searchParams;
  const status = (STATUSES as readonly string[]).includes(raw ?? "") ? (raw as Status) : undefined;
  await requirePage("count.perform", status ? `/counts?status=${status}` : "/counts");
  return (
    <Suspense fallback={<ListSkeleton filters={false} />}>
      <CountsList status={status} />
    </Suspense>
  );
}

async function CountsList({ status }: { status: Status | undefined }) {
  const user = await requirePage("count.perform", status ? `/counts?status=${status}` : "/counts");
  const actor = await requireActor();
  const [t, format, sessions] = await Promise.all([getTranslations("counts"), getFormatter(), listCountSessions(actor, { status })]);
  const manager = can(user.role, "count.approve");
  const locs = (l: string[]) => (l.length <= 4 ? l.join(", ") : `${l.slice(0, 3).join(", ")} ${t("moreLocations", { n: l.length - 3 })}`);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={manager ? t("subtitleManager") : t("subtitleClerk")}
        actions={
          manager ? (
            <LinkButton href="/counts/new" variant="primary">
              <PlusIcon className="size-4" />
              {t("new")}
            </LinkButton>
          ) : null
        }
      />
      <Card>
        <nav aria-label={t("statusFilter")} className="flex gap-1 overflow-x-auto border-b border-zinc-100 px-3 py-2 sm:px-4">
          {[undefined, ...STATUSES].map((s) => (
            <Link
              key={s ?? "all"}
              href={s ? `/counts?status=${s}` : "/counts"}
              aria-current={s === status ? "page" : undefined}
              className={cn(
                "inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium whitespace-nowrap md:min-h-9",
                s === status ? "bg-accent-50 text-accent-700" : "text-zinc-600 hover:bg-zinc-100",
              )}
            >
              {s ? t(`statuses.${s}`) : t("all")}
            </Link>
          ))}
        </nav>
        {sessions.length === 0 ? (
          <EmptyState
            icon={<ClipboardCheckIcon />}
            title={status ? t("emptyFiltered") : t("empty")}
            action={
              status ? (
                <LinkButton href="/counts" variant="secondary">
                  {t("showAll")}
                </LinkButton>
              ) : manager ? (
                <LinkButton href="/counts/new" variant="primary">
                  <PlusIcon className="size-4" />
                  {t("emptyAction")}
                </LinkButton>
              ) : null
            }
          >
            {manager && !status ? t("emptyHint") : null}
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-zinc-100 md:hidden" aria-label={t("title")}>
              {sessions.map((s) => (
                <li key={s.id}>
                  <Link href={`/counts/${s.id}`} className="block px-4 py-3.5 active:bg-zinc-50">
                    <div className="flex items-start justify-between gap-3">
                      <p className="min-w-0 truncate font-mono text-sm font-medium text-zinc-900">{s.number}</p>
                      <CountStatusBadge status={s.status} label={t(`statuses.${s.status}`)} />
                    </div>
                    <p className="mt-1 truncate font-mono text-xs text-zinc-600">{locs(s.locations)}</p>
                    <p className="mt-1 text-xs text-zinc-500">
                      {t("linesCounted", { n: format.number(s.lines) })} · {formatDateTime(s.createdAt)}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table>
                <caption className="sr-only">{t("title")}</caption>
                <thead>
                  <tr>
                    <Th>{t("number")}</Th>
                    <Th>{t("status")}</Th>
                    <Th>{t("locations")}</Th>
                    <Th className="text-right">{t("counted")}</Th>
                    <Th className="hidden lg:table-cell">{t("createdBy")}</Th>
                    <Th>{t("created")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <Tr key={s.id}>
                      <Td className="font-mono text-[0.8125rem] whitespace-nowrap">
                        <Link href={`/counts/${s.id}`} className="font-medium text-accent-700 hover:underline">
                          {s.number}
                        </Link>
                      </Td>
                      <Td>
                        <CountStatusBadge status={s.status} label={t(`statuses.${s.status}`)} />
                      </Td>
                      <Td className="max-w-72 truncate font-mono text-[0.8125rem]">{locs(s.locations)}</Td>
                      <Td className="text-right tabular">{format.number(s.lines)}</Td>
                      <Td className="hidden max-w-48 truncate text-zinc-500 lg:table-cell">{s.createdBy}</Td>
                      <Td className="font-mono text-xs whitespace-nowrap text-zinc-500">{formatDateTime(s.createdAt)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </>
        )}
        {sessions.length >= 100 ? <p className="border-t border-zinc-100 px-4 py-3 text-sm text-zinc-500 sm:px-5">{t("latest100")}</p> : null}
      </Card>
    </>
  );
}
