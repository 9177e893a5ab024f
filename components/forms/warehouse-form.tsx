"use client";
// Create or edit a warehouse with the shared warehouseCreateSchema / warehouseUpdateSchema.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import { warehouseCreateSchema, warehouseUpdateSchema } from "@/lib/locations/schemas";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Checkbox, Field, fieldIds, Input } from "../ui/field";
import { FormActions, FormSection } from "./form-shell";
import { toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useErrorText } from "./use-error-text";

type Values = z.input<typeof warehouseCreateSchema>;
type Output = z.output<typeof warehouseCreateSchema>;

export function WarehouseForm({
  mode,
  defaultValues,
  action,
}: {
  mode: "create" | "edit";
  defaultValues: Values;
  action: (values: unknown) => Promise<ActionResult<{ code: string }>>;
}) {
  const t = useTranslations("locations");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const resolver = (mode === "create" ? zodResolver(warehouseCreateSchema) : zodResolver(warehouseUpdateSchema)) as Resolver<Values, unknown, Output>;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver, defaultValues });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action(mode === "create" ? values : { name: values.name, active: values.active });
    if (r.ok) {
      toastResult(r, t("toast.warehouseSaved"));
      setNavigating(true);
      router.push("/locations/warehouses");
      return;
    }
    const banner = applyServerErrors(r.error, setError, ["code", "name", "active"]);
    setBanner(banner);
    toastResult(r, null, banner);
  });

  const codeError = errorText(errors.code?.message);
  const nameError = errorText(errors.name?.message);
  const busy = isSubmitting || navigating;

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : null}
      <FormSection title={t("warehouse")} description={t("warehouseHint")}>
        {mode === "create" ? (
          <Field id="code" label={t("code")} error={codeError} hint={t("warehouseCodeHint")}>
            <Input {...fieldIds("code", { error: codeError, hint: true }).control} autoCapitalize="characters" autoComplete="off" spellCheck={false} className="uppercase" {...register("code")} />
          </Field>
        ) : null}
        <Field id="name" label={t("name")} error={nameError}>
          <Input {...fieldIds("name", { error: nameError }).control} autoComplete="off" {...register("name")} />
        </Field>
        <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-zinc-800 sm:col-span-2">
          <Checkbox {...register("active")} />
          {t("activeLabel")}
          <span className="font-normal text-zinc-500">{t("warehouseActiveHint")}</span>
        </label>
      </FormSection>
      <FormActions>
        <Link href="/locations/warehouses" className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? tc("saving") : mode === "create" ? t("createWarehouse") : tc("saveChanges")}
        </Button>
      </FormActions>
    </form>
  );
}
