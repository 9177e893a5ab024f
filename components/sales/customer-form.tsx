"use client";
// Create or edit a customer with the shared customerCreateSchema / customerUpdateSchema. Created,
// it opens the customer's page; edited, it stays there.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { FormActions, FormSection } from "@/components/forms/form-shell";
import { applyServerErrors } from "@/components/forms/server-errors";
import { CurrencyInput } from "@/components/purchasing/suppliers/currency-input";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses, Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { customerCreateSchema, customerUpdateSchema } from "@/lib/sales/schemas";
import { customerHref } from "./refs";
import { useSalesErrorText } from "./use-sales-error-text";

export type CustomerValues = {
  code: string;
  name: string;
  contact: string;
  email: string;
  phone: string;
  currency: string;
  billingAddress: string;
  shippingAddress: string;
  notes: string;
};
type Output = z.output<typeof customerCreateSchema>;
const FIELDS = ["code", "name", "contact", "email", "phone", "currency", "billingAddress", "shippingAddress", "notes"] as const;

export function CustomerForm({
  mode,
  defaultValues,
  action,
  cancelHref,
}: {
  mode: "create" | "edit";
  defaultValues: CustomerValues;
  action: (values: unknown) => Promise<ActionResult<{ code: string }>>;
  cancelHref: string;
}) {
  const t = useTranslations("sales.customers");
  const tc = useTranslations("common");
  const errorText = useSalesErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  // The edit schema is the create schema without the code (a customer's code never changes).
  const resolver = (mode === "create" ? zodResolver(customerCreateSchema) : zodResolver(customerUpdateSchema)) as unknown as Resolver<CustomerValues, unknown, Output>;
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CustomerValues, unknown, Output>({ resolver, defaultValues });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const { code, ...rest } = values;
    const r = await action(mode === "create" ? values : rest);
    if (r.ok) {
      toastResult(r, t("toast.saved"));
      if (mode === "create") {
        setNavigating(true);
        router.push(customerHref(r.data.code ?? code));
      } else {
        reset(undefined, { keepValues: true });
        router.refresh();
      }
      return;
    }
    const text = applyServerErrors(r.error, setError, FIELDS);
    setBanner(text);
    toastResult(r, null, text);
  });

  const e = Object.fromEntries(FIELDS.map((f) => [f, errorText(errors[f]?.message)])) as Record<(typeof FIELDS)[number], string | undefined>;
  const busy = isSubmitting || navigating;
  const optional = { optional: true, optionalLabel: tc("optional") };
  const area = cn(controlClasses, "min-h-20 py-2");

  return (
    <form noValidate onSubmit={onSubmit} aria-label={mode === "create" ? t("newTitle") : t("form.editLabel")} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("form.saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : null}
      <FormSection title={t("form.sectionCustomer")} description={t("form.sectionCustomerHint")}>
        {mode === "create" ? (
          <Field id="code" label={t("code")} error={e.code} hint={t("form.codeHint")}>
            <Input {...fieldIds("code", { error: e.code, hint: true }).control} autoCapitalize="characters" autoComplete="off" spellCheck={false} className="uppercase" {...register("code")} />
          </Field>
        ) : null}
        <Field id="name" label={t("name")} error={e.name}>
          <Input {...fieldIds("name", { error: e.name }).control} autoComplete="organization" {...register("name")} />
        </Field>
        <Field id="contact" label={t("contact")} error={e.contact} {...optional}>
          <Input {...fieldIds("contact", { error: e.contact }).control} autoComplete="off" {...register("contact")} />
        </Field>
        <Field id="email" label={t("email")} error={e.email} {...optional}>
          <Input {...fieldIds("email", { error: e.email }).control} type="email" inputMode="email" autoComplete="off" spellCheck={false} {...register("email")} />
        </Field>
        <Field id="phone" label={t("phone")} error={e.phone} {...optional}>
          <Input {...fieldIds("phone", { error: e.phone }).control} type="tel" inputMode="tel" autoComplete="off" {...register("phone")} />
        </Field>
        <Field id="currency" label={t("currency")} error={e.currency} hint={t("form.currencyHint")}>
          <CurrencyInput {...fieldIds("currency", { error: e.currency, hint: true }).control} {...register("currency")} />
        </Field>
      </FormSection>
      <FormSection title={t("form.sectionAddresses")} description={t("form.sectionAddressesHint")}>
        <Field id="shippingAddress" label={t("shippingAddress")} error={e.shippingAddress} hint={t("form.shippingHint")} className="sm:col-span-2" {...optional}>
          <textarea {...fieldIds("shippingAddress", { error: e.shippingAddress, hint: true }).control} rows={3} className={area} {...register("shippingAddress")} />
        </Field>
        <Field id="billingAddress" label={t("billingAddress")} error={e.billingAddress} className="sm:col-span-2" {...optional}>
          <textarea {...fieldIds("billingAddress", { error: e.billingAddress }).control} rows={3} className={area} {...register("billingAddress")} />
        </Field>
        <Field id="notes" label={t("notes")} error={e.notes} className="sm:col-span-2" {...optional}>
          <textarea {...fieldIds("notes", { error: e.notes }).control} rows={2} className={area} {...register("notes")} />
        </Field>
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
