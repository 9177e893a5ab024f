import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { serialRefParam } from "@/components/serials/item-ref";
import { SerialForm } from "@/components/serials/serial-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSerialItem } from "@/lib/serials/items";
import { updateSerialAction } from "../../actions";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serials.detail");
  return { title: t("edit") };
}

export default async function EditSerialPage({ params }: { params: Params }) {
  const raw = (await params).id;
  const ref = serialRefParam(raw);
  await requirePage("serial.write", `/serials/${raw}/edit`);
  if (!ref) notFound();
  const actor = await requireActor();
  const item = await getSerialItem(actor, ref).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  if (item.deleted) notFound();
  const t = await getTranslations("serials.form");
  const name = item.imei ?? item.identifier;
  const update = updateSerialAction.bind(null, item.id);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("editTitle", { name })} description={t("editSubtitle")} back={{ href: `/serials/${item.id}`, label: name }} />
      <SerialForm
        mode="edit"
        cancelHref={`/serials/${item.id}`}
        defaultValues={{
          sku: item.product.sku,
          source: { kind: item.source.kind, ref: item.source.id },
          flag: item.flag ?? "",
          imei: item.imei ?? "",
          transactionConfirmedAt: item.transactionConfirmedAt?.slice(0, 10) ?? "",
          scheduledArrivalAt: item.scheduledArrivalAt?.slice(0, 10) ?? "",
        }}
        action={update}
      />
    </div>
  );
}
