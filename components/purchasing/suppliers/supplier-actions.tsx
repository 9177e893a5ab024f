"use client";
// Deleting a supplier (soft): confirmed in a dialog, which also shows why it was refused, e.g.
// purchase orders still referencing it ("make it inactive instead").
import { useTranslations } from "next-intl";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { TrashIcon } from "@/components/ui/icons";
import type { ActionResult } from "@/lib/action";

export function DeleteSupplierButton({ code, name, action }: { code: string; name: string; action: () => Promise<ActionResult<{ code: string }>> }) {
  const t = useTranslations("suppliers");
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
      title={t("delete.title", { code })}
      description={t("delete.body", { name })}
      confirmLabel={t("delete.confirm")}
      cancelLabel={tc("cancel")}
      action={action}
      successHref="/purchasing/suppliers"
      successMessage={t("toast.deleted")}
    />
  );
}
