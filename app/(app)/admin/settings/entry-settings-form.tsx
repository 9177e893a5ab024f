"use client";
// The entry confirmation limit (entrySettingsSchema): an amount in base currency, or empty for never.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { formatMoney } from "@/components/format";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useErrorText } from "@/components/forms/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds } from "@/components/ui/field";
import { MoneyInput } from "@/components/ui/money-input";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { entrySettingsSchema } from "@/lib/settings/schemas";

type Values = { entryConfirmAbove: string };
type Output = z.output<typeof entrySettingsSchema>;

export function EntrySettingsForm({ base, current, action }: { base: string; current: string | null; action: (values: unknown) => Promise<ActionResult<{ entryConfirmAbove: string | null }>> }) {
  const t = useTranslations("admin.settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [limit, setLimit] = useState<string | null>(current);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(entrySettingsSchema) as Resolver<Values, unknown, Output>, defaultValues: { entryConfirmAbove: current ?? "" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action(values);
    if (r.ok) {
      setLimit(r.data.entryConfirmAbove);
      toastResult(r, t("saved"));
      router.refresh();
      return;
    }
    const text = applyServerErrors(r.error, setError, ["entryConfirmAbove"]);
    setBanner(text);
    toastResult(r, null, text);
  });
  const error = errorText(errors.entryConfirmAbove?.message);

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-labelledby="entry-heading">
      <p className="text-sm text-zinc-600">{t("entryExplain")}</p>
      <Alert tone="info">{limit ? t("currentLimit", { amount: formatMoney(locale, { amount: limit, currency: base }) }) : t("currentNever")}</Alert>
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field id="entryConfirmAbove" label={t("entryLabel", { base })} error={error} hint={t("entryHint")} className="sm:max-w-xs sm:flex-1">
          <MoneyInput {...fieldIds("entryConfirmAbove", { error, hint: true }).control} currency={base} placeholder="" {...register("entryConfirmAbove")} />
        </Field>
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className="sm:mt-7">
          {isSubmitting ? tc("saving") : tc("saveChanges")}
        </Button>
      </div>
    </form>
  );
}
