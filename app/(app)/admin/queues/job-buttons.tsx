"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RefreshIcon, TrashIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import { removeJobAction, retryJobAction, runJobNowAction } from "./actions";

type Result = { ok: true } | { ok: false; error: { message: string } };

export function ActionButton({ run, label, children, done, toastDone }: { run: () => Promise<Result>; label: string; children: ReactNode; done?: string; toastDone?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-busy={pending}
        aria-label={label}
        onClick={() =>
          start(async () => {
            const r = toastResult(await run(), done ?? toastDone);
            setMessage(r.ok ? (done ? { ok: true, text: done } : null) : { ok: false, text: r.error.message });
            if (r.ok) router.refresh();
          })
        }
      >
        {children}
      </Button>
      {message ? (
        <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-xs text-emerald-700" : "text-xs text-red-700"}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
}

export function RetryJobButton({ queue, id }: { queue: string; id: string }) {
  const t = useTranslations("queues");
  return (
    <ActionButton run={() => retryJobAction(queue, id)} label={t("retryNamed", { id })} toastDone={t("toast.retried")}>
      <RefreshIcon className="size-3.5" />
      {t("retry")}
    </ActionButton>
  );
}

export function RemoveJobButton({ queue, id, name }: { queue: string; id: string; name: string }) {
  const t = useTranslations("queues");
  const tc = useTranslations("common");
  return (
    <ConfirmAction
      trigger={
        <>
          <TrashIcon className="size-3.5" />
          <span aria-hidden>{t("remove")}</span>
          <span className="sr-only">{t("removeNamed", { id })}</span>
        </>
      }
      triggerVariant="danger-ghost"
      triggerSize="sm"
      title={t("removeTitle")}
      description={t("removeBody", { id, name })}
      confirmLabel={t("remove")}
      cancelLabel={tc("cancel")}
      action={() => removeJobAction(queue, id)}
      successMessage={t("toast.removed")}
    />
  );
}

export function RunNowButton({ job, label }: { job: string; label?: string }) {
  const t = useTranslations("queues");
  return (
    <ActionButton run={() => runJobNowAction(job)} label={label ?? t("runNamed", { job })} done={t("queued")}>
      <RefreshIcon className="size-3.5" />
      {label ?? t("runNow")}
    </ActionButton>
  );
}
