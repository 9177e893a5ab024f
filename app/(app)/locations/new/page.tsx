import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocationForm } from "@/components/forms/location-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listWarehouses } from "@/lib/locations/locations";
import { createLocationAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("newTitle") };
}

export default async function NewLocationPage() {
  await requirePage("location.write", "/locations/new");
  const actor = await requireActor();
  const [t, warehouses] = await Promise.all([getTranslations("locations"), listWarehouses(actor)]);
  const usable = warehouses.filter((w) => w.active);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/locations", label: t("title") }} />
      <LocationForm
        mode="create"
        action={createLocationAction}
        cancelHref="/locations"
        warehouses={usable.map((w) => ({ code: w.code, name: w.name }))}
        defaultValues={{ code: "", name: "", kind: "storage", capacity: null, warehouse: usable[0]?.code ?? "", barcode: "", active: true }}
      />
    </div>
  );
}
