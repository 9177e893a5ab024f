"use client";
// The frame of an order draft form (purchase orders, customer orders): the party's section (the
// form's `children`: supplier or customer, currency, dates, notes), the lines (./order-lines.tsx),
// the banner for what the server refused that no field can show, and Cancel / Save. Submitting sends
// the values to `action`; on success the order's page opens (?saved=created|updated), otherwise the
// server's issues land next to their fields. A line worth more than the company's entry limit is
// confirmed before saving (./entry-confirm.tsx); leaving a half-filled form warns
// (./use-unsaved-changes.ts). Texts come from the form's namespace (`saveFailed`,
// `fixErrors`, `cancel`, `saving`, `create`, `save` and the lines' keys).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, fieldIds, Input, Select } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { FormActions } from "./form-shell";
import type { OrderLineValues } from "./order-line-values";
import { lineFieldPaths, OrderLines } from "./order-lines";
import { applyServerErrors } from "./server-errors";
import { useEntryConfirm } from "./entry-confirm";
import { useUnsavedChanges } from "./use-unsaved-changes";
import { amountSchema, lineAmount } from "@/lib/money";
import type { EntryLimit } from "@/lib/settings/schemas";

export function OrderDraftForm<T extends FieldValues, O>({
  form,
  mode,
  namespace,
  fields,
  action,
  orderHref,
  cancelHref,
  currency,
  max,
  productNames,
  search,
  errorText,
  entryLimit,
  children,
}: {
  form: UseFormReturn<T, unknown, O>;
  mode: "create" | "edit";
  namespace: string;
  /** The party section's field names, where the server's issues may land. */
  fields: string[];
  action: (values: unknown) => Promise<ActionResult<{ number: string }>>;
  orderHref: (number: string) => string;
  cancelHref: string;
  currency: string;
  max: number;
  /** Names of the products already on the order, by SKU. */
  productNames?: Record<string, string>;
  search: (text: string) => Promise<ActionResult<{ sku: string; name: string }[]>>;
  errorText: (message: string | undefined) => string | undefined;
  /** Lines worth more than this are confirmed before saving. */
  entryLimit?: EntryLimit;
  children: ReactNode;
}) {
  const t = useTranslations(namespace);
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const {
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = form;
  const { confirmOver, dialog: confirmDialog } = useEntryConfirm(entryLimit);
  useUnsavedChanges(isDirty && !navigating);

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    // Each line's amount (quantity × unit price, in the order's currency) against the limit.
    const worth = (values as unknown as { lines: OrderLineValues[] }).lines.flatMap((l, i) =>
      typeof l.quantity === "number" && l.quantity > 0 && amountSchema.safeParse(l.unitPrice).success ? [{ n: i + 1, amount: lineAmount(l.quantity, l.unitPrice, currency), currency }] : [],
    );
    if (!(await confirmOver(worth, "save"))) return;
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
    const lines = (values as unknown as { lines: OrderLineValues[] }).lines;
    const message = applyServerErrors(r.error, setError, [...fields, ...lineFieldPaths(lines)]);
    setBanner(message);
    toastResult(r, null, message);
  });

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

      {children}

      <OrderLines form={form} namespace={namespace} currency={currency} max={max} productNames={productNames} search={search} errorText={errorText} />

      <FormActions>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          {t("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("saving") : mode === "create" ? t("create") : t("save")}
        </Button>
      </FormActions>
      {confirmDialog}
    </form>
  );
}

type PartyOption = { code: string; name: string; currency: string };

/**
 * The order's party (a supplier or customer: a select of "CODE — Name (CUR)") and its currency,
 * which follows the chosen party unless changed; `onPick` may fill more from the party.
 */
export function PartyFields<T extends FieldValues, O, P extends PartyOption>({
  form,
  name,
  label,
  choose,
  none,
  options,
  error,
  currencyLabel,
  currencyHint,
  currencyError,
  onPick,
}: {
  form: UseFormReturn<T, unknown, O>;
  name: "supplier" | "customer";
  label: string;
  /** The empty option ("Choose a supplier…"). */
  choose: string;
  /** Said under the select when there is nothing to choose. */
  none: string;
  options: P[];
  error?: string;
  currencyLabel: string;
  currencyHint: string;
  currencyError?: string;
  onPick?: (option: P) => void;
}) {
  const { register, setValue } = form as unknown as UseFormReturn<Record<string, string>>;
  return (
    <>
      <Field id={name} label={label} error={error} hint={options.length === 0 ? none : undefined} className="sm:col-span-2">
        <Select
          {...fieldIds(name, { error, hint: options.length === 0 }).control}
          {...register(name, {
            onChange: (ev) => {
              const p = options.find((x) => x.code === ev.target.value);
              if (!p) return;
              setValue("currency", p.currency, { shouldDirty: true });
              onPick?.(p);
            },
          })}
        >
          <option value="">{choose}</option>
          {options.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code} — {p.name} ({p.currency})
            </option>
          ))}
        </Select>
      </Field>
      <Field id="currency" label={currencyLabel} error={currencyError} hint={currencyHint}>
        <Input
          {...fieldIds("currency", { error: currencyError, hint: true }).control}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={3}
          className="font-mono uppercase"
          {...register("currency")}
        />
      </Field>
    </>
  );
}

const CURRENCY = /^[A-Za-z]{3}$/;

/** The currency the live amounts are in: the one typed when it is a code, else the party's, else the base. */
export function liveCurrency(typed: string | undefined, party: PartyOption | undefined, base: string): string {
  return CURRENCY.test(typed ?? "") ? typed!.toUpperCase() : (party?.currency ?? base);
}
