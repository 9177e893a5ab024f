"use client";
// The purchase order draft form (create and edit): supplier, currency (the supplier's unless
// changed), expected date, notes, and the lines as a react-hook-form field array with a product
// autocomplete. Line amounts and the total are computed as the server will (lib/money: exact
// decimals, half-even to the currency's minor unit) while typing. Validated by the domain's own
// purchaseOrderCreateSchema; the server's issues land next to their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldError, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { formatMoney } from "@/components/format";
import { FormActions, FormSection } from "@/components/forms/form-shell";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses, Field, fieldIds, Input, Select } from "@/components/ui/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { amountSchema, lineAmount, sumAmounts } from "@/lib/money";
import { MAX_ORDER_LINES, purchaseOrderCreateSchema } from "@/lib/purchasing/schemas";
import { orderHref } from "./order-number";
import { emptyOrderLine, type OrderFormValues, type SupplierOption } from "./order-values";
import { usePurchaseErrorText } from "./use-purchase-error-text";

type Output = z.output<typeof purchaseOrderCreateSchema>;

const LINE_FIELDS = ["sku", "quantity", "unitPrice"] as const;
const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));
const resolver = zodResolver(purchaseOrderCreateSchema) as unknown as Resolver<OrderFormValues, unknown, Output>;
const CURRENCY = /^[A-Za-z]{3}$/;

