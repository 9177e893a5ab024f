import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftRightIcon, PackageIcon, PencilIcon } from "@/components/ui/icons";
import { LOCATION_KIND_TONE } from "@/components/ui/location-link";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { locationDetail } from "@/lib/locations/location-detail";
import { listMovements } from "@/lib/stock/queries";
import { MovementTypeBadge } from "../../movements/type-badge";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("detail.title", { code: decodeURIComponent((await params).code).toUpperCase() }) };
}

const RECENT = 10;

/** What is in a bin: its products and lots (with reservations), the capacity used, its recent movements. */
export default async function LocationPage({ params }: { params: Params }) {
  const code = decodeURIComponent((await params).code);
  const user = await requirePage("stock.read", `/locations/${encodeURIComponent(code)}`);
  const actor = await requireActor();
  const detail = await locationDetail(actor, code).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { location, contents, lots } = detail;
  const [t, tc, tm, format, recent] = await Promise.all([
    getTranslations("locations"),
    getTranslations("common"),
    getTranslations("movements"),
    getFormatter(),
    listMovements(actor, { location: location.code, limit: String(RECENT) }),
  ]);
  const productHref = (sku: string) => `/products/${encodeURIComponent(sku)}`;
  const pct = location.capacity ? Math.round((detail.holds / location.capacity) * 100) : null;
  const unitsHere = (m: (typeof recent.items)[number]) =>
    m.lines.filter((l) => l.location === location.code || l.from === location.code || l.to === location.code).reduce((s, l) => s + l.quantity, 0);

  return (
    <>
      <PageHeader
        back={{ href: "/locations", label: t("title") }}
        title={<span className="font-mono">{location.code}</span>}
        badge={
          <>
            <Badge tone={LOCATION_KIND_TONE[location.kind]}>{t(`kinds.${location.kind}`)}</Badge>
            {!location.active ? <Badge tone="neutral">{tc("inactive")}</Badge> : null}
          </>
        }
        description={t("detail.subtitle", { name: location.name, warehouse: `${location.warehouse} — ${location.warehouseName}` })}
        actions={
          <>
            <LinkButton href={hrefWith("/movements", { location: location.code })} variant="secondary">
              <ArrowLeftRightIcon className="size-4" />
              {t("detail.allMovements")}
            </LinkButton>
            {can(user.role, "location.write") ? (
              <LinkButton href={`/locations/${encodeURIComponent(location.code)}/edit`} variant="secondary">
                <PencilIcon className="size-4" />
                {t("editNamed", { code: location.code })}
              </LinkButton>
            ) : null}
          </>
        }
      />

      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label={t("detail.summary")}>
        <Stat label={t("detail.holds")} value={format.number(detail.holds)} />
        <Stat label={t("detail.reserved")} value={format.number(detail.reserved)} />
        <Stat label={t("detail.products")} value={format.number(detail.products)} />
        <div className="col-span-2 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs lg:col-span-1">
          <dt className="text-sm text-zinc-500">{t("detail.capacityUsed")}</dt>
          {location.capacity && pct !== null ? (
            <dd className="mt-1">
              <span className="text-lg font-semibold text-zinc-900 tabular">
                {t("detail.capacityOf", { holds: format.number(detail.holds), capacity: format.number(location.capacity), pct })}
              </span>
              <div
                role="meter"
                aria-label={t("detail.capacityUsed")}
                aria-valuemin={0}
                aria-valuemax={location.capacity}
                aria-valuenow={Math.min(detail.holds, location.capacity)}
                aria-valuetext={t("detail.capacityOf", { holds: format.number(detail.holds), capacity: format.number(location.capacity), pct })}
                className="mt-2 h-2 overflow-hidden rounded-full bg-zinc-100"
              >
                <div className={`h-full rounded-full ${pct > 100 ? "bg-red-500" : pct >= 90 ? "bg-amber-500" : "bg-accent-600"}`} style={{ width: `${Math.min(pct, 100)}%` }} />
              </div>
            </dd>
          ) : (
            <dd className="mt-1 text-lg font-semibold text-zinc-900">{t("detail.noCapacity")}</dd>
          )}
        </div>
      </dl>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="contents-heading">
            <CardHeader
              id="contents-heading"
              title={t("detail.contents")}
              description={detail.moreContents ? t("detail.contentsMore", { n: contents.length }) : t("detail.contentsHint")}
              actions={
                <Link href={hrefWith("/stock", { location: location.code })} className="text-sm font-medium text-accent-700 hover:underline">
                  {t("detail.inStockList")}
                </Link>
              }
            />
            {contents.length === 0 ? (
              <EmptyState icon={<PackageIcon />} title={t("detail.emptyBin")} />
            ) : (
              <Table>
                <caption className="sr-only">{t("detail.contents")}</caption>
                <thead>
                  <tr>
                    <Th>{t("detail.product")}</Th>
                    <Th className="text-right">{t("detail.quantity")}</Th>
                    <Th className="text-right">{t("detail.reserved")}</Th>
                    <Th className="hidden text-right sm:table-cell">{t("detail.available")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {contents.map((r) => (
                    <Tr key={r.sku}>
                      <Td>
                        <Link href={productHref(r.sku)} className="font-mono text-[0.8125rem] font-medium text-accent-700 hover:underline">
                          {r.sku}
                        </Link>
                        <span className="block max-w-72 truncate text-xs text-zinc-500">{r.name}</span>
                      </Td>
                      <Td className="text-right font-medium whitespace-nowrap text-zinc-900 tabular">
                        {format.number(r.quantity)} <span className="font-normal text-zinc-400">{r.unit}</span>
                      </Td>
                      <Td className="text-right text-zinc-500 tabular">{format.number(r.reserved)}</Td>
                      <Td className="hidden text-right tabular sm:table-cell">{format.number(r.available)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>

          {lots.length ? (
            <Card aria-labelledby="lots-heading">
              <CardHeader id="lots-heading" title={t("detail.lots")} />
              <Table>
                <caption className="sr-only">{t("detail.lots")}</caption>
                <thead>
                  <tr>
                    <Th>{t("detail.lot")}</Th>
                    <Th>{t("detail.product")}</Th>
                    <Th className="hidden sm:table-cell">{t("detail.expires")}</Th>
                    <Th className="text-right">{t("detail.quantity")}</Th>
                    <Th className="hidden text-right sm:table-cell">{t("detail.reserved")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {lots.map((l) => (
                    <Tr key={`${l.sku}|${l.code}`}>
                      <Td className="font-mono text-[0.8125rem] font-medium text-zinc-900">
                        {l.code}
                        <span className="block text-xs font-normal text-zinc-500 sm:hidden">{l.expiresAt ?? ""}</span>
                      </Td>
                      <Td className="font-mono text-[0.8125rem]">
                        <Link href={productHref(l.sku)} className="text-accent-700 hover:underline">
                          {l.sku}
                        </Link>
                      </Td>
                      <Td className="hidden font-mono text-xs sm:table-cell">{l.expiresAt ?? "—"}</Td>
                      <Td className="text-right tabular">{format.number(l.quantity)}</Td>
                      <Td className="hidden text-right text-zinc-500 tabular sm:table-cell">{format.number(l.reserved)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </Card>
          ) : null}
        </div>

        <Card aria-labelledby="recent-heading" className="min-w-0 self-start">
          <CardHeader
            id="recent-heading"
            title={t("detail.recent")}
            actions={
              <Link href={hrefWith("/movements", { location: location.code })} className="text-sm font-medium text-accent-700 hover:underline">
                {t("detail.allMovements")}
              </Link>
            }
          />
          {recent.items.length === 0 ? (
            <EmptyState icon={<ArrowLeftRightIcon />} title={t("detail.noMovements")} />
          ) : (
            <ul className="divide-y divide-zinc-100" aria-label={t("detail.recent")}>
              {recent.items.map((m) => (
                <li key={m.id} className="flex items-start justify-between gap-3 px-4 py-3 sm:px-5">
                  <div className="min-w-0">
                    <Link href={`/movements/${m.id}`} className="inline-flex min-h-11 items-center font-mono text-[0.8125rem] font-medium text-accent-700 hover:underline md:min-h-0">
                      {m.number}
                    </Link>
                    <p className="mt-0.5 text-xs text-zinc-500 tabular">
                      {formatDateTime(m.createdAt)}
                      {m.reference ? ` · ${m.reference}` : ""}
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-col items-end gap-1">
                    <MovementTypeBadge type={m.type} label={tm(`types.${m.type}`)} />
                    <span className="text-sm text-zinc-700 tabular">{format.number(unitsHere(m))}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-zinc-900 tabular">{value}</dd>
    </div>
  );
}
