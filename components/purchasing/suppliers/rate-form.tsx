"use client";
// Sets one exchange rate (exchangeRateSchema): currency, date, units of the base currency per unit.
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
import { exchangeRateSchema } from "@/lib/purchasing/schemas";
import { CurrencyInput } from "./currency-input";
import { useSupplierErrorText } from "./use-supplier-error-text";

type Values = z.input<typeof exchangeRateSchema>;
type Output = z.output<typeof exchangeRateSchema>;
const FIELDS = ["currency", "date", "rate"] as const;

export function RateForm({ today, base, action }: { today: string; base: string; action: (values: unknown) => Promise<ActionResult<{ currency: string; date: string; rate: string }>> }) {
  const t = useTranslations("suppliers.rates");
  const tc = useTranslations("common");
  const errorText = useSupplierErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(exchangeRateSchema), defaultValues: { currency: "", date: today, rate: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setSaved(null);
    const r = await action(values);
    if (r.ok) {
      const text = t("savedRate", { currency: r.data.currency, date: r.data.date, rate: r.data.rate, base });
      toastResult(r, text);
      setSaved(text);
      reset({ currency: "", date: getValues("date"), rate: "" });
      router.refresh();
      return;
    }
    const text = applyServerErrors(r.error, setError, FIELDS);
    setBanner(text);
    toastResult(r, null, text);
  });

  const e = { currency: errorText(errors.currency?.message), date: errorText(errors.date?.message), rate: errorText(errors.rate?.message) };

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-labelledby="rate-form-heading">
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field id="rate-currency" label={t("currency")} error={e.currency}>
          <CurrencyInput {...fieldIds("rate-currency", { error: e.currency }).control} {...register("currency")} />
        </Field>
        <Field id="rate-date" label={t("date")} error={e.date}>
          <Input {...fieldIds("rate-date", { error: e.date }).control} type="date" {...register("date")} />
        </Field>
        <Field id="rate-rate" label={t("rate")} error={e.rate} hint={t("rateHint", { base })}>
          <Input {...fieldIds("rate-rate", { error: e.rate, hint: true }).control} inputMode="decimal" autoComplete="off" className="tabular" {...register("rate")} />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className="w-full sm:w-auto">
          {isSubmitting ? tc("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
