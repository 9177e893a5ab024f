"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CheckIcon, XIcon } from "@/components/ui/icons";
import { approveCountAction, cancelCountAction } from "../actions";

export function ApproveCountButton({ id, number, lines, disabled }: { id: string; number: string; lines: number; disabled?: boolean }) {
  const t = useTranslations("counts");
  const tc = useTranslations("common");
  if (disabled) {
    return (
      <Button disabled title={t("approveNothing")}>
        <CheckIcon className="size-4" />
        {t("approve")}
      </Button>
    );
  }
  return (
    <ConfirmAction
      trigger={
        <>
          <CheckIcon className="size-4" />
          {t("approve")}
        </>
      }
      triggerVariant="primary"
      tone="primary"
      title={t("approveTitle", { number })}
      description={t("approveBody", { n: lines })}
      confirmLabel={t("approveConfirm")}
      cancelLabel={tc("cancel")}
      action={() => approveCountAction(id)}
      successMessage={t("toast.approved")}
    />
  );
}

export function CancelCountButton({ id, number }: { id: string; number: string }) {
  const t = useTranslations("counts");
  return (
    <ConfirmAction
      trigger={
        <>
          <XIcon className="size-4" />
          {t("cancelCount")}
        </>
      }
      triggerVariant="secondary"
      title={t("cancelTitle", { number })}
      description={t("cancelBody")}
      confirmLabel={t("cancelConfirm")}
      cancelLabel={t("keepOpen")}
      action={() => cancelCountAction(id)}
      successMessage={t("toast.cancelled")}
    />
  );
}
