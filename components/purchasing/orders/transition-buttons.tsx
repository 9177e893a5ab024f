"use client";
// The buttons of a purchase order's transitions — exactly the ones the server offers this user
// (`allowed`, from availableTransitions of lib/purchasing/states.ts): submit, approve and reopen at
// once; reject with a required reason in a dialog; cancel and close after a confirmation. Errors
// (someone else moved the order, self-approval refused) show as a toast and inside dialogs.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { controlClasses } from "@/components/ui/field";
import { CheckIcon, XIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import type { PoStatus, PoTransition } from "@/lib/purchasing/states";

type Moved = ActionResult<{ number: string; status: PoStatus; approvals: number; approvalsRequired: number }>;
export type TransitionFn = (number: string, action: PoTransition, reason?: string) => Promise<Moved>;

const ORDER: PoTransition[] = ["submit", "approve", "reopen", "close", "reject", "cancel"];

export function TransitionButtons({
  number,
  allowed,
  transition,
  only,
  stretch,
}: {
  number: string;
  allowed: PoTransition[];
  transition: TransitionFn;
  /** Show only these (the inbox: approve and reject). */
  only?: PoTransition[];
  /** Buttons share the row's width (phone cards). */
  stretch?: boolean;
}) {
  const t = useTranslations("purchasing.actions");
  const router = useRouter();
  const [pending, start] = useTransition();
  const shown = ORDER.filter((a) => allowed.includes(a) && (!only || only.includes(a)));
  const grow = stretch ? "flex-1 sm:flex-none" : undefined;

  const direct = (action: "submit" | "approve" | "reopen") => {
    start(async () => {
      const r = await transition(number, action).catch((): Moved => ({ ok: false, error: { code: "INTERNAL", message: t("working") } }));
      const success = r.ok && action === "approve" && r.data.status === "submitted" ? t("toast.approveStep") : t(`toast.${action}`);
      toastResult(r, success);
      if (r.ok) router.refresh();
    });
  };

  return (
    <div className={cn("flex flex-wrap items-center gap-2", stretch && "w-full")}>
      {shown.map((a) => {
        switch (a) {
          case "submit":
          case "approve":
          case "reopen":
            return (
              <Button
                key={a}
                variant={a === "reopen" ? "secondary" : "primary"}
                className={grow}
                disabled={pending}
                aria-busy={pending}
                onClick={() => direct(a)}
                aria-label={a === "approve" && stretch ? t("approveNamed", { number }) : undefined}
              >
                {a === "approve" ? <CheckIcon className="size-4" /> : null}
                {t(a)}
              </Button>
            );
          case "reject":
            return <RejectButton key={a} number={number} transition={transition} className={grow} label={stretch ? t("rejectNamed", { number }) : undefined} />;
          case "cancel":
            return (
              <ConfirmAction
                key={a}
                trigger={t("cancel")}
                triggerVariant="danger-ghost"
                title={t("cancelTitle", { number })}
                description={t("cancelBody")}
                confirmLabel={t("cancelConfirm")}
                cancelLabel={t("keepOrder")}
                action={() => transition(number, "cancel")}
                successMessage={t("toast.cancel")}
              />
            );
          case "close":
            return (
              <ConfirmAction
                key={a}
                trigger={t("close")}
                triggerVariant="secondary"
                tone="primary"
                title={t("closeTitle", { number })}
                description={t("closeBody")}
                confirmLabel={t("closeConfirm")}
                cancelLabel={t("back")}
                action={() => transition(number, "close")}
                successMessage={t("toast.close")}
              />
            );
        }
      })}
    </div>
  );
}

/** Reject: a dialog asking for the reason (required; the purchaser reads it). */
function RejectButton({ number, transition, className, label }: { number: string; transition: TransitionFn; className?: string; label?: string }) {
  const t = useTranslations("purchasing.actions");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const confirm = () => {
    if (!reason.trim()) {
      setError(t("reasonRequired"));
      return;
    }
    setError(null);
    start(async () => {
      const r = toastResult(await transition(number, "reject", reason.trim()), t("toast.reject"));
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      ref.current?.close();
      setReason("");
      router.refresh();
    });
  };

  return (
    <>
      <Button variant="danger-ghost" className={className} onClick={() => ref.current?.showModal()} aria-label={label}>
        <XIcon className="size-4" />
        {t("reject")}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl"
        onClick={(e) => {
          if (e.target === e.currentTarget && !pending) e.currentTarget.close();
        }}
        onClose={() => setError(null)}
      >
        <form
          method="dialog"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            confirm();
          }}
        >
          <div className="space-y-3 p-5 sm:p-6">
            <h2 id={titleId} className="text-base font-semibold">
              {t("rejectTitle", { number })}
            </h2>
            <p className="text-sm text-zinc-600">{t("rejectBody")}</p>
            <div className="space-y-1.5">
              <label htmlFor={reasonId} className="text-sm font-medium text-zinc-800">
                {t("reason")}
              </label>
              <textarea
                id={reasonId}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                rows={3}
                maxLength={500}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${reasonId}-error` : undefined}
                placeholder={t("reasonPlaceholder")}
                className={cn(controlClasses, "min-h-20 py-2")}
                autoFocus
              />
              {error ? (
                <p id={`${reasonId}-error`} role="alert" className="text-sm font-medium text-red-700">
                  {error}
                </p>
              ) : null}
            </div>
          </div>
          <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
            <Button variant="secondary" onClick={() => ref.current?.close()} disabled={pending}>
              {t("back")}
            </Button>
            <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
              {t("reject")}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
