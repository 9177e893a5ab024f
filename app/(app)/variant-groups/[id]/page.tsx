import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { VariantGroupForm } from "@/components/forms/variant-group-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor, requirePage } from "@/lib/auth/session";
import { getVariantGroup } from "@/lib/catalog/list-variant-groups";
import { AppError } from "@/lib/errors";
import { updateVariantGroupAction } from "../actions";
import { DeleteVariantGroupButton } from "./delete-button";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("variantGroups");
  return { title: t("title") };
}

export default async function EditVariantGroupPage({ params }: { params: Params }) {
  const { id } = await params;
  await requirePage("catalog.write", `/variant-groups/${encodeURIComponent(id)}`);
  const actor = await requireActor();
  const group = await getVariantGroup(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const t = await getTranslations("variantGroups");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title={t("editTitle", { name: group.name })}
        back={{ href: "/variant-groups", label: t("back") }}
        actions={<DeleteVariantGroupButton id={group.id} name={group.name} />}
      />
      <VariantGroupForm
        mode="edit"
        action={updateVariantGroupAction.bind(null, group.id)}
        cancelHref="/variant-groups"
        defaultValues={{ name: group.name, description: group.description ?? "", members: group.members.map((m) => ({ sku: m.sku, priority: String(m.priority) })) }}
      />
    </div>
  );
}
