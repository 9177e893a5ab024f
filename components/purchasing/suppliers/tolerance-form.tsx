"use client";
// Managers' receipt tolerance for one supplier (supplierToleranceSchema): how much over an order
// line's quantity may be received.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { supplierToleranceSchema } from "@/lib/purchasing/schemas";
import { useSupplierErrorText } from "./use-supplier-error-text";

type Values = z.input<typeof supplierToleranceSchema>;
type Output = z.output<typeof supplierToleranceSchema>;

export function ToleranceForm({ current, action }: { current: string; action: (values: unknown) => Promise<ActionResult<{ receiptTolerancePct: string }>> }) {
  const t = useTranslations("suppliers.tolerance");
  const tc = useTranslations("common");
  const errorText = useSupplierErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(supplierToleranceSchema), defaultValues: { receiptTolerancePct: current } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action(values);
    if (r.ok) {
      toastResult(r, t("saved", { pct: r.data.receiptTolerancePct }));
      router.refresh();
      return;
    }
    const text = applyServerErrors(r.error, setError, ["receiptTolerancePct"]);
    setBanner(text);
    toastResult(r, null, text);
  });
  const error = errorText(errors.receiptTolerancePct?.message);

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-3" aria-label={t("title")}>
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field id="receiptTolerancePct" label={t("label")} error={error} hint={t("hint")} className="sm:max-w-xs sm:flex-1">
          <div className="relative">
            <Input {...fieldIds("receiptTolerancePct", { error, hint: true }).control} inputMode="decimal" autoComplete="off" className="pr-8 tabular" {...register("receiptTolerancePct")} />
            <span aria-hidden className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-zinc-500">
              %
            </span>
          </div>
        </Field>
        <Button type="submit" variant="secondary" disabled={isSubmitting} aria-busy={isSubmitting} className="sm:mt-7">
          {isSubmitting ? tc("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
