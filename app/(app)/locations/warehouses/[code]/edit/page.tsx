import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { WarehouseForm } from "@/components/forms/warehouse-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listWarehouses } from "@/lib/locations/locations";
import { updateWarehouseAction } from "../../../actions";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("editWarehouse", { code: decodeURIComponent((await params).code) }) };
}

export default async function EditWarehousePage({ params }: { params: Params }) {
  const code = decodeURIComponent((await params).code);
  await requirePage("location.write", `/locations/warehouses/${encodeURIComponent(code)}/edit`);
  const actor = await requireActor();
  // A handful of warehouses: the list is the lookup (there is no single-warehouse query yet).
  const warehouse = (await listWarehouses(actor)).find((w) => w.code === code);
  if (!warehouse) notFound();
  const t = await getTranslations("locations");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("editWarehouse", { code: warehouse.code })} description={warehouse.name} back={{ href: "/locations/warehouses", label: t("warehouses") }} />
      <WarehouseForm
        mode="edit"
        action={updateWarehouseAction.bind(null, warehouse.code)}
        defaultValues={{ code: warehouse.code, name: warehouse.name, active: warehouse.active }}
      />
    </div>
  );
}
