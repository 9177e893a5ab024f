import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PencilIcon, PlusIcon, WarehouseIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listWarehouses } from "@/lib/locations/locations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("warehouses") };
}

export default async function WarehousesPage() {
  const user = await requirePage("location.read", "/locations/warehouses");
  const actor = await requireActor();
  const [t, tc, format, warehouses] = await Promise.all([getTranslations("locations"), getTranslations("common"), getFormatter(), listWarehouses(actor)]);
  const writable = can(user.role, "location.write");

  return (
    <>
      <PageHeader
        back={{ href: "/locations", label: t("title") }}
        title={t("warehouses")}
        description={t("warehousesSubtitle")}
        actions={
          writable ? (
            <LinkButton href="/locations/warehouses/new" variant="primary">
              <PlusIcon className="size-4" />
              {t("newWarehouse")}
            </LinkButton>
          ) : null
        }
      />
      <Card>
        {warehouses.length === 0 ? (
          <EmptyState
            icon={<WarehouseIcon />}
            title={t("noWarehouses")}
            action={
              writable ? (
                <LinkButton href="/locations/warehouses/new" variant="primary">
                  <PlusIcon className="size-4" />
                  {t("emptyWarehouseAction")}
                </LinkButton>
              ) : null
            }
          />
        ) : (
          <Table>
            <caption className="sr-only">{t("warehouses")}</caption>
            <thead>
              <tr>
                <Th>{t("code")}</Th>
                <Th>{t("name")}</Th>
                <Th className="text-right">{t("locationCount")}</Th>
                <Th className="hidden sm:table-cell">{t("status")}</Th>
                {writable ? (
                  <Th>
                    <span className="sr-only">{tc("edit")}</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {warehouses.map((w) => (
                <Tr key={w.id}>
                  <Td className="font-mono font-medium text-zinc-900">{w.code}</Td>
                  <Td>
                    {w.name}
                    {!w.active ? (
                      <Badge tone="neutral" className="ml-2 sm:hidden">
                        {tc("inactive")}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="text-right tabular">
                    <Link href={`/locations?warehouse=${encodeURIComponent(w.code)}`} className="text-accent-700 hover:underline">
                      {format.number(w._count.locations)}
                    </Link>
                  </Td>
                  <Td className="hidden sm:table-cell">{w.active ? <Badge tone="success" dot>{tc("active")}</Badge> : <Badge tone="neutral">{tc("inactive")}</Badge>}</Td>
                  {writable ? (
                    <Td className="text-right">
                      <LinkButton href={`/locations/warehouses/${encodeURIComponent(w.code)}/edit`} variant="ghost" size="sm">
                        <PencilIcon className="size-3.5" />
                        <span className="sr-only sm:not-sr-only">{tc("edit")}</span>
                        <span className="sr-only"> {w.code}</span>
                      </LinkButton>
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
