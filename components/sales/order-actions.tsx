"use client";
// The buttons of a customer order — exactly the transitions the server offers this user
// (`allowed`, from availableSalesTransitions of lib/sales/states.ts): confirm and reserve the
// backorder at once, cancel with an optional reason in a dialog, close after a confirmation. Pack
// and ship are forms of their own (pack-form.tsx, ship-form.tsx). Errors (someone else moved the
// order, nothing to reserve) show as a toast and inside the dialogs.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CheckIcon, ListChecksIcon, RefreshIcon, XIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import type { SoStatus, SoTransition } from "@/lib/sales/states";

type Moved = ActionResult<{ number: string; status: SoStatus; backorder: number }>;
export type SalesTransitionFn = (number: string, input: unknown) => Promise<Moved>;

const failed = (message: string): Moved => ({ ok: false, error: { code: "INTERNAL", message } });

export function SalesTransitionButtons({
  number,
  allowed,
  backorder,
  transition,
}: {
  number: string;
  allowed: SoTransition[];
  /** Units still to reserve: "Reserve backorder" is offered only when there are some. */
  backorder: number;
  transition: SalesTransitionFn;
}) {
  const t = useTranslations("sales.actions");
  const router = useRouter();
  const [pending, start] = useTransition();

  const direct = (action: "confirm" | "reserve") => {
    start(async () => {
      const r = await transition(number, { action }).catch(() => failed(t("working")));
      const success = r.ok && r.data.backorder > 0 ? t("toast.backorderLeft", { n: r.data.backorder }) : t(`toast.${action}`);
      toastResult(r, success);
      if (r.ok) router.refresh();
    });
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {allowed.includes("reserve") && backorder > 0 ? (
        <Button variant="secondary" disabled={pending} aria-busy={pending} onClick={() => direct("reserve")}>
          <RefreshIcon className="size-4" />
          {t("reserve")}
        </Button>
      ) : null}
      {allowed.includes("close") ? (
        <ConfirmAction
          trigger={t("close")}
          triggerVariant="secondary"
          tone="primary"
          title={t("closeTitle", { number })}
          description={t("closeBody")}
          confirmLabel={t("closeConfirm")}
          cancelLabel={t("back")}
          action={() => transition(number, { action: "close" })}
          successMessage={t("toast.close")}
        />
      ) : null}
      {allowed.includes("cancel") ? (
        <ConfirmAction
          trigger={
            <>
              <XIcon className="size-4" />
              {t("cancel")}
            </>
          }
          title={t("cancelTitle", { number })}
          description={t("cancelBody")}
          reason={{ label: t("reason"), placeholder: t("reasonPlaceholder") }}
          confirmLabel={t("cancelConfirm")}
          cancelLabel={t("keepOrder")}
          action={(reason) => transition(number, { action: "cancel", ...(reason ? { reason } : {}) })}
          successMessage={t("toast.cancel")}
        />
      ) : null}
      {allowed.includes("confirm") ? (
        <Button disabled={pending} aria-busy={pending} onClick={() => direct("confirm")}>
          <CheckIcon className="size-4" />
          {t("confirm")}
        </Button>
      ) : null}
    </div>
  );
}

/** "Create pick list": this order's unpicked reservations, to the default shipping location. */
export function CreatePickListButton({ number, action }: { number: string; action: (input: unknown) => Promise<ActionResult<{ id: string; number: string }>> }) {
  const t = useTranslations("sales.actions");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="primary"
      disabled={pending}
      aria-busy={pending}
      onClick={() =>
        start(async () => {
          const r = await action({ orders: [number] }).catch(() => ({ ok: false as const, error: { code: "INTERNAL" as const, message: t("working") } }));
          toastResult(r, r.ok ? t("toast.pickList", { number: r.data.number }) : null);
          if (r.ok) router.refresh();
        })
      }
    >
      <ListChecksIcon className="size-4" />
      {t("createPickList")}
    </Button>
  );
}
