"use client";
// Create or edit a location with the shared locationCreateSchema / locationUpdateSchema.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import { LOCATION_KINDS, locationCreateSchema, locationUpdateSchema } from "@/lib/locations/schemas";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Checkbox, Field, fieldIds, Input, Select } from "../ui/field";
import { FormActions, FormSection } from "./form-shell";
import { toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useErrorText } from "./use-error-text";

type Values = z.input<typeof locationCreateSchema>;
type Output = z.output<typeof locationCreateSchema>;
const FIELDS = ["code", "name", "kind", "capacity", "warehouse", "barcode", "active"] as const;
const asCapacity = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));

export function LocationForm({
  mode,
  defaultValues,
  warehouses,
  action,
  cancelHref,
}: {
  mode: "create" | "edit";
  defaultValues: Values;
  warehouses: { code: string; name: string }[];
  action: (values: unknown) => Promise<ActionResult<{ code: string }>>;
  cancelHref: string;
}) {
  const t = useTranslations("locations");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  // The edit schema is the create schema without the code (a location's code never changes).
  const resolver = (mode === "create" ? zodResolver(locationCreateSchema) : zodResolver(locationUpdateSchema)) as Resolver<Values, unknown, Output>;
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
      router.push(`/locations?q=${encodeURIComponent(r.data.code ?? code)}`);
      return;
    }
    const banner = applyServerErrors(r.error, setError, FIELDS);
    setBanner(banner);
    toastResult(r, null, banner);
  });

  const e = {
    code: errorText(errors.code?.message),
    name: errorText(errors.name?.message),
    kind: errorText(errors.kind?.message),
    capacity: errorText(errors.capacity?.message),
    warehouse: errorText(errors.warehouse?.message),
    barcode: errorText(errors.barcode?.message),
  };
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
      <FormSection title={t("sectionPlace")} description={t("sectionPlaceHint")}>
        {mode === "create" ? (
          <Field id="code" label={t("code")} error={e.code} hint={t("codeHint")}>
            <Input {...fieldIds("code", { error: e.code, hint: true }).control} autoCapitalize="characters" autoComplete="off" spellCheck={false} className="uppercase" {...register("code")} />
          </Field>
        ) : null}
        <Field id="name" label={t("name")} error={e.name} hint={t("nameHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("name", { error: e.name, hint: true }).control} autoComplete="off" {...register("name")} />
        </Field>
        <Field id="warehouse" label={t("warehouse")} error={e.warehouse}>
          <Select {...fieldIds("warehouse", { error: e.warehouse }).control} {...register("warehouse")}>
            {warehouses.map((w) => (
              <option key={w.code} value={w.code}>
                {w.code} — {w.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="kind" label={t("kind")} error={e.kind}>
          <Select {...fieldIds("kind", { error: e.kind }).control} {...register("kind")}>
            {LOCATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
      </FormSection>
      <FormSection title={t("sectionDetails")} description={t("sectionDetailsHint")}>
        <Field id="capacity" label={t("capacity")} error={e.capacity} hint={t("capacityHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("capacity", { error: e.capacity, hint: true }).control} type="number" inputMode="numeric" min={1} step={1} {...register("capacity", { setValueAs: asCapacity })} />
        </Field>
        <Field id="barcode" label={t("barcode")} error={e.barcode} hint={t("barcodeHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("barcode", { error: e.barcode, hint: true }).control} autoComplete="off" spellCheck={false} {...register("barcode")} />
        </Field>
        <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-zinc-800 sm:col-span-2">
          <Checkbox {...register("active")} />
          {t("activeLabel")}
          <span className="font-normal text-zinc-500">{t("activeHint")}</span>
        </label>
      </FormSection>
      <FormActions>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? tc("saving") : mode === "create" ? t("create") : tc("saveChanges")}
        </Button>
      </FormActions>
    </form>
  );
}
