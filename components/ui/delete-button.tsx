"use client";
// Deleting a record (soft) from its page: confirmed in a dialog, which also shows why it was refused
// (a supplier still on purchase orders, a customer with orders to ship). The texts are the
// namespace's `delete.title` ({code}), `delete.body` ({name}), `delete.confirm` and `toast.deleted`.
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/action";
import { ConfirmAction } from "./confirm-action";
import { TrashIcon } from "./icons";

export function DeleteButton({
  namespace,
  code,
  name,
  action,
  successHref,
}: {
  namespace: string;
  code: string;
  name: string;
  action: () => Promise<ActionResult<{ code: string }>>;
  successHref: string;
}) {
  const t = useTranslations(namespace);
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
      successHref={successHref}
      successMessage={t("toast.deleted")}
    />
  );
}
