"use client";
// The status buttons of one serial item: exactly the targets the state table allows from where it
// is (allowedTargets of lib/serials/states.ts, computed by the page). Arrived asks for the location
// in a dialog, abnormal for the reason; the others apply at once. "Arrival check n/2" when
// nextArrivalCheck says one is due. Errors (someone else moved the item) show as a toast and
// inside the dialogs.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import { LocationInput } from "@/components/forms/location-input";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import { CheckIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import type { SerialStatus } from "@/lib/serials/states";

type Moved = ActionResult<{ id: string; status: SerialStatus }>;
type Transition = (ref: string, to: string, extra?: { location?: string; reason?: string }) => Promise<Moved>;
type Search = (text: string) => Promise<ActionResult<{ code: string; name: string }[]>>;

export function SerialItemActions({
  id,
  status,
  targets,
  arrivalCheck,
  transition,
  checkArrival,
  searchLocations,
}: {
  id: string;
  status: SerialStatus;
  targets: SerialStatus[];
  arrivalCheck: 1 | 2 | null;
  transition: Transition;
  checkArrival: (ref: string) => Promise<Moved>;
  searchLocations: Search;
}) {
  const t = useTranslations("serials.transition");
  const ts = useTranslations("serials.statuses");
  const router = useRouter();
  const [pending, start] = useTransition();
  const failed = (): Moved => ({ ok: false, error: { code: "INTERNAL", message: t("failed") } });

  const direct = (to: SerialStatus) =>
    start(async () => {
      const r = await transition(id, to).catch(failed);
      toastResult(r, t("done", { status: ts(to).toLowerCase() }));
      if (r.ok) router.refresh();
    });
  const check = (n: 1 | 2) =>
    start(async () => {
      const r = await checkArrival(id).catch(failed);
      toastResult(r, t("checked", { n }));
      if (r.ok) router.refresh();
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      {arrivalCheck ? (
        <Button variant="secondary" disabled={pending} aria-busy={pending} onClick={() => check(arrivalCheck)}>
          <CheckIcon className="size-4" />
          {t("arrivalCheck", { n: arrivalCheck })}
        </Button>
      ) : null}
      {targets.map((to) => {
        const label = status === "abnormal" ? t("resolve", { status: ts(to).toLowerCase() }) : t(`to.${to}`);
        if (to === "arrived" && status !== "abnormal")
          return <AskDialog key={to} id={id} to={to} label={label} kind="location" transition={transition} searchLocations={searchLocations} />;
        if (to === "abnormal") return <AskDialog key={to} id={id} to={to} label={label} kind="reason" transition={transition} searchLocations={searchLocations} />;
        return (
          <Button key={to} variant={to === "out_of_stock" ? "secondary" : "primary"} disabled={pending} aria-busy={pending} onClick={() => direct(to)}>
            {label}
          </Button>
        );
      })}
    </div>
  );
}

/** A transition that needs one more thing: the arrival location, or the reason it is abnormal. */
function AskDialog({ id, to, label, kind, transition, searchLocations }: { id: string; to: SerialStatus; label: string; kind: "location" | "reason"; transition: Transition; searchLocations: Search }) {
  const t = useTranslations("serials.transition");
  const ts = useTranslations("serials.statuses");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const fieldId = useId();
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const confirm = () => {
    const v = value.trim();
    if (!v) {
      setError(kind === "location" ? t("locationRequired") : t("reasonRequired"));
      return;
    }
    setError(null);
    start(async () => {
      const r = await transition(id, to, kind === "location" ? { location: v } : { reason: v }).catch((): Moved => ({ ok: false, error: { code: "INTERNAL", message: t("failed") } }));
      toastResult(r, t("done", { status: ts(to).toLowerCase() }));
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      ref.current?.close();
      setValue("");
      router.refresh();
    });
  };

  const described = error ? `${fieldId}-error` : undefined;
  return (
    <>
      <Button variant={kind === "reason" ? "danger-ghost" : "primary"} onClick={() => ref.current?.showModal()}>
        {label}
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
              {kind === "location" ? t("arrivedTitle") : t("abnormalTitle")}
            </h2>
            <p className="text-sm text-zinc-600">{kind === "location" ? t("arrivedBody") : t("abnormalBody")}</p>
            <div className="space-y-1.5">
              <label htmlFor={fieldId} className="text-sm font-medium text-zinc-800">
                {kind === "location" ? t("location") : t("reason")}
              </label>
              {kind === "location" ? (
                <LocationInput
                  id={fieldId}
                  value={value}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  search={searchLocations}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described}
                  autoFocus
                />
              ) : (
                <textarea
                  id={fieldId}
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  rows={3}
                  maxLength={500}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described}
                  placeholder={t("reasonPlaceholder")}
                  className={cn(controlClasses, "min-h-20 py-2")}
                  autoFocus
                />
              )}
              {error ? (
                <p id={`${fieldId}-error`} role="alert" className="text-sm font-medium text-red-700">
                  {error}
                </p>
              ) : null}
            </div>
          </div>
          <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
            <Button variant="secondary" onClick={() => ref.current?.close()} disabled={pending}>
              {t("back")}
            </Button>
            <Button type="submit" variant={kind === "reason" ? "danger" : "primary"} disabled={pending} aria-busy={pending}>
              {t("confirm")}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
