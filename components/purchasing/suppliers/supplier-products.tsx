"use client";
// What a supplier sells us: the list (SKU, name, their SKU, last price, minimum order, preferred)
// and, for purchasers, one form that adds a product or updates a listed one ("Edit" fills it in),
// plus a remove button per row. Every change goes through setSupplierProduct /
// removeSupplierProduct (lib/purchasing/suppliers.ts).
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { formatMoney } from "@/components/format";
import { LocationInput } from "@/components/forms/location-input";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { Checkbox, Field, fieldIds, Input } from "@/components/ui/field";
import { MoneyInput } from "@/components/ui/money-input";
import { PackageIcon, PencilIcon, TrashIcon } from "@/components/ui/icons";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { supplierProductSchema, type SupplierProductDto } from "@/lib/purchasing/schemas";
import { CurrencyInput } from "./currency-input";
import { useSupplierErrorText } from "./use-supplier-error-text";

type Values = z.input<typeof supplierProductSchema>;
type Output = z.output<typeof supplierProductSchema>;
const FIELDS = ["sku", "supplierSku", "lastPrice", "currency", "minOrderQty", "preferred"] as const;
const asQty = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

export function SupplierProducts({
  supplier,
  currency,
  products,
  writable,
  save,
  remove,
  search,
}: {
  supplier: string;
  /** The supplier's currency: the default for a price. */
  currency: string;
  products: SupplierProductDto[];
  writable: boolean;
  save: (values: unknown) => Promise<ActionResult<{ sku: string }>>;
  remove: (sku: string) => Promise<ActionResult<null>>;
  search: (text: string) => Promise<ActionResult<{ code: string; name: string }[]>>;
}) {
  const t = useTranslations("suppliers.products");
  const tc = useTranslations("common");
  const locale = useLocale();
  const errorText = useSupplierErrorText();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const empty: Values = { sku: "", supplierSku: "", lastPrice: "", currency, minOrderQty: 1, preferred: false };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(supplierProductSchema) as Resolver<Values, unknown, Output>, defaultValues: empty });

  function edit(p: SupplierProductDto) {
    setBanner(null);
    setEditing(p.sku);
    reset({ sku: p.sku, supplierSku: p.supplierSku ?? "", lastPrice: p.lastPrice ?? "", currency: p.currency ?? currency, minOrderQty: p.minOrderQty, preferred: p.preferred });
    formRef.current?.scrollIntoView({ block: "nearest" });
    setFocus("supplierSku");
  }

  function cancelEdit() {
    setEditing(null);
    setBanner(null);
    reset(empty);
  }

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await save(values);
    if (r.ok) {
      toastResult(r, t("saved", { sku: r.data.sku }));
      setEditing(null);
      reset(empty);
      router.refresh();
      return;
    }
    const text = applyServerErrors(r.error, setError, FIELDS);
    setBanner(text);
    toastResult(r, null, text);
  });

  const e = {
    sku: errorText(errors.sku?.message),
    supplierSku: errorText(errors.supplierSku?.message),
    lastPrice: errorText(errors.lastPrice?.message),
    currency: errorText(errors.currency?.message),
    minOrderQty: errorText(errors.minOrderQty?.message),
  };
  const price = (p: SupplierProductDto) => (p.lastPrice ? formatMoney(locale, { amount: p.lastPrice, currency: p.currency ?? currency }) : "—");

  return (
    <>
      {products.length === 0 ? (
        <EmptyState icon={<PackageIcon />} title={t("empty")}>
          {writable ? t("emptyHint") : null}
        </EmptyState>
      ) : (
        <Table>
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr>
              <Th>{t("sku")}</Th>
              <Th className="hidden md:table-cell">{t("supplierSku")}</Th>
              <Th className="text-right">{t("lastPrice")}</Th>
              <Th className="hidden text-right sm:table-cell">{t("moq")}</Th>
              {writable ? (
                <Th>
                  <span className="sr-only">{t("actions")}</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <Tr key={p.sku}>
                <Td>
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-mono font-medium text-zinc-900">{p.sku}</span>
                    {p.preferred ? (
                      <Badge tone="accent" dot>
                        {t("preferred")}
                      </Badge>
                    ) : null}
                  </span>
                  <span className="block max-w-72 truncate text-xs text-zinc-500">{p.name}</span>
                  {p.supplierSku ? <span className="block font-mono text-xs break-all text-zinc-500 md:hidden">{t("theirSku", { sku: p.supplierSku })}</span> : null}
                </Td>
                <Td className="hidden font-mono text-[0.8125rem] md:table-cell">{p.supplierSku ?? "—"}</Td>
                <Td className="text-right whitespace-nowrap tabular">
                  {price(p)}
                  <span className="block text-xs text-zinc-500 sm:hidden">{t("moqShort", { n: p.minOrderQty })}</span>
                </Td>
                <Td className="hidden text-right tabular sm:table-cell">{p.minOrderQty}</Td>
                {writable ? (
                  <Td className="text-right">
                    {/* Icons only on phones (the words stay for screen readers), side by side from sm up. */}
                    <div className="flex flex-col items-end gap-1 sm:flex-row sm:justify-end">
                      <Button variant="ghost" size="sm" onClick={() => edit(p)}>
                        <PencilIcon className="size-3.5" />
                        <span className="max-sm:sr-only">{tc("edit")}</span>
                        <span className="sr-only"> {p.sku}</span>
                      </Button>
                      <ConfirmAction
                        trigger={
                          <>
                            <TrashIcon className="size-3.5" />
                            <span className="max-sm:sr-only">{t("remove")}</span>
                            <span className="sr-only"> {p.sku}</span>
                          </>
                        }
                        triggerSize="sm"
                        title={t("removeTitle", { sku: p.sku })}
                        description={t("removeBody", { sku: p.sku, supplier })}
                        confirmLabel={t("remove")}
                        cancelLabel={tc("cancel")}
                        action={() => remove(p.sku)}
                        successMessage={t("removed", { sku: p.sku })}
                      />
                    </div>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}

      {writable ? (
        <form ref={formRef} noValidate onSubmit={onSubmit} aria-labelledby="supplier-product-form" className="space-y-4 border-t border-zinc-100 px-4 py-5 sm:px-5">
          <div>
            <h3 id="supplier-product-form" className="text-sm font-semibold text-zinc-900">
              {editing ? t("editTitle", { sku: editing }) : t("addTitle")}
            </h3>
            <p className="mt-0.5 text-sm text-zinc-500">{t("formHint")}</p>
          </div>
          {banner ? <Alert tone="error">{banner}</Alert> : null}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Field id="sp-sku" label={t("product")} error={e.sku} hint={t("productHint")}>
              <LocationInput
                {...fieldIds("sp-sku", { error: e.sku, hint: true }).control}
                search={search}
                readOnly={editing !== null}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                {...register("sku")}
              />
            </Field>
            <Field id="sp-supplierSku" label={t("supplierSku")} error={e.supplierSku} optional optionalLabel={tc("optional")}>
              <Input {...fieldIds("sp-supplierSku", { error: e.supplierSku }).control} autoComplete="off" spellCheck={false} className="font-mono" {...register("supplierSku")} />
            </Field>
            <Field id="sp-minOrderQty" label={t("moqLabel")} error={e.minOrderQty}>
              <Input {...fieldIds("sp-minOrderQty", { error: e.minOrderQty }).control} type="number" inputMode="numeric" min={1} step={1} {...register("minOrderQty", { setValueAs: asQty })} />
            </Field>
            <Field id="sp-lastPrice" label={t("lastPrice")} error={e.lastPrice} hint={t("lastPriceHint")} optional optionalLabel={tc("optional")}>
              <MoneyInput {...fieldIds("sp-lastPrice", { error: e.lastPrice, hint: true }).control} {...register("lastPrice")} />
            </Field>
            <Field id="sp-currency" label={t("currency")} error={e.currency}>
              <CurrencyInput {...fieldIds("sp-currency", { error: e.currency }).control} {...register("currency")} />
            </Field>
            <label className="flex min-h-11 items-center gap-3 self-end text-sm font-medium text-zinc-800 md:min-h-10">
              <Checkbox {...register("preferred")} />
              {t("preferredLabel")}
            </label>
          </div>
          <p className="text-xs text-zinc-500">{t("preferredHint")}</p>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            {editing ? (
              <Button variant="secondary" onClick={cancelEdit}>
                {tc("cancel")}
              </Button>
            ) : null}
            <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>
              {isSubmitting ? tc("saving") : editing ? t("update") : t("add")}
            </Button>
          </div>
        </form>
      ) : null}
    </>
  );
}
