"use client";
// The purchase order draft form (create and edit): supplier, currency (the supplier's unless
// changed), expected date, notes, and the lines (components/forms/order-draft-form.tsx: a field
// array with a product autocomplete, amounts and total computed as the server will). Validated by
// the domain's own purchaseOrderCreateSchema; the server's issues land next to their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { FormSection } from "@/components/forms/form-shell";
import { liveCurrency, OrderDraftForm, PartyFields } from "@/components/forms/order-draft-form";
import { cn } from "@/components/ui/cn";
import { controlClasses, Field, fieldIds, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import type { EntryLimit } from "@/lib/settings/schemas";
import { MAX_ORDER_LINES, purchaseOrderCreateSchema } from "@/lib/purchasing/schemas";
import { orderHref } from "./order-number";
import type { OrderFormValues, SupplierOption } from "./order-values";
import { usePurchaseErrorText } from "./use-purchase-error-text";

type Output = z.output<typeof purchaseOrderCreateSchema>;

const resolver = zodResolver(purchaseOrderCreateSchema) as unknown as Resolver<OrderFormValues, unknown, Output>;

export function OrderForm({
  mode,
  number,
  suppliers,
  baseCurrency,
  defaultValues,
  productNames,
  action,
  search,
  entryLimit,
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
  /** Lines worth more than this are confirmed before saving. */
  entryLimit?: EntryLimit;
}) {
  const t = useTranslations("purchasing.form");
  const tc = useTranslations("common");
  const errorText = usePurchaseErrorText();
  const form = useForm<OrderFormValues, unknown, Output>({ resolver, defaultValues });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const supplierCode = useWatch({ control, name: "supplier" });
  const currency = liveCurrency(useWatch({ control, name: "currency" }), suppliers.find((s) => s.code === supplierCode), baseCurrency);
  const e = {
    supplier: errorText(errors.supplier?.message),
    currency: errorText(errors.currency?.message),
    expectedDate: errorText(errors.expectedDate?.message),
    notes: errorText(errors.notes?.message),
  };

  return (
    <OrderDraftForm
      form={form}
      mode={mode}
      namespace="purchasing.form"
      fields={["supplier", "currency", "expectedDate", "notes"]}
      action={action}
      orderHref={orderHref}
      cancelHref={mode === "edit" && number ? orderHref(number) : "/purchasing/orders"}
      currency={currency}
      max={MAX_ORDER_LINES}
      productNames={productNames}
      search={search}
      errorText={errorText}
      entryLimit={entryLimit}
    >
      <FormSection title={t("sectionSupplier")} description={t("sectionSupplierHint")}>
        <PartyFields
          form={form}
          name="supplier"
          label={t("supplier")}
          choose={t("chooseSupplier")}
          none={t("noSuppliers")}
          options={suppliers}
          error={e.supplier}
          currencyLabel={t("currency")}
          currencyHint={t("currencyHint", { base: baseCurrency })}
          currencyError={e.currency}
        />
        <Field id="expectedDate" label={t("expectedDate")} error={e.expectedDate} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("expectedDate", { error: e.expectedDate }).control} type="date" {...register("expectedDate")} />
        </Field>
        <Field id="notes" label={t("notes")} error={e.notes} optional optionalLabel={tc("optional")} className="sm:col-span-2">
          <textarea {...fieldIds("notes", { error: e.notes }).control} rows={2} className={cn(controlClasses, "min-h-16 py-2")} {...register("notes")} />
        </Field>
      </FormSection>
    </OrderDraftForm>
  );
}
