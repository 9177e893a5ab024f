"use client";
// The endpoint page's buttons: rotate the secret (then shown once), send a test event, delete, and
// redeliver one delivery of the log.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionButton } from "../queues/job-buttons";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RefreshIcon } from "@/components/ui/icons";
import type { ActionResult } from "@/lib/action";
import { SecretReveal } from "./secret-reveal";

export function RotateSecret({ rotate }: { rotate: () => Promise<ActionResult<{ url: string; secret: string }>> }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const [shown, setShown] = useState<{ url: string; secret: string } | null>(null);
  return (
    <div className="space-y-3">
      {shown ? <SecretReveal url={shown.url} secret={shown.secret} /> : null}
      <ConfirmAction
        trigger={t("rotate")}
        triggerVariant="secondary"
        tone="primary"
        title={t("rotateTitle")}
        description={t("rotateBody")}
        confirmLabel={t("rotate")}
        cancelLabel={tc("cancel")}
        action={async () => {
          const r = await rotate();
          if (r.ok) setShown({ url: r.data.url, secret: r.data.secret });
          return r;
        }}
      />
    </div>
  );
}

export function PingButton({ ping }: { ping: () => Promise<ActionResult<unknown>> }) {
  const t = useTranslations("webhooks");
  return (
    <ActionButton run={ping} label={t("ping")} done={t("pinged")}>
      {t("ping")}
    </ActionButton>
  );
}

export function RedeliverButton({ redeliver, event }: { redeliver: () => Promise<ActionResult<unknown>>; event: string }) {
  const t = useTranslations("webhooks");
  return (
    <ActionButton run={redeliver} label={t("redeliverLabel", { event })} toastDone={t("redelivered")}>
      <RefreshIcon className="size-3.5" />
      <span className="hidden sm:inline">{t("redeliver")}</span>
    </ActionButton>
  );
}