export function OrderForm({
  mode,
  number,
  suppliers,
  baseCurrency,
  defaultValues,
  productNames,
  action,
  search,
}: {
  mode: "create" | "edit";
  number?: string;
  suppliers: SupplierOption[];
  baseCurrency: string;
  defaultValues: OrderFormValues;
  /** Names of the products already on the order, by SKU. */
  productNames?: Record<string, string>;
  action: (values: unknown) => Promise<ActionResult<{ number: string }>>;
  search: (text: string) => Promise<ActionResult<{ sku: string; name: string }[]>>;
}) {
  const t = useTranslations("purchasing.form");
  const tc = useTranslations("common");
  const locale = useLocale();
  const errorText = usePurchaseErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [options, setOptions] = useState<{ sku: string; name: string }[]>([]);
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(productNames ?? {}).map(([k, v]) => [k.toUpperCase(), v])));
  const [query, setQuery] = useState("");

  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<OrderFormValues, unknown, Output>({ resolver, defaultValues });
  const lines = useFieldArray({ control, name: "lines" });
  const watchedLines = useWatch({ control, name: "lines" });
  const watchedCurrency = useWatch({ control, name: "currency" });
  const supplierCode = useWatch({ control, name: "supplier" });
  const supplier = suppliers.find((s) => s.code === supplierCode);
  const currency = CURRENCY.test(watchedCurrency ?? "") ? watchedCurrency.toUpperCase() : (supplier?.currency ?? baseCurrency);

  // Product autocomplete: the datalist follows what is typed in any product field, debounced.
  useEffect(() => {
    if (query.trim().length < 2) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const r = await search(query).catch(() => null);
      if (stale || !r?.ok) return;
      setOptions(r.data);
      setNames((n) => ({ ...n, ...Object.fromEntries(r.data.map((o) => [o.sku.toUpperCase(), o.name])) }));
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, search]);

  // Live amounts: only lines whose quantity and price are valid count; the rest show "—".
  const amounts = (watchedLines ?? []).map((l) => {
    const q = l?.quantity;
    const price = (l?.unitPrice ?? "").trim();
    if (typeof q !== "number" || !Number.isInteger(q) || q < 1 || !amountSchema.safeParse(price).success) return null;
    return lineAmount(q, price, currency);
  });
  const total = sumAmounts(amounts.filter((a): a is string => a !== null), currency);
  const money = (amount: string) => formatMoney(locale, { amount, currency });

  const addLine = () => {
    if (lines.fields.length < MAX_ORDER_LINES) lines.append(emptyOrderLine(), { shouldFocus: true });
  };
  const removeLine = (i: number) => {
    if (lines.fields.length <= 1) return;
    lines.remove(i);
    const next = Math.min(i, lines.fields.length - 2);
    requestAnimationFrame(() => setFocus(`lines.${next}.sku`));
  };

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    let r: ActionResult<{ number: string }>;
    try {
      r = await action(values);
    } catch {
      r = { ok: false, error: { code: "INTERNAL", message: t("saveFailed") } };
    }
    if (r.ok) {
      toastResult(r, null);
      setNavigating(true);
      router.push(`${orderHref(r.data.number)}?saved=${mode === "create" ? "created" : "updated"}`);
      return;
    }
    const fields = ["supplier", "currency", "expectedDate", "notes", "lines", ...values.lines.flatMap((_, i) => LINE_FIELDS.map((f) => `lines.${i}.${f}`))];
    const message = applyServerErrors(r.error, setError, fields);
    setBanner(message);
    toastResult(r, null, message);
  });

  const busy = isSubmitting || navigating;
  const hasErrors = Object.keys(errors).length > 0;
  const e = {
    supplier: errorText(errors.supplier?.message),
    currency: errorText(errors.currency?.message),
    expectedDate: errorText(errors.expectedDate?.message),
    notes: errorText(errors.notes?.message),
    lines: errorText(errors.lines?.message ?? errors.lines?.root?.message),
  };
  const lineError = (i: number, f: (typeof LINE_FIELDS)[number]) => {
    const err = (errors.lines?.[i] as Record<string, FieldError | undefined> | undefined)?.[f];
    if (!err) return undefined;
    if (f === "quantity" && err.type === "invalid_type") return t("quantityRequired");
    return errorText(err.message);
  };
  const cols = "md:grid-cols-[minmax(0,2fr)_7rem_9rem_9rem_auto]";
  const cancelHref = mode === "edit" && number ? orderHref(number) : "/purchasing/orders";

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

      <FormSection title={t("sectionSupplier")} description={t("sectionSupplierHint")}>
        <Field id="supplier" label={t("supplier")} error={e.supplier} hint={suppliers.length === 0 ? t("noSuppliers") : undefined} className="sm:col-span-2">
          <Select
            {...fieldIds("supplier", { error: e.supplier, hint: suppliers.length === 0 }).control}
            {...register("supplier", {
              onChange: (ev) => {
                const s = suppliers.find((x) => x.code === ev.target.value);
                if (s) setValue("currency", s.currency, { shouldDirty: true });
              },
            })}
          >
            <option value="">{t("chooseSupplier")}</option>
            {suppliers.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} — {s.name} ({s.currency})
              </option>
            ))}
          </Select>
        </Field>
        <Field id="currency" label={t("currency")} error={e.currency} hint={t("currencyHint", { base: baseCurrency })}>
          <Input
            {...fieldIds("currency", { error: e.currency, hint: true }).control}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={3}
            className="font-mono uppercase"
            {...register("currency")}
          />
        </Field>
        <Field id="expectedDate" label={t("expectedDate")} error={e.expectedDate} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("expectedDate", { error: e.expectedDate }).control} type="date" {...register("expectedDate")} />
        </Field>
        <Field id="notes" label={t("notes")} error={e.notes} optional optionalLabel={tc("optional")} className="sm:col-span-2">
          <textarea {...fieldIds("notes", { error: e.notes }).control} rows={2} className={cn(controlClasses, "min-h-16 py-2")} {...register("notes")} />
        </Field>
      </FormSection>

      <section aria-labelledby="lines-heading" className="px-4 py-6 sm:px-6">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="lines-heading" className="text-sm font-semibold text-zinc-900">
            {t("lines")} <span className="font-normal text-zinc-500 tabular">({lines.fields.length})</span>
          </h2>
          <p className="text-sm text-zinc-500">{t("linesHint")}</p>
        </div>
        <datalist id="po-product-options">
          {options.map((o) => (
            <option key={o.sku} value={o.sku}>
              {o.name}
            </option>
          ))}
        </datalist>
        <div aria-hidden className={cn("mb-1.5 hidden gap-3 px-0.5 text-xs font-medium tracking-wide text-zinc-500 uppercase md:grid", cols)}>
          <span className="pl-8">{t("product")}</span>
          <span>{t("quantity")}</span>
          <span>{t("unitPrice")}</span>
          <span className="text-right">{t("amount")}</span>
          <span className="w-10" />
        </div>
        <ol className="space-y-3 md:space-y-2">
          {lines.fields.map((row, i) => {
            const id = (f: string) => `lines.${i}.${f}`;
            const err = { sku: lineError(i, "sku"), quantity: lineError(i, "quantity"), unitPrice: lineError(i, "unitPrice") };
            const sku = (watchedLines?.[i]?.sku ?? "").trim().toUpperCase();
            const name = sku ? names[sku] : undefined;
            const amount = amounts[i];
            return (
              <li key={row.id}>
                <fieldset className={cn("grid min-w-0 grid-cols-2 gap-3 rounded-lg border border-zinc-200 p-3 md:items-start md:border-0 md:p-0", cols)}>
                  <legend className="float-left mb-1 w-full text-sm font-semibold text-zinc-900 md:sr-only">{t("lineN", { n: i + 1 })}</legend>
                  <div className="col-span-2 flex min-w-0 gap-2 md:col-span-1">
                    <span aria-hidden className="hidden h-10 w-6 shrink-0 items-center justify-end text-xs text-zinc-400 tabular md:flex">
                      {i + 1}
                    </span>
                    <div className="min-w-0 flex-1">
                      <Field id={id("sku")} label={<span className="md:sr-only">{t("product")}</span>} error={err.sku} hint={name}>
                        <Input
                          {...fieldIds(id("sku"), { error: err.sku, hint: name }).control}
                          list="po-product-options"
                          autoComplete="off"
                          spellCheck={false}
                          placeholder={t("productPlaceholder")}
                          className="font-mono"
                          {...register(`lines.${i}.sku`, { onChange: (ev) => setQuery(ev.target.value) })}
                        />
                      </Field>
                    </div>
                  </div>
                  <Field id={id("quantity")} label={<span className="md:sr-only">{t("quantity")}</span>} error={err.quantity}>
                    <Input
                      {...fieldIds(id("quantity"), { error: err.quantity }).control}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      step={1}
                      className="text-right tabular"
                      {...register(`lines.${i}.quantity`, { setValueAs: asNumber })}
                    />
                  </Field>
                  <Field id={id("unitPrice")} label={<span className="md:sr-only">{t("unitPrice")}</span>} error={err.unitPrice}>
                    <Input
                      {...fieldIds(id("unitPrice"), { error: err.unitPrice }).control}
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder="0.00"
                      className="text-right tabular"
                      {...register(`lines.${i}.unitPrice`)}
                    />
                  </Field>
                  <div className="flex min-h-11 flex-col justify-center md:h-10 md:min-h-0 md:items-end">
                    <span className="text-xs font-medium text-zinc-500 md:sr-only">{t("amount")}</span>
                    <output htmlFor={`${id("quantity")} ${id("unitPrice")}`} aria-label={t("amount")} className="font-medium text-zinc-900 tabular">
                      {amount !== null && amount !== undefined ? money(amount) : "—"}
                    </output>
                  </div>
                  <div className="col-span-2 flex items-end justify-end md:col-span-1 md:items-start">
                    <Button variant="ghost" size="icon" onClick={() => removeLine(i)} disabled={lines.fields.length === 1} className="text-zinc-400 hover:text-red-600">
                      <TrashIcon className="size-4" />
                      <span className="sr-only">{t("removeLine", { n: i + 1 })}</span>
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {e.lines ? <p className="mt-2 text-sm text-red-700">{e.lines}</p> : null}
        <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 pt-4">
          <Button variant="secondary" size="sm" onClick={addLine} disabled={lines.fields.length >= MAX_ORDER_LINES}>
            <PlusIcon className="size-4" />
            {t("addLine")}
          </Button>
          <div role="status" aria-label={t("totalLive")} className="flex items-baseline gap-3">
            <span className="text-sm text-zinc-500">{t("total")}</span>
            <span className="text-lg font-semibold text-zinc-900 tabular">{money(total)}</span>
          </div>
        </div>
      </section>

      <FormActions>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          {t("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("saving") : mode === "create" ? t("create") : t("save")}
        </Button>
      </FormActions>
    </form>
  );
}
