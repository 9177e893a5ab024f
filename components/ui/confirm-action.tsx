"use client";
// A button that opens a confirmation dialog (native <dialog>: focus stays inside, Esc closes)
// and runs a server action when confirmed; errors show inside the dialog (and as a toast), a
// success message (if given) as a toast.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "./button";
import { AlertCircleIcon } from "./icons";
import { toastResult } from "./toast";

type Result = { ok: true } | { ok: false; error: { message: string } };

export function ConfirmAction({
  trigger,
  triggerVariant = "danger-ghost",
  triggerClassName,
  triggerSize,
  title,
  description,
  confirmLabel,
  cancelLabel,
  tone = "danger",
  action,
  successHref,
  successMessage,
}: {
  trigger: ReactNode;
  triggerVariant?: "danger-ghost" | "secondary" | "danger" | "primary" | "ghost";
  triggerClassName?: string;
  triggerSize?: "md" | "sm" | "icon";
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  tone?: "danger" | "primary";
  action: () => Promise<Result>;
  /** Where to go after success; the current page is refreshed when absent. */
  successHref?: string;
  /** Toast text after success. */
  successMessage?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    setError(null);
    start(async () => {
      const r = toastResult(await action(), successMessage ?? null);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      ref.current?.close();
      if (successHref) router.push(successHref);
      else router.refresh();
    });
  }

  return (
    <>
      <Button variant={triggerVariant} size={triggerSize} className={triggerClassName} onClick={() => ref.current?.showModal()}>
        {trigger}
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
        <div className="flex gap-4 p-5 sm:p-6">
          <div
            className={
              tone === "danger"
                ? "flex size-10 shrink-0 items-center justify-center rounded-full bg-red-50 text-red-600"
                : "flex size-10 shrink-0 items-center justify-center rounded-full bg-accent-50 text-accent-600"
            }
          >
            <AlertCircleIcon className="size-5" />
          </div>
          <div className="min-w-0 space-y-2">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            <div className="text-sm text-zinc-600">{description}</div>
            {error ? (
              <p role="alert" className="text-sm font-medium text-red-700">
                {error}
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
          <Button variant="secondary" onClick={() => ref.current?.close()} disabled={pending} autoFocus>
            {cancelLabel}
          </Button>
          <Button variant={tone === "danger" ? "danger" : "primary"} onClick={confirm} disabled={pending} aria-busy={pending}>
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
