"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RefreshIcon, ScaleIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import { rebuildStockAction, refreshSummaryAction } from "./actions";

export function RebuildButton() {
  const t = useTranslations("reconcile");
  const tc = useTranslations("common");
  return (
    <ConfirmAction
      trigger={
        <>
          <ScaleIcon className="size-4" />
          {t("rebuild")}
        </>
      }
      triggerVariant="danger"
      title={t("rebuildTitle")}
      description={t("rebuildBody")}
      confirmLabel={t("rebuildConfirm")}
      cancelLabel={tc("cancel")}
      action={rebuildStockAction}
      successMessage={t("toast.rebuilt")}
      successHref="/admin/reconcile?run=1&rebuilt=1"
    />
  );
}

export function RefreshSummaryButton() {
  const t = useTranslations("reconcile");
  const [pending, start] = useTransition();
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        aria-busy={pending}
        onClick={() =>
          start(async () => {
            const r = toastResult(await refreshSummaryAction(), t("toast.refreshed"));
            setState(r.ok ? { ok: true, text: t("refreshed", { at: formatDateTime(r.data.at) }) } : { ok: false, text: r.error.message });
          })
        }
      >
        <RefreshIcon className="size-4" />
        {pending ? t("refreshing") : t("refresh")}
      </Button>
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {state.text}
        </p>
      ) : null}
    </div>
  );
}
