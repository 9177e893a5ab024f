"use client";
// Create or edit a supplier with the shared supplierCreateSchema / supplierUpdateSchema.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { FormActions, FormSection } from "@/components/forms/form-shell";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Checkbox, Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { supplierCreateSchema, supplierUpdateSchema } from "@/lib/purchasing/schemas";
import { CurrencyInput } from "./currency-input";
import { useSupplierErrorText } from "./use-supplier-error-text";

type Values = z.input<typeof supplierCreateSchema>;
type Output = z.output<typeof supplierCreateSchema>;
const FIELDS = ["code", "name", "contact", "email", "phone", "currency", "paymentTerms", "leadTimeDays", "active"] as const;
const asDays = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

export function SupplierForm({
  mode,
  defaultValues,
  action,
  cancelHref,
}: {
  mode: "create" | "edit";
  defaultValues: Values;
  action: (values: unknown) => Promise<ActionResult<{ code: string }>>;
  cancelHref: string;
}) {
  const t = useTranslations("suppliers");
  const tc = useTranslations("common");
  const errorText = useSupplierErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  // The edit schema is the create schema without the code (a supplier's code never changes).
  const resolver = (mode === "create" ? zodResolver(supplierCreateSchema) : zodResolver(supplierUpdateSchema)) as Resolver<Values, unknown, Output>;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver, defaultValues });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const { code, ...rest } = values;
    const r = await action(mode === "create" ? values : rest);
    if (r.ok) {
      toastResult(r, t("toast.saved"));
      setNavigating(true);
      router.push(`/purchasing/suppliers/${encodeURIComponent(r.data.code ?? code)}`);
      return;
    }
    const text = applyServerErrors(r.error, setError, FIELDS);
    setBanner(text);
    toastResult(r, null, text);
  });

  const e = {
    code: errorText(errors.code?.message),
    name: errorText(errors.name?.message),
    contact: errorText(errors.contact?.message),
    email: errorText(errors.email?.message),
    phone: errorText(errors.phone?.message),
    currency: errorText(errors.currency?.message),
    paymentTerms: errorText(errors.paymentTerms?.message),
    leadTimeDays: errorText(errors.leadTimeDays?.message),
  };
  const busy = isSubmitting || navigating;
  const optional = { optional: true, optionalLabel: tc("optional") };

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("form.saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : null}
      <FormSection title={t("form.sectionCompany")} description={t("form.sectionCompanyHint")}>
        {mode === "create" ? (
          <Field id="code" label={t("code")} error={e.code} hint={t("form.codeHint")}>
            <Input {...fieldIds("code", { error: e.code, hint: true }).control} autoCapitalize="characters" autoComplete="off" spellCheck={false} className="uppercase" {...register("code")} />
          </Field>
        ) : null}
        <Field id="name" label={t("name")} error={e.name}>
          <Input {...fieldIds("name", { error: e.name }).control} autoComplete="organization" {...register("name")} />
        </Field>
        <Field id="contact" label={t("contact")} error={e.contact} hint={t("form.contactHint")} {...optional}>
          <Input {...fieldIds("contact", { error: e.contact, hint: true }).control} autoComplete="off" {...register("contact")} />
        </Field>
        <Field id="email" label={t("email")} error={e.email} hint={t("form.emailHint")} {...optional}>
          <Input {...fieldIds("email", { error: e.email, hint: true }).control} type="email" inputMode="email" autoComplete="off" spellCheck={false} {...register("email")} />
        </Field>
        <Field id="phone" label={t("phone")} error={e.phone} {...optional}>
          <Input {...fieldIds("phone", { error: e.phone }).control} type="tel" inputMode="tel" autoComplete="off" {...register("phone")} />
        </Field>
      </FormSection>
      <FormSection title={t("form.sectionTerms")} description={t("form.sectionTermsHint")}>
        <Field id="currency" label={t("currency")} error={e.currency} hint={t("form.currencyHint")}>
          <CurrencyInput {...fieldIds("currency", { error: e.currency, hint: true }).control} {...register("currency")} />
        </Field>
        <Field id="leadTimeDays" label={t("leadTimeDays")} error={e.leadTimeDays} hint={t("form.leadTimeHint")}>
          <Input
            {...fieldIds("leadTimeDays", { error: e.leadTimeDays, hint: true }).control}
            type="number"
            inputMode="numeric"
            min={0}
            max={3650}
            step={1}
            {...register("leadTimeDays", { setValueAs: asDays })}
          />
        </Field>
        <Field id="paymentTerms" label={t("paymentTerms")} error={e.paymentTerms} hint={t("form.paymentTermsHint")} className="sm:col-span-2" {...optional}>
          <Input {...fieldIds("paymentTerms", { error: e.paymentTerms, hint: true }).control} autoComplete="off" {...register("paymentTerms")} />
        </Field>
        <label className="flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1 text-sm font-medium text-zinc-800 sm:col-span-2">
          <Checkbox {...register("active")} />
          {t("active")}
          <span className="font-normal text-zinc-500">{t("form.activeHint")}</span>
        </label>
      </FormSection>
      <FormActions>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? tc("saving") : mode === "create" ? t("form.create") : tc("saveChanges")}
        </Button>
      </FormActions>
    </form>
  );
}
