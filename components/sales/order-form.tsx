"use client";
// The customer order draft form (create and edit): customer, currency (the customer's unless
// changed), requested date, ship-to (the customer's shipping address unless changed), notes and the
// lines — the purchase order form's frame and line editor (components/forms/order-draft-form.tsx).
// Validated by the domain's own salesOrderCreateSchema; the server's issues land next to their fields.
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
import { MAX_SALES_LINES, salesOrderCreateSchema } from "@/lib/sales/schemas";
import type { CustomerOption, SalesOrderFormValues } from "./order-values";
import { salesOrderHref } from "./refs";
import { useSalesErrorText } from "./use-sales-error-text";

type Output = z.output<typeof salesOrderCreateSchema>;

const resolver = zodResolver(salesOrderCreateSchema) as unknown as Resolver<SalesOrderFormValues, unknown, Output>;

export function SalesOrderForm({
  mode,
  number,
  customers,
  baseCurrency,
  defaultValues,
  productNames,
  action,
  search,
  entryLimit,
}: {
  mode: "create" | "edit";
  number?: string;
  customers: CustomerOption[];
  baseCurrency: string;
  defaultValues: SalesOrderFormValues;
  /** Names of the products already on the order, by SKU. */
  productNames?: Record<string, string>;
  action: (values: unknown) => Promise<ActionResult<{ number: string }>>;
  search: (text: string) => Promise<ActionResult<{ sku: string; name: string }[]>>;
  /** Lines worth more than this are confirmed before saving. */
  entryLimit?: EntryLimit;
}) {
  const t = useTranslations("sales.form");
  const tc = useTranslations("common");
  const errorText = useSalesErrorText();
  const form = useForm<SalesOrderFormValues, unknown, Output>({ resolver, defaultValues });
  const {
    register,
    control,
    setValue,
    formState: { errors },
  } = form;
  const customerCode = useWatch({ control, name: "customer" });
  const currency = liveCurrency(useWatch({ control, name: "currency" }), customers.find((c) => c.code === customerCode), baseCurrency);
  const e = {
    customer: errorText(errors.customer?.message),
    currency: errorText(errors.currency?.message),
    requestedDate: errorText(errors.requestedDate?.message),
    shipTo: errorText(errors.shipTo?.message),
    notes: errorText(errors.notes?.message),
  };
  const optional = { optional: true, optionalLabel: tc("optional") };

  return (
    <OrderDraftForm
      form={form}
      mode={mode}
      namespace="sales.form"
      fields={["customer", "currency", "requestedDate", "shipTo", "notes"]}
      action={action}
      orderHref={salesOrderHref}
      cancelHref={mode === "edit" && number ? salesOrderHref(number) : "/sales/orders"}
      currency={currency}
      max={MAX_SALES_LINES}
      productNames={productNames}
      search={search}
      errorText={errorText}
      entryLimit={entryLimit}
    >
      <FormSection title={t("sectionCustomer")} description={t("sectionCustomerHint")}>
        <PartyFields
          form={form}
          name="customer"
          label={t("customer")}
          choose={t("chooseCustomer")}
          none={t("noCustomers")}
          options={customers}
          error={e.customer}
          currencyLabel={t("currency")}
          currencyHint={t("currencyHint")}
          currencyError={e.currency}
          onPick={(c) => setValue("shipTo", c.shippingAddress ?? "", { shouldDirty: true })}
        />
        <Field id="requestedDate" label={t("requestedDate")} error={e.requestedDate} {...optional}>
          <Input {...fieldIds("requestedDate", { error: e.requestedDate }).control} type="date" {...register("requestedDate")} />
        </Field>
        <Field id="shipTo" label={t("shipTo")} error={e.shipTo} hint={t("shipToHint")} className="sm:col-span-2" {...optional}>
          <textarea {...fieldIds("shipTo", { error: e.shipTo, hint: true }).control} rows={3} className={cn(controlClasses, "min-h-20 py-2")} {...register("shipTo")} />
        </Field>
        <Field id="notes" label={t("notes")} error={e.notes} className="sm:col-span-2" {...optional}>
          <textarea {...fieldIds("notes", { error: e.notes }).control} rows={2} className={cn(controlClasses, "min-h-16 py-2")} {...register("notes")} />
        </Field>
      </FormSection>
    </OrderDraftForm>
  );
}
