"use client";
// One form for creating and editing a product: react-hook-form validated by the same zod fields
// the server uses (productFormSchema / productEditFormSchema in lib/catalog/schemas.ts); server
// issues land next to their field, anything else in the banner at the top. A price above the
// company's entry limit is confirmed before saving (./entry-confirm.tsx); leaving a half-filled form
// warns (./use-unsaved-changes.ts).
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldArray, useForm, type Resolver } from "react-hook-form";
import type { ActionResult } from "@/lib/action";
import {
  productEditFormSchema,
  productFormSchema,
  TRACKING,
  type ProductFormOutput,
  type ProductFormValues,
} from "@/lib/catalog/schemas";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Field, fieldIds, Input, Select } from "../ui/field";
import { PlusIcon, TrashIcon } from "../ui/icons";
import { FormActions, FormSection } from "./form-shell";
import { toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useErrorText } from "./use-error-text";
import { useEntryConfirm } from "./entry-confirm";
import { useUnsavedChanges } from "./use-unsaved-changes";
import { MoneyInput } from "../ui/money-input";
import { amountSchema } from "@/lib/money";
import type { EntryLimit } from "@/lib/settings/schemas";

export type CategoryOption = { id: string; name: string; depth: number };

const FIELDS = ["sku", "name", "barcode", "category", "unit", "minStock", "safetyStock", "price", "price.amount", "price.currency", "tracking"] as const;

// Empty number inputs mean "not given"; anything else goes to the schema's z.number() as a number.
const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

