"use client";
// The approval threshold (purchasingSettingsSchema): an amount in the base currency, or empty for a
// single approval step on every order.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { z } from "zod";
import { formatMoney } from "@/components/format";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds } from "@/components/ui/field";
import { MoneyInput } from "@/components/ui/money-input";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { purchasingSettingsSchema } from "@/lib/purchasing/schemas";
import { useSupplierErrorText } from "./use-supplier-error-text";

const settingsSchema = purchasingSettingsSchema;
type Values = { approvalThreshold: string };
type Output = z.output<typeof settingsSchema>;

export function SettingsForm({ base, current, action }: { base: string; current: string | null; action: (values: unknown) => Promise<ActionResult<{ approvalThreshold: string | null }>> }) {
  const t = useTranslations("suppliers.settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const errorText = useSupplierErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [threshold, setThreshold] = useState<string | null>(current);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(settingsSchema) as Resolver<Values, unknown, Output>, defaultValues: { approvalThreshold: current ?? "" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action(values);
    if (r.ok) {
      setThreshold(r.data.approvalThreshold);
      toastResult(r, t("saved"));
      router.refresh();
      return;
    }
    const text = applyServerErrors(r.error, setError, ["approvalThreshold"]);
    setBanner(text);
    toastResult(r, null, text);
  });
  const error = errorText(errors.approvalThreshold?.message);

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-labelledby="approval-heading">
      <p className="text-sm text-zinc-600">{t("explain", { base })}</p>
      <Alert tone="info">{threshold ? t("currentTwoStep", { amount: formatMoney(locale, { amount: threshold, currency: base }) }) : t("currentOneStep")}</Alert>
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field id="approvalThreshold" label={t("thresholdLabel", { base })} error={error} hint={t("thresholdHint")} className="sm:max-w-xs sm:flex-1">
          <MoneyInput {...fieldIds("approvalThreshold", { error, hint: true }).control} currency={base} placeholder="" {...register("approvalThreshold")} />
        </Field>
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className="sm:mt-7">
          {isSubmitting ? tc("saving") : tc("saveChanges")}
        </Button>
      </div>
    </form>
  );
}
