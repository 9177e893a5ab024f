"use client";
// The confirmation above the company's entry limit (lib/settings/entry-guard.ts): before a desk form
// sends a line (quantity × unit cost) or an amount worth more than the limit, it asks "This line is
// worth X — post anyway?". Going back leaves the form as it was, to fix the typo; confirming sends it.
// Only the browser asks: the server never refuses a large but valid amount.
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { formatMoney } from "@/components/format";
import { Button } from "@/components/ui/button";
import { AlertCircleIcon } from "@/components/ui/icons";
import { aboveLimit } from "@/lib/money";
import type { EntryLimit } from "@/lib/settings/schemas";

/** One value above the limit: a line (`n`, 1-based) or a named amount (`label`). */
export type OverLimit = { n?: number; label?: string; amount: string; currency: string };
type Verb = "post" | "save";
type Pending = { items: OverLimit[]; limit: string; limitCurrency: string; verb: Verb; resolve: (ok: boolean) => void };

/**
 * `confirmOver(values, verb)` keeps the values above the limit; it resolves true at once when there
 * are none, else shows the dialog and resolves with the user's answer. Render `dialog` once inside
 * the form's component.
 */
export function useEntryConfirm(limit: EntryLimit | null | undefined) {
  const t = useTranslations("common.entryConfirm");
  const locale = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, setPending] = useState<Pending | null>(null);

  useEffect(() => {
    if (pending && !ref.current?.open) ref.current?.showModal();
  }, [pending]);

  const above = limit?.above ?? null;
  const limitCurrency = limit?.currency ?? "";
  const confirmOver = useCallback(
    (values: OverLimit[], verb: Verb) => {
      const items = values.filter((v) => aboveLimit(v.amount, above));
      if (above === null || items.length === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => setPending({ items, limit: above, limitCurrency, verb, resolve }));
    },
    [above, limitCurrency],
  );

  const answer = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
    ref.current?.close();
  };

  const money = (amount: string, currency: string) => formatMoney(locale, { amount, currency });
  let dialog = null;
  if (pending) {
    const [first] = pending.items;
    const title =
      pending.items.length > 1
        ? t("linesTitle", { count: pending.items.length, limit: money(pending.limit, pending.limitCurrency), verb: pending.verb })
        : first.n !== undefined
          ? t("lineTitle", { amount: money(first.amount, first.currency), verb: pending.verb })
          : t("amountTitle", { label: first.label ?? "", amount: money(first.amount, first.currency), verb: pending.verb });
    dialog = (
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-0 text-left text-zinc-900 shadow-2xl"
        onCancel={(e) => {
          e.preventDefault();
          answer(false);
        }}
      >
        <div className="flex gap-4 p-5 sm:p-6">
          <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-amber-50 text-amber-600">
            <AlertCircleIcon className="size-5" />
          </div>
          <div className="min-w-0 space-y-2">
            <h2 id={titleId} className="text-base font-semibold break-words">
              {title}
            </h2>
            {pending.items.length > 1 ? (
              <ul className="list-inside list-disc text-sm text-zinc-700">
                {pending.items.map((i) => (
                  <li key={`${i.n ?? i.label}`} className="break-words">
                    {i.n !== undefined ? t("lineItem", { n: i.n, amount: money(i.amount, i.currency) }) : `${i.label}: ${money(i.amount, i.currency)}`}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="text-sm text-zinc-600">{t("explain", { limit: money(pending.limit, pending.limitCurrency) })}</p>
          </div>
        </div>
        <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
          <Button variant="secondary" onClick={() => answer(false)} autoFocus>
            {t("back")}
          </Button>
          <Button onClick={() => answer(true)}>{t("confirm", { verb: pending.verb })}</Button>
        </div>
      </dialog>
    );
  }
  return { confirmOver, dialog };
}
