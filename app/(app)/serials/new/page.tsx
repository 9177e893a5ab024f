import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SerialForm } from "@/components/serials/serial-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { SOURCE_SCHEMAS, type OwnSourceKind } from "@/lib/serials/schemas";
import { listSources } from "@/lib/serials/sources";
import { searchProductsAction } from "../../movements/actions";
import { createSerialAction, createSourceAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serials.form");
  return { title: t("newTitle") };
}

const OWN_KINDS = Object.keys(SOURCE_SCHEMAS) as OwnSourceKind[];

export default async function NewSerialPage() {
  await requirePage("serial.write", "/serials/new");
  const actor = await requireActor();
  const [t, lists] = await Promise.all([
    getTranslations("serials.form"),
    Promise.all(OWN_KINDS.map((k) => listSources(actor, k, { limit: "200" }).then((p) => [k, p.items.map((s) => ({ id: s.id, label: s.label }))] as const))),
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/serials", label: t("backToList") }} />
      <SerialForm
        mode="create"
        cancelHref="/serials"
        defaultValues={{ sku: "", source: { kind: "temporary_channel", ref: "" }, flag: "", imei: "", transactionConfirmedAt: "", scheduledArrivalAt: "" }}
        sources={Object.fromEntries(lists) as Record<OwnSourceKind, { id: string; label: string }[]>}
        action={createSerialAction}
        searchProducts={searchProductsAction}
        createSource={createSourceAction}
      />
    </div>
  );
}
