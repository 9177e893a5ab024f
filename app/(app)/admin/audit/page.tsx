import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button, LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ChevronRightIcon, HistoryIcon } from "@/components/ui/icons";
import { BadQueryAlert, ClearFiltersLink, FilterField, ListFooter } from "@/components/ui/list-page";
import { one } from "@/components/ui/list-route";
import { PageHeader } from "@/components/ui/page-header";
import { firstValues, hrefWith } from "@/components/ui/pagination";
import { ListSkeleton } from "@/components/ui/skeleton";
import { SortLinks, type SortContext } from "@/components/ui/sort-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { auditSort, listAudit, type AuditEntryDto, type AuditSortColumn } from "@/lib/audit/list-audit";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { parseSort, sortParams } from "@/lib/sorting";
import { listUsers } from "@/lib/users/list-users";
import { onReplica } from "@/lib/read-replica";
import { JsonBlock } from "./json-block";
import { actionLabel, channelLabel, subjectHref } from "./labels";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("sections.audit.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const ENTITIES = [
  "product", "category", "location", "warehouse", "movement", "count_session", "alert", "variantGroup", "serial_item",
  "supplier", "purchase_order", "customer", "sales_order", "pick_list", "user", "apiToken", "sequence", "stock", "job", "import",
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Access first (a real 403, or sign in), then the list streams in behind its skeleton.
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  await requirePage("audit.read", hrefWith("/admin/audit", firstValues(sp)));
  return (
    <Suspense fallback={<ListSkeleton />}>
      <AuditList sp={sp} />
    </Suspense>
  );
}