export function ProductForm({
  mode,
  defaultValues,
  categories,
  action,
  cancelHref,
  entryLimit,
}: {
  mode: "create" | "edit";
  defaultValues: ProductFormValues;
  categories: CategoryOption[];
  action: (values: unknown) => Promise<ActionResult<{ sku: string }>>;
  cancelHref: string;
  /** A price above this is confirmed before saving. */
  entryLimit?: EntryLimit;
}) {
  const t = useTranslations("products");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);

  // Editing never changes the SKU (it is the product's identity), so the edit schema has none;
  // both schemas produce the same shape otherwise.
  const resolver = (mode === "create" ? zodResolver(productFormSchema) : zodResolver(productEditFormSchema)) as Resolver<ProductFormValues, unknown, ProductFormOutput>;
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProductFormValues, unknown, ProductFormOutput>({ resolver, defaultValues });
  const spec = useFieldArray({ control, name: "spec" });
  const { confirmOver, dialog: confirmDialog } = useEntryConfirm(entryLimit);
  useUnsavedChanges(isDirty && !navigating);

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const price = values.price?.amount;
    if (price && amountSchema.safeParse(price).success) {
      if (!(await confirmOver([{ label: t("priceAmount"), amount: price, currency: values.price?.currency ?? "" }], "save"))) return;
    }
    const { sku, ...rest } = values;
    const r = await action(mode === "create" ? values : rest);
    if (r.ok) {
      toastResult(r, mode === "create" ? t("toast.created") : t("toast.updated"));
      setNavigating(true);
      router.push(`/products/${encodeURIComponent(r.data.sku ?? sku)}?saved=${mode === "create" ? "created" : "updated"}`);
      return;
    }
    const banner = applyServerErrors(r.error, setError, FIELDS);
    setBanner(banner);
    toastResult(r, null, banner);
  });

  const err = (m: string | undefined) => errorText(m);
  const e = {
    sku: err(errors.sku?.message),
    name: err(errors.name?.message),
    barcode: err(errors.barcode?.message),
    category: err(errors.category?.message),
    unit: err(errors.unit?.message),
    tracking: err(errors.tracking?.message),
    minStock: err(errors.minStock?.message),
    safetyStock: err(errors.safetyStock?.message),
    amount: err(errors.price?.amount?.message ?? errors.price?.message),
    currency: err(errors.price?.currency?.message),
  };
  const busy = isSubmitting || navigating;
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : hasErrors && !isSubmitting ? (
        <p className="sr-only" role="alert">
          {t("fixErrors")}
        </p>
      ) : null}

      <FormSection title={t("sectionBasics")} description={t("sectionBasicsHint")}>
        {mode === "create" ? (
          <Field id="sku" label={t("sku")} error={e.sku} hint={t("skuHint")}>
            <Input {...fieldIds("sku", { error: e.sku, hint: true }).control} autoCapitalize="characters" autoComplete="off" spellCheck={false} {...register("sku")} />
          </Field>
        ) : null}
        <Field id="name" label={t("name")} error={e.name} className={mode === "create" ? undefined : "sm:col-span-2"}>
          <Input {...fieldIds("name", { error: e.name }).control} autoComplete="off" {...register("name")} />
        </Field>
        <Field id="barcode" label={t("barcode")} error={e.barcode} hint={t("barcodeHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("barcode", { error: e.barcode, hint: true }).control} autoComplete="off" spellCheck={false} inputMode="text" {...register("barcode")} />
        </Field>
        <Field id="category" label={t("category")} error={e.category} optional optionalLabel={tc("optional")}>
          <Select {...fieldIds("category", { error: e.category }).control} {...register("category")}>
            <option value="">{t("noCategory")}</option>
            {/* The path, not an indented name: a closed select shows the chosen option's text as it is. */}
            {categoryPaths(categories).map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="unit" label={t("unit")} error={e.unit} hint={t("unitHint")}>
          <Input {...fieldIds("unit", { error: e.unit, hint: true }).control} autoComplete="off" {...register("unit")} />
        </Field>
        <Field id="tracking" label={t("tracking")} error={e.tracking} hint={t("trackingHint")}>
          <Select {...fieldIds("tracking", { error: e.tracking, hint: true }).control} {...register("tracking")}>
            {TRACKING.map((k) => (
              <option key={k} value={k}>
                {t(`trackingKinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
      </FormSection>

      <FormSection title={t("sectionStock")} description={t("sectionStockHint")}>
        <Field id="minStock" label={t("minStock")} error={e.minStock} hint={t("minStockHint")}>
          <Input {...fieldIds("minStock", { error: e.minStock, hint: true }).control} type="number" inputMode="numeric" min={0} step={1} {...register("minStock", { setValueAs: asNumber })} />
        </Field>
        <Field id="safetyStock" label={t("safetyStock")} error={e.safetyStock} hint={t("safetyStockHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("safetyStock", { error: e.safetyStock, hint: true }).control} type="number" inputMode="numeric" min={0} step={1} {...register("safetyStock", { setValueAs: asNumber })} />
        </Field>
      </FormSection>

      <FormSection title={t("sectionPrice")} description={t("sectionPriceHint")}>
        <Field id="price.amount" label={t("priceAmount")} error={e.amount} optional optionalLabel={tc("optional")}>
          <MoneyInput {...fieldIds("price.amount", { error: e.amount }).control} {...register("price.amount")} />
        </Field>
        <Field id="price.currency" label={t("priceCurrency")} error={e.currency} hint={t("currencyHint")}>
          <Input
            {...fieldIds("price.currency", { error: e.currency, hint: true }).control}
            maxLength={3}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            className="uppercase"
            {...register("price.currency")}
          />
        </Field>
      </FormSection>

      <FormSection title={t("sectionSpec")} description={t("sectionSpecHint")}>
        <div className="space-y-3 sm:col-span-2">
          {spec.fields.length === 0 ? <p className="text-sm text-zinc-500">{t("noSpec")}</p> : null}
          {spec.fields.map((row, i) => {
            const keyError = err(errors.spec?.[i]?.key?.message);
            const valueError = err(errors.spec?.[i]?.value?.message);
            return (
              <fieldset key={row.id} className="grid min-w-0 grid-cols-[minmax(0,1fr)_auto] gap-2 rounded-lg border border-zinc-200 p-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:border-0 sm:p-0">
                <legend className="sr-only">{t("specRow", { n: i + 1 })}</legend>
                <Field id={`spec.${i}.key`} label={t("specKey")} error={keyError} className="col-span-1">
                  <Input {...fieldIds(`spec.${i}.key`, { error: keyError }).control} placeholder={t("specKeyPlaceholder")} autoComplete="off" {...register(`spec.${i}.key`)} />
                </Field>
                <Field id={`spec.${i}.value`} label={t("specValue")} error={valueError} className="order-3 col-span-2 sm:order-none sm:col-span-1">
                  <Input {...fieldIds(`spec.${i}.value`, { error: valueError }).control} placeholder={t("specValuePlaceholder")} autoComplete="off" {...register(`spec.${i}.value`)} />
                </Field>
                <input type="hidden" {...register(`spec.${i}.type`)} />
                <div className="flex items-end">
                  <Button variant="ghost" size="icon" onClick={() => spec.remove(i)} className="text-zinc-400 hover:text-red-600">
                    <TrashIcon className="size-4" />
                    <span className="sr-only">{t("removeSpec", { n: i + 1 })}</span>
                  </Button>
                </div>
              </fieldset>
            );
          })}
          {err(errors.spec?.message ?? errors.spec?.root?.message) ? <p className="text-sm text-red-700">{err(errors.spec?.message ?? errors.spec?.root?.message)}</p> : null}
          <Button variant="secondary" size="sm" onClick={() => spec.append({ key: "", value: "", type: "string" }, { shouldFocus: true })}>
            <PlusIcon className="size-4" />
            {t("addSpec")}
          </Button>
        </div>
      </FormSection>

      <FormActions>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? tc("saving") : mode === "create" ? t("create") : tc("saveChanges")}
        </Button>
      </FormActions>
      {confirmDialog}
    </form>
  );
}

/** Depth-first category options with their path ("Tools › Power tools › Drills"). */
function categoryPaths(categories: CategoryOption[]): { id: string; path: string }[] {
  const trail: string[] = [];
  return categories.map((c) => {
    trail.length = c.depth;
    trail.push(c.name);
    return { id: c.id, path: trail.join(" › ") };
  });
}
