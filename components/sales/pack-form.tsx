"use client";
// Pack a picked order: how many packages (required) and their total weight in kg; the order becomes
// packed, ready to ship. Validated by the domain's salesTransitionSchema (action "pack").
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import { salesTransitionSchema } from "@/lib/sales/schemas";
import type { SalesTransitionFn } from "./order-actions";
import { useSalesErrorText } from "./use-sales-error-text";

type Values = { action: "pack"; packages?: number; weightKg: string };
type Output = z.output<typeof salesTransitionSchema>;
const resolver = zodResolver(salesTransitionSchema) as unknown as Resolver<Values, unknown, Output>;
const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

export function PackForm({ number, transition }: { number: string; transition: SalesTransitionFn }) {
  const t = useTranslations("sales.pack");
  const errorText = useSalesErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver, defaultValues: { action: "pack", packages: undefined, weightKg: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await transition(number, values).catch(() => ({ ok: false as const, error: { code: "INTERNAL" as const, message: t("failed") } }));
    if (r.ok) {
      toastResult(r, t("done"));
      router.refresh();
      return;
    }
    const message = applyServerErrors(r.error, setError, ["packages", "weightKg"]);
    setBanner(message);
    toastResult(r, null, message);
  });

  const e = {
    packages: errors.packages?.type === "invalid_type" ? t("packagesRequired") : errorText(errors.packages?.message),
    weightKg: errorText(errors.weightKg?.message),
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-label={t("title")} className="space-y-4">
      {banner ? (
        <Alert tone="error" title={t("failed")}>
          {banner}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="pack-packages" label={t("packages")} error={e.packages}>
          <Input {...fieldIds("pack-packages", { error: e.packages }).control} type="number" inputMode="numeric" min={1} step={1} className="tabular" {...register("packages", { setValueAs: asNumber })} />
        </Field>
        <Field id="pack-weight" label={t("weightKg")} error={e.weightKg} hint={t("weightHint")}>
          <Input {...fieldIds("pack-weight", { error: e.weightKg, hint: true }).control} inputMode="decimal" autoComplete="off" className="tabular" {...register("weightKg")} />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? t("packing") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
