"use client";
import { useTranslations } from "next-intl";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { TrashIcon } from "@/components/ui/icons";
import { deleteVariantGroupAction } from "../actions";

export function DeleteVariantGroupButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("variantGroups");
  const tc = useTranslations("common");
  return (
    <ConfirmAction
      trigger={
        <>
          <TrashIcon className="size-4" />
          {tc("delete")}
        </>
      }
      triggerVariant="secondary"
      title={t("deleteTitle", { name })}
      description={t("deleteBody")}
      confirmLabel={t("deleteConfirm")}
      cancelLabel={tc("cancel")}
      action={() => deleteVariantGroupAction(id)}
      successMessage={t("toast.deleted")}
      successHref="/variant-groups"
    />
  );
}
