"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CheckCircleIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import { acknowledgeAlertAction } from "./actions";

export function AcknowledgeButton({ alertId, sku }: { alertId: string; sku: string }) {
  const t = useTranslations("alerts");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-busy={pending}
        aria-label={t("acknowledgeNamed", { sku })}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = toastResult(await acknowledgeAlertAction(alertId), t("toast.acknowledged"));
            if (!r.ok) setError(r.error.message);
            else router.refresh();
          })
        }
      >
        <CheckCircleIcon className="size-4" />
        {pending ? t("acknowledging") : t("acknowledge")}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
