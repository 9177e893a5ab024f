import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VariantGroupForm } from "@/components/forms/variant-group-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { createVariantGroupAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("variantGroups");
  return { title: t("newTitle") };
}

export default async function NewVariantGroupPage() {
  await requirePage("catalog.write", "/variant-groups/new");
  const t = await getTranslations("variantGroups");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t("newTitle")} back={{ href: "/variant-groups", label: t("back") }} />
      <VariantGroupForm mode="create" action={createVariantGroupAction} cancelHref="/variant-groups" defaultValues={{ name: "", description: "", members: [{ sku: "", priority: "1" }] }} />
    </div>
  );
}