async function AuditList({ sp }: { sp: Awaited<SearchParams> }) {
  const filters = {
    actor: one(sp.actor),
    entity: one(sp.entity),
    entityId: one(sp.entityId),
    action: one(sp.action),
    from: DATE.test(one(sp.from) ?? "") ? one(sp.from) : undefined,
    to: DATE.test(one(sp.to) ?? "") ? one(sp.to) : undefined,
  };
  const sort = parseSort(auditSort, sp);
  const kept = { ...filters, ...sortParams(auditSort, sort) };
  const cursor = one(sp.cursor);
  await requirePage("audit.read", hrefWith("/admin/audit", { ...kept, cursor }));
  const actor = await requireActor();
  const [t, tc] = await Promise.all([getTranslations("admin"), getTranslations("common")]);
  // Users for the actor filter; a small company has a few dozen.
  const users = (await listUsers(actor, { limit: "500" }).catch(() => ({ items: [] }))).items;

  let page: Page<AuditEntryDto> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await onReplica(actor, () => listAudit(actor, { limit: "30", ...filters, cursor }, { sort }));
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }
  const filtered = Object.values(filters).some(Boolean);
  // Every action the log is written with, in the user's language, alphabetical.
  const actionOptions = AUDIT_ACTIONS.map((code) => ({ code, label: actionLabel(t, code) })).sort((a, b) => a.label.localeCompare(b.label));
  const clearHref = hrefWith("/admin/audit", sortParams(auditSort, sort));
  const sortCtx: SortContext<AuditSortColumn> = { spec: auditSort, current: sort, path: "/admin/audit", params: filters };

  return (
    <>
      <PageHeader title={t("sections.audit.title")} description={t("auditSubtitle")} />
      <Card>
        <div className="border-b border-zinc-100 p-4 sm:px-5">
          <FilterForm action="/admin/audit" label={t("auditFilters")} keep={sortParams(auditSort, sort)}>
            {filters.entityId ? <input type="hidden" name="entityId" value={filters.entityId} /> : null}
            <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]">
              <FilterField id="actor" label={t("actor")}>
                <Select id="actor" name="actor" defaultValue={filters.actor ?? ""}>
                  <option value="">{t("anyone")}</option>
                  {users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="entity" label={t("entity")}>
                <Select id="entity" name="entity" defaultValue={filters.entity ?? ""}>
                  <option value="">{t("anyEntity")}</option>
                  {ENTITIES.map((e) => (
                    <option key={e} value={e}>
                      {t.has(`entities.${e}`) ? t(`entities.${e}`) : e}
                    </option>
                  ))}
                </Select>
              </FilterField>
              <FilterField id="action" label={t("action")} className="col-span-2 lg:col-span-1">
                <Select id="action" name="action" defaultValue={filters.action ?? ""}>
                  <option value="">{t("anyAction")}</option>
                  {actionOptions.map((o) => (
                    <option key={o.code} value={o.code}>
                      {o.label}
                    </option>
                  ))}
                  {filters.action && !actionOptions.some((o) => o.code === filters.action) ? <option value={filters.action}>{filters.action}</option> : null}
                </Select>
              </FilterField>
              <FilterField id="from" label={t("from")}>
                <Input id="from" name="from" type="date" defaultValue={filters.from} />
              </FilterField>
              <FilterField id="to" label={t("to")}>
                <Input id="to" name="to" type="date" defaultValue={filters.to} />
              </FilterField>
              <Button type="submit" variant="secondary" className="col-span-2 lg:col-span-1">
                {tc("apply")}
              </Button>
            </div>
          </FilterForm>
          {filtered ? (
            <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
              {filters.entityId ? <Badge tone="accent">{t("oneRecord")}</Badge> : null}
              <ClearFiltersLink href={clearHref}>{t("clearFilters")}</ClearFiltersLink>
            </div>
          ) : null}
        </div>

        {failure ? (
          <BadQueryAlert message={t("badQuery")} back={{ href: "/admin/audit", label: t("backToFirst") }} />
        ) : page.items.length === 0 ? (
          <EmptyState
            icon={<HistoryIcon />}
            title={filtered ? t("noAudit") : t("noAuditYet")}
            action={
              filtered ? (
                <LinkButton href={clearHref} variant="secondary">
                  {t("clearAuditFilters")}
                </LinkButton>
              ) : null
            }
          >
            {filtered ? t("noAuditHint") : null}
          </EmptyState>
        ) : (
          <>
            <SortLinks ctx={sortCtx} labels={{ date: t("date") }} />
            <ol className="divide-y divide-zinc-100" aria-label={t("sections.audit.title")}>
              {page.items.map((entry) => (
                <AuditRow key={entry.id} entry={entry} t={t} />
              ))}
            </ol>
          </>
        )}
        <ListFooter
          hidden={failure}
          nextHref={page.nextCursor ? hrefWith("/admin/audit", kept, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/admin/audit", kept) : null}
        />
      </Card>
    </>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"admin">>>;

function label(entry: AuditEntryDto): string {
  if (entry.subject) return entry.subject;
  for (const side of [entry.after, entry.before]) {
    if (side && typeof side === "object") {
      const o = side as Record<string, unknown>;
      for (const k of ["sku", "code", "email", "name"]) if (typeof o[k] === "string") return o[k] as string;
    }
  }
  return entry.entityId;
}

/** Top-level keys whose values differ between before and after. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

function tone(action: string) {
  if (/\.(delete|remove)$/.test(action)) return "danger" as const;
  if (/\.(create|restore)$/.test(action)) return "success" as const;
  return "accent" as const;
}

function AuditRow({ entry, t }: { entry: AuditEntryDto; t: T }) {
  const changed = changedKeys(entry.before, entry.after);
  const href = subjectHref(entry);
  return (
    <li>
      <details className="group">
        <summary className="flex cursor-pointer list-none items-start gap-3 px-4 py-3 hover:bg-zinc-50/70 sm:items-center sm:px-5 [&::-webkit-details-marker]:hidden">
          <ChevronRightIcon className="mt-0.5 size-4 shrink-0 text-zinc-400 transition group-open:rotate-90 sm:mt-0" />
          <div className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-row sm:items-center sm:gap-4">
            <span className="hidden shrink-0 font-mono text-xs text-zinc-500 tabular sm:inline sm:w-36">{formatDateTime(entry.at)}</span>
            <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
              <Badge tone={tone(entry.action)}>{actionLabel(t, entry.action)}</Badge>
              {href ? (
                <Link href={href} className="truncate font-medium text-accent-700 hover:underline">
                  {label(entry)}
                </Link>
              ) : (
                <span className="truncate font-medium text-zinc-900">{label(entry)}</span>
              )}
            </span>
            <span className="shrink-0 text-xs text-zinc-500 sm:text-sm">
              <span className="font-mono tabular sm:hidden">{formatDateTime(entry.at)} · </span>
              {entry.actor?.name ?? t("system")} · {channelLabel(t, entry.channel)}
            </span>
          </div>
        </summary>
        <div className="space-y-3 px-4 pb-4 sm:pl-12 sm:pr-5">
          {changed.length ? (
            <p className="text-sm text-zinc-600">
              {t("changed")}: <span className="font-mono text-zinc-900">{changed.join(", ")}</span>
            </p>
          ) : null}
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <JsonBlock title={t("before")} value={entry.before} empty={t("nothing")} />
            <JsonBlock title={t("after")} value={entry.after} empty={t("nothing")} />
          </div>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-400">
            <span>
              {t("entity")}: {t.has(`entities.${entry.entity}` as never) ? t(`entities.${entry.entity}` as never) : entry.entity} · {t("action")}: <span className="font-mono">{entry.action}</span> · {t("recordId")}: <span className="font-mono">{entry.entityId}</span>
            </span>
            <Link href={`/admin/audit/${entry.id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline md:min-h-0">
              {t("auditDetail.open")}
            </Link>
          </p>
        </div>
      </details>
    </li>
  );
}
