import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocationForm } from "@/components/forms/location-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getLocation, listWarehouses } from "@/lib/locations/locations";
import { updateLocationAction } from "../../actions";

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("editTitle", { code: decodeURIComponent((await params).code) }) };
}

export default async function EditLocationPage({ params }: { params: Params }) {
  const code = decodeURIComponent((await params).code);
  await requirePage("location.write", `/locations/${encodeURIComponent(code)}/edit`);
  const actor = await requireActor();
  const location = await getLocation(actor, code).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, warehouses] = await Promise.all([getTranslations("locations"), listWarehouses(actor)]);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("editTitle", { code: location.code })} description={location.name} back={{ href: "/locations", label: t("title") }} />
      <LocationForm
        mode="edit"
        action={updateLocationAction.bind(null, location.code)}
        cancelHref="/locations"
        warehouses={warehouses.filter((w) => w.active || w.code === location.warehouse).map((w) => ({ code: w.code, name: w.name }))}
        defaultValues={{
          code: location.code,
          name: location.name,
          kind: location.kind,
          capacity: location.capacity,
          warehouse: location.warehouse,
          barcode: location.barcode,
          active: location.active,
        }}
      />
    </div>
  );
}
