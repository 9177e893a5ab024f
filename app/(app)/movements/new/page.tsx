import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MovementForm } from "@/components/forms/movement-form";
import { emptyLine, type MovementFormValues } from "@/components/forms/movement-values";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireActor, requirePage } from "@/lib/auth/session";
import { locationOptions } from "@/lib/stock/scan-lookup";
import { MOVEMENT_TYPES, type MovementType } from "@/lib/stock/schemas";
import { getEntryLimit } from "@/lib/settings/entry-guard";
import { lookupProductAction, postMovementAction, searchProductsAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("movements");
  return { title: t("newTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewMovementPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePage("movement.post", "/movements/new");
  const actor = await requireActor();
  const [t, locations, entry] = await Promise.all([getTranslations("movements"), locationOptions(actor), getEntryLimit(actor)]);
  // adjust and write_off need movement.adjust: not offered to roles without it.
  const types = MOVEMENT_TYPES.filter((k) => (k === "adjust" || k === "write_off" ? can(user.role, "movement.adjust") : true));
  const wanted = (Array.isArray(sp.type) ? sp.type[0] : sp.type) as MovementType | undefined;
  const defaultValues: MovementFormValues = {
    type: wanted && types.includes(wanted) ? wanted : "in",
    reference: "",
    note: "",
    reason: "",
    lines: [emptyLine()],
  };
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title={t("newTitle")} description={t("newSubtitle")} back={{ href: "/movements", label: t("backToList") }} />
      <MovementForm
        types={types} locations={locations} defaultValues={defaultValues} action={postMovementAction}
        search={searchProductsAction}
        lookup={lookupProductAction}
        entryLimit={entry}
      />
    </div>
  );
}
