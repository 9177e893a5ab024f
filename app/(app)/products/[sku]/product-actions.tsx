"use client";
import { useTranslations } from "next-intl";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RestoreIcon, TrashIcon } from "@/components/ui/icons";
import { deleteProductAction, restoreProductAction } from "../actions";

export function DeleteProductButton({ sku, name }: { sku: string; name: string }) {
  const t = useTranslations("products");
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
      title={t("deleteTitle", { sku })}
      description={t("deleteBody", { name })}
      confirmLabel={t("deleteConfirm")}
      cancelLabel={tc("cancel")}
      action={() => deleteProductAction(sku)}
      successMessage={t("toast.deleted")}
    />
  );
}

export function RestoreProductButton({ sku, name }: { sku: string; name: string }) {
  const t = useTranslations("products");
  const tc = useTranslations("common");
  return (
    <ConfirmAction
      trigger={
        <>
          <RestoreIcon className="size-4" />
          {tc("restore")}
        </>
      }
      triggerVariant="primary"
      tone="primary"
      title={t("restoreTitle", { sku })}
      description={t("restoreBody", { name })}
      confirmLabel={t("restoreConfirm")}
      cancelLabel={tc("cancel")}
      action={() => restoreProductAction(sku)}
      successMessage={t("toast.restored")}
    />
  );
}
