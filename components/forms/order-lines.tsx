"use client";
// The lines of an order form (purchase orders and customer orders): a react-hook-form field array of
// product (SKU or barcode, with an autocomplete), quantity and unit price, each line's amount and the
// total computed as the server will (lib/money: exact decimals, half-even to the currency's minor
// unit) while typing. Texts come from the form's namespace (`lines`, `lineN`, `product`, …).
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useFieldArray, useWatch, type FieldError, type FieldValues, type UseFormReturn } from "react-hook-form";
import { formatMoney } from "@/components/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { MoneyInput } from "@/components/ui/money-input";
import type { ActionResult } from "@/lib/action";
import { amountSchema, lineAmount, sumAmounts } from "@/lib/money";
import { emptyOrderLine, type OrderLineValues } from "./order-line-values";

type WithLines = { lines: OrderLineValues[] };

const LINE_FIELDS = ["sku", "quantity", "unitPrice"] as const;
/** The field paths of the lines, for placing the server's issues (applyServerErrors). */
export const lineFieldPaths = (lines: unknown[]) => ["lines", ...lines.flatMap((_, i) => LINE_FIELDS.map((f) => `lines.${i}.${f}`))];

const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

export function OrderLines<T extends FieldValues, O>({
  form,
  namespace,
  currency,
  max,
  productNames,
  search,
  errorText,
}: {
  form: UseFormReturn<T, unknown, O>;
  /** The message namespace of the form, e.g. "purchasing.form". */
  namespace: string;
  currency: string;
  max: number;
  /** Names of the products already on the order, by SKU. */
  productNames?: Record<string, string>;
  search: (text: string) => Promise<ActionResult<{ sku: string; name: string }[]>>;
  errorText: (message: string | undefined) => string | undefined;
}) {
  const t = useTranslations(namespace);
  const locale = useLocale();
  const { register, control, setFocus, formState } = form as unknown as UseFormReturn<WithLines>;
  const errors = formState.errors;
  const listId = useId();
  const [options, setOptions] = useState<{ sku: string; name: string }[]>([]);
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(productNames ?? {}).map(([k, v]) => [k.toUpperCase(), v])));
  const [query, setQuery] = useState("");
  const lines = useFieldArray({ control, name: "lines" });
  const watchedLines = useWatch({ control, name: "lines" });

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
    if (lines.fields.length < max) lines.append(emptyOrderLine(), { shouldFocus: true });
  };
  const removeLine = (i: number) => {
    if (lines.fields.length <= 1) return;
    lines.remove(i);
    const next = Math.min(i, lines.fields.length - 2);
    requestAnimationFrame(() => setFocus(`lines.${next}.sku`));
  };
  const lineError = (i: number, f: (typeof LINE_FIELDS)[number]) => {
    const err = (errors.lines?.[i] as Record<string, FieldError | undefined> | undefined)?.[f];
    if (!err) return undefined;
    if (f === "quantity" && err.type === "invalid_type") return t("quantityRequired");
    return errorText(err.message);
  };
  const linesError = errorText(errors.lines?.message ?? errors.lines?.root?.message);
  const cols = "md:grid-cols-[minmax(0,2fr)_7rem_9rem_9rem_auto]";

  return (
    <section aria-labelledby="lines-heading" className="px-4 py-6 sm:px-6">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lines-heading" className="text-sm font-semibold text-zinc-900">
          {t("lines")} <span className="font-normal text-zinc-500 tabular">({lines.fields.length})</span>
        </h2>
        <p className="text-sm text-zinc-500">{t("linesHint")}</p>
      </div>
      <datalist id={listId}>
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
                        list={listId}
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
                  <MoneyInput {...fieldIds(id("unitPrice"), { error: err.unitPrice }).control} {...register(`lines.${i}.unitPrice`)} />
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
      {linesError ? <p className="mt-2 text-sm text-red-700">{linesError}</p> : null}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 pt-4">
        <Button variant="secondary" size="sm" onClick={addLine} disabled={lines.fields.length >= max}>
          <PlusIcon className="size-4" />
          {t("addLine")}
        </Button>
        <div role="status" aria-label={t("totalLive")} className="flex items-baseline gap-3">
          <span className="text-sm text-zinc-500">{t("total")}</span>
          <span className="text-lg font-semibold text-zinc-900 tabular">{money(total)}</span>
        </div>
      </div>
    </section>
  );
}
