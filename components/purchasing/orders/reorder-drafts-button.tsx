"use client";
// The reorder report's "Create draft orders": after a confirmation, one draft purchase order per
// preferred supplier from the report's current filters (createReorderDrafts), then the created
// orders (links) and the products no preferred supplier could take.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import type { ReorderDraftsResult } from "@/lib/purchasing/reorder-drafts";
import { orderHref } from "./order-number";

export function ReorderDraftsButton({
  filters,
  action,
}: {
  filters: Record<string, string>;
  action: (filters: unknown) => Promise<ActionResult<ReorderDraftsResult>>;
}) {
  const t = useTranslations("purchasing.reorder");
  const tc = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ReorderDraftsResult | null>(null);

  const confirm = () => {
    setError(null);
    start(async () => {
      const r = toastResult(await action(filters), null);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      ref.current?.close();
      setResult(r.data);
    });
  };

  return (
    <div className="mb-4 space-y-3 print:hidden">
      <Button variant="primary" onClick={() => ref.current?.showModal()} disabled={pending}>
        <PlusIcon className="size-4" />
        {pending ? t("creating") : t("createDrafts")}
      </Button>
      {result ? (
        <Alert tone={result.orders.length ? "success" : "info"} title={t("resultTitle", { n: result.orders.length })}>
          {result.orders.length ? (
            <ul className="mt-1 space-y-0.5">
              {result.orders.map((o) => (
                <li key={o.number}>
                  <Link href={orderHref(o.number)} className="font-mono font-medium underline">
                    {t("orderLine", { number: o.number, supplier: o.supplier, lines: o.lines })}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {result.withoutSupplier.length ? (
            <div className="mt-2">
              <p>{t("withoutSupplier", { n: result.withoutSupplier.length })}</p>
              <p className="font-mono text-xs">{result.withoutSupplier.map((p) => t("suggestedN", { sku: p.sku, n: p.suggested })).join(", ")}</p>
            </div>
          ) : null}
        </Alert>
      ) : null}
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl"
        onClick={(e) => {
          if (e.target === e.currentTarget && !pending) e.currentTarget.close();
        }}
        onClose={() => setError(null)}
      >
        <div className="space-y-2 p-5 sm:p-6">
          <h2 id={titleId} className="text-base font-semibold">
            {t("confirmTitle")}
          </h2>
          <p className="text-sm text-zinc-600">{t("confirmBody")}</p>
          {error ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col-reverse gap-2 border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:flex-row sm:justify-end sm:px-6">
          <Button variant="secondary" onClick={() => ref.current?.close()} disabled={pending} autoFocus>
            {tc("cancel")}
          </Button>
          <Button onClick={confirm} disabled={pending} aria-busy={pending}>
            {pending ? t("creating") : t("createDrafts")}
          </Button>
        </div>
      </dialog>
    </div>
  );
}
