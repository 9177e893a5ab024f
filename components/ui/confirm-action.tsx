"use client";
// A button that opens a confirmation dialog (native <dialog>: focus stays inside, Esc closes)
// and runs a server action when confirmed; errors show inside the dialog (and as a toast), a
// success message (if given) as a toast. With `reason`, the dialog asks for a reason (required when
// `reason.required` says what to answer when it is missing) and passes it to the action; an action
// may answer `{ href }` to go there afterwards.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { controlClasses } from "./field";
import { AlertCircleIcon } from "./icons";
import { toastResult } from "./toast";

type Result = { ok: true; data?: unknown } | { ok: false; error: { message: string } };

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
  reason,
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
  action: (reason?: string) => Promise<Result>;
  /** Where to go after success; the current page is refreshed when absent. */
  successHref?: string;
  /** Toast text after success. */
  successMessage?: string;
  /** Ask for a reason: the field's label, and (when it is required) the message when it is left empty. */
  reason?: { label: string; required?: string; placeholder?: string };
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const router = useRouter();
  const [pending, start] = useTransition();
  const reasonId = useId();
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");

  function confirm() {
    if (reason?.required && !text.trim()) {
      setError(reason.required);
      return;
    }
    setError(null);
    start(async () => {
      const r = toastResult(await action(reason ? text.trim() || undefined : undefined), successMessage ?? null);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      ref.current?.close();
      setText("");
      const href = (r.data as { href?: unknown } | undefined)?.href;
      if (typeof href === "string") router.push(href);
      else if (successHref) router.push(successHref);
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
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl text-left border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl"
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
            {reason ? (
              <div className="space-y-1.5">
                <label htmlFor={reasonId} className="text-sm font-medium text-zinc-800">
                  {reason.label}
                </label>
                <textarea
                  id={reasonId}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  rows={3}
                  maxLength={200}
                  required={Boolean(reason.required)}
                  aria-invalid={error ? true : undefined}
                  placeholder={reason.placeholder}
                  className={cn(controlClasses, "min-h-20 py-2")}
                  autoFocus
                />
              </div>
            ) : null}
            {error ? (
              <p role="alert" className="text-sm font-medium text-red-700">
                {error}
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
          <Button variant="secondary" onClick={() => ref.current?.close()} disabled={pending} autoFocus={!reason}>
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
