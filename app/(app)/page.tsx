import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AlertTriangleIcon, ChevronRightIcon, LayersIcon, MapPinIcon, PackageIcon, PlusIcon, TreeIcon, WarehouseIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { db } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

// A placeholder until the real dashboard (KPIs, alerts, trends) arrives: live counts and the ways
// in. Each count is shown only to roles that may read it. Units on hand come from the
// inventory_summary materialized view, which the worker refreshes (debounced) after movements.
export default async function DashboardPage() {
  const user = await requirePage(undefined, "/");
  const [t, format] = await Promise.all([getTranslations("dashboard"), getFormatter()]);
  const canCatalog = can(user.role, "catalog.read");
  const canPlaces = can(user.role, "location.read");
  const canStock = can(user.role, "stock.read");
  const canAlerts = can(user.role, "alert.read");

  const [products, locations, onHand, openAlerts] = await Promise.all([
    canCatalog ? db.product.count({ where: { deletedAt: null } }) : null,
    canPlaces ? db.location.count({ where: { active: true } }) : null,
    canStock ? db.$queryRaw<{ n: bigint | null }[]>`SELECT sum(on_hand) AS n FROM inventory_summary`.then((r) => Number(r[0]?.n ?? 0)) : null,
    canAlerts ? db.stockAlert.count({ where: { status: "open" } }) : null,
  ]);

  const firstName = user.name.split(/\s+/)[0];

  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-medium text-accent-600">{t("eyebrow")}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl">{t("welcome", { name: firstName })}</h1>
          <p className="mt-1 text-sm text-zinc-500">{t("subtitle")}</p>
        </div>
        {can(user.role, "catalog.write") ? (
          <LinkButton href="/products/new" variant="primary">
            <PlusIcon className="size-4" />
            {t("newProduct")}
          </LinkButton>
        ) : null}
      </header>

      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" className="sr-only">
          {t("atAGlance")}
        </h2>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {products !== null ? <Stat icon={<PackageIcon />} label={t("products")} value={format.number(products)} href="/products" /> : null}
          {locations !== null ? <Stat icon={<MapPinIcon />} label={t("activeLocations")} value={format.number(locations)} href="/locations" /> : null}
          {onHand !== null ? <Stat icon={<LayersIcon />} label={t("unitsOnHand")} value={format.number(onHand)} /> : null}
          {openAlerts !== null ? <Stat icon={<AlertTriangleIcon />} label={t("openAlerts")} value={format.number(openAlerts)} href="/alerts" /> : null}
        </div>
      </section>

      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading" className="mb-3 text-sm font-semibold text-zinc-900">
          {t("shortcuts")}
        </h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {canCatalog ? <Shortcut href="/products" icon={<PackageIcon />} title={t("browseProducts")} body={t("browseProductsBody")} /> : null}
          {canCatalog ? <Shortcut href="/categories" icon={<TreeIcon />} title={t("categories")} body={t("categoriesBody")} /> : null}
          {canPlaces ? <Shortcut href="/locations" icon={<MapPinIcon />} title={t("locations")} body={t("locationsBody")} /> : null}
          {canPlaces ? <Shortcut href="/locations/warehouses" icon={<WarehouseIcon />} title={t("warehouses")} body={t("warehousesBody")} /> : null}
        </div>
      </section>
    </div>
  );
}

function Stat({ icon, label, value, href }: { icon: ReactNode; label: string; value: string; href?: string }) {
  const body = (
    <>
      <span className="flex items-center gap-2 text-sm font-medium text-zinc-500">
        <span className="text-zinc-400 [&>svg]:size-4">{icon}</span>
        {label}
      </span>
      <span className="mt-2 block text-3xl font-semibold tracking-tight text-zinc-900 tabular">{value}</span>
    </>
  );
  const cls = "block rounded-xl border border-zinc-200 bg-white p-5 shadow-xs";
  return href ? (
    <Link href={href} className={`${cls} transition hover:border-accent-200 hover:shadow-sm`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

function Shortcut({ href, icon, title, body }: { href: string; icon: ReactNode; title: string; body: string }) {
  return (
    <Link href={href} className="group flex items-center gap-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs transition hover:border-accent-200 hover:shadow-sm">
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent-50 text-accent-600 [&>svg]:size-5">{icon}</span>
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium text-zinc-900">{title}</span>
        <span className="block truncate text-sm text-zinc-500">{body}</span>
      </span>
      <ChevronRightIcon className="size-4 text-zinc-300 transition group-hover:translate-x-0.5 group-hover:text-accent-600" />
    </Link>
  );
}
