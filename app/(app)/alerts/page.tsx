import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { ActionsTh, BadQueryAlert, CardList, ClearFiltersLink, FilterBar, FilterField, ListEmptyState, ListFooter, ListTable } from "@/components/ui/list-page";
import { AlertTriangleIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { listRoute, listTitle, one, type ListParams } from "@/components/ui/list-route";
import { Td, Th, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { ALERT_LEVELS, ALERT_STATUSES, type AlertLevel, type AlertStatus } from "@/lib/alerts/level";
import { alertCounts, listAlerts } from "@/lib/alerts/list-alerts";
import type { AlertDto } from "@/lib/alerts/schemas";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Page } from "@/lib/pagination";
import { AcknowledgeButton } from "./acknowledge-button";

export const generateMetadata = listTitle("alerts");

const LEVEL_TONE: Record<AlertLevel, "warning" | "danger"> = { warning: "warning", critical: "danger", out: "danger" };

export default listRoute("alert.read", "/alerts", AlertsList);

async function AlertsList({ sp }: { sp: ListParams }) {
  const statusParam = one(sp.status);
  const levelParam = one(sp.level);
  const status: AlertStatus = (ALERT_STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as AlertStatus) : "open";
  const level = (ALERT_LEVELS as readonly string[]).includes(levelParam ?? "") ? (levelParam as AlertLevel) : undefined;
  const cursor = one(sp.cursor);
  const filters = { status, level };
  const user = await requirePage("alert.read", hrefWith("/alerts", { ...filters, cursor }));
  const actor = await requireActor();
  const [t, format] = await Promise.all([getTranslations("alerts"), getFormatter()]);
  const counts = await alertCounts(actor);

  let page: Page<AlertDto> = { items: [], nextCursor: null };
  let failure = false;
  try {
    page = await listAlerts(actor, { limit: "30", status, level, cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION_FAILED") throw e;
    failure = true;
  }
  const clear = level ? { href: hrefWith("/alerts", { status }), label: t("clearFilters") } : null;
  const canAck = can(user.role, "alert.acknowledge") && status !== "resolved";
  const levelBadge = (l: AlertLevel) => (
    <Badge tone={LEVEL_TONE[l]} dot={l !== "warning"}>
      {t(`levels.${l}`)}
    </Badge>
  );
  const when = (a: AlertDto) =>
    a.status === "resolved" && a.resolvedAt
      ? t("resolvedAt", { at: formatDateTime(a.resolvedAt) })
      : a.status === "acknowledged" && a.acknowledgedBy
        ? t("acknowledgedBy", { name: a.acknowledgedBy })
        : a.escalatedAt
          ? t("escalated", { at: formatDateTime(a.escalatedAt) })
          : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <nav aria-label={t("statusTabs")} className="-mx-4 mb-4 overflow-x-auto border-b border-zinc-200 px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1">
          {ALERT_STATUSES.map((s) => (
            <li key={s}>
              <Link
                href={hrefWith("/alerts", { status: s, level })}
                aria-current={s === status ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex min-h-11 items-center gap-2 border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  s === status ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
                )}
              >
                {t(`status.${s}`)}
                <span className="rounded-full bg-zinc-100 px-1.5 text-xs text-zinc-600 tabular">{format.number(counts[s])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card>
        <FilterBar>
          <FilterForm action="/alerts" label={t("filters")}>
            <input type="hidden" name="status" value={status} />
            <div className="flex flex-wrap items-end gap-3">
              <FilterField id="level" label={t("level")} className="w-full sm:w-56">
                <Select id="level" name="level" defaultValue={level ?? ""}>
                  <option value="">{t("anyLevel")}</option>
                  {ALERT_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`levels.${l}`)}
                    </option>
                  ))}
                </Select>
              </FilterField>
              {clear ? (
                <ClearFiltersLink href={clear.href} inline>
                  {clear.label}
                </ClearFiltersLink>
              ) : null}
            </div>
          </FilterForm>
        </FilterBar>

        {failure ? (
          <BadQueryAlert message={t("badQuery")} />
        ) : page.items.length === 0 ? (
          <ListEmptyState icon={<AlertTriangleIcon />} clear={clear} filteredTitle={t("emptyFiltered")} title={t(`empty.${status}`)} />
        ) : (
          <>
            <CardList label={t("title")}>
              {page.items.map((a) => (
                <li key={a.id} className="flex items-start gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/products/${encodeURIComponent(a.sku)}`} className="font-mono font-medium text-zinc-900 hover:underline">
                        {a.sku}
                      </Link>
                      {levelBadge(a.level)}
                    </div>
                    <p className="mt-0.5 truncate text-sm text-zinc-600">{a.name}</p>
                    <p className="mt-0.5 text-xs text-zinc-500 tabular">
                      {t("onHandShort", { n: format.number(a.onHand) })} · {t("minShort", { n: format.number(a.threshold) })} · {formatDateTime(a.openedAt)}
                    </p>
                    {when(a) ? <p className="mt-0.5 text-xs text-zinc-500">{when(a)}</p> : null}
                  </div>
                  {canAck && a.status === "open" ? <AcknowledgeButton alertId={a.id} sku={a.sku} /> : null}
                </li>
              ))}
            </CardList>
            <ListTable
              label={t("title")}
              head={
                <>
                  <Th>{t("product")}</Th>
                  <Th>{t("level")}</Th>
                  <Th className="text-right">{t("onHand")}</Th>
                  <Th className="text-right">{t("threshold")}</Th>
                  <Th>{t("opened")}</Th>
                  {canAck ? <ActionsTh label={t("acknowledge")} /> : null}
                </>
              }
            >
              {page.items.map((a) => (
                <Tr key={a.id}>
                  <Td>
                    <Link href={`/products/${encodeURIComponent(a.sku)}`} className="font-mono font-medium text-zinc-900 hover:underline">
                      {a.sku}
                    </Link>
                    <span className="block max-w-72 truncate text-xs text-zinc-500">{a.name}</span>
                  </Td>
                  <Td>{levelBadge(a.level)}</Td>
                  <Td className="text-right tabular">{format.number(a.onHand)}</Td>
                  <Td className="text-right tabular">{format.number(a.threshold)}</Td>
                  <Td className="whitespace-nowrap">
                    <span className="font-mono text-xs tabular">{formatDateTime(a.openedAt)}</span>
                    {when(a) ? <span className="block text-xs text-zinc-500">{when(a)}</span> : null}
                  </Td>
                  {canAck ? <Td className="text-right">{a.status === "open" ? <AcknowledgeButton alertId={a.id} sku={a.sku} /> : null}</Td> : null}
                </Tr>
              ))}
            </ListTable>
          </>
        )}
        <ListFooter
          hidden={Boolean(failure)}
          nextHref={page.nextCursor ? hrefWith("/alerts", filters, page.nextCursor) : null}
          firstHref={cursor ? hrefWith("/alerts", filters) : null}
          summary={page.items.length ? t("pageSummary", { n: page.items.length }) : undefined}
        />
      </Card>
    </>
  );
}
