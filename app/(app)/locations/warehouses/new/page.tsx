import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WarehouseForm } from "@/components/forms/warehouse-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { createWarehouseAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("newWarehouse") };
}

export default async function NewWarehousePage() {
  await requirePage("location.write", "/locations/warehouses/new");
  const t = await getTranslations("locations");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newWarehouse")} back={{ href: "/locations/warehouses", label: t("warehouses") }} />
      <WarehouseForm mode="create" action={createWarehouseAction} defaultValues={{ code: "", name: "", active: true }} />
    </div>
  );
}
