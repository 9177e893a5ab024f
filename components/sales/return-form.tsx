"use client";
// Record goods a customer sent back from one shipment (lib/sales/returns.ts): where they go back,
// why, and per product (and lot) how many — at most what may still come back; serial items are
// ticked one by one. One stock receipt is posted referencing the shipment.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { LocationInput } from "@/components/forms/location-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import type { ReturnableDto } from "@/lib/sales/returns";
import { useSalesErrorText } from "./use-sales-error-text";

type Values = { location: string; reason: string; lines: { quantity: string; serials: string[] }[] };
type Returned = ActionResult<{ number: string; movement: string }>;
type Search = (text: string) => Promise<ActionResult<{ code: string; name: string }[]>>;

export function ReturnForm({
  shipment,
  number,
  returnable,
  action,
  searchLocations,
}: {
  /** The shipment's id (what the action takes) and its number (what the user reads). */
  shipment: string;
  number: string;
  returnable: ReturnableDto[];
  action: (shipment: string, input: unknown) => Promise<Returned>;
  searchLocations: Search;
}) {
  const t = useTranslations("sales.returns");
  const errorText = useSalesErrorText();
  const router = useRouter();
  const ids = useId();
  const [banner, setBanner] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { location: "", reason: "", lines: returnable.map(() => ({ quantity: "0", serials: [] })) } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    // Only the lines with something coming back are sent; `at` maps the request's lines to the form's.
    const at: number[] = [];
    const lines = returnable.flatMap((r, i) => {
      const v = values.lines[i];
      const serials = r.tracking === "serial" ? (v.serials ?? []) : undefined;
      const quantity = serials ? serials.length : Number(v.quantity);
      if (!quantity) return [];
      at.push(i);
      return [{ sku: r.sku, quantity, ...(r.lot ? { lot: r.lot } : {}), ...(serials ? { serials } : {}) }];
    });
    if (!lines.length) {
      setBanner(t("nothing"));
      return;
    }
    const r: Returned = await action(shipment, { location: values.location, reason: values.reason, lines }).catch(() => ({ ok: false, error: { code: "INTERNAL", message: t("failed") } }));
    if (r.ok) {
      toastResult(r, t("done", { number: r.data.number, movement: r.data.movement }));
      reset();
      router.refresh();
      return;
    }
    for (const issue of r.error.issues ?? []) {
      const m = /^lines\.(\d+)\.(\w+)$/.exec(issue.path);
      if (issue.path === "location" || issue.path === "reason") setError(issue.path, { message: issue.message });
      else if (m && at[Number(m[1])] !== undefined) setError(`lines.${at[Number(m[1])]}.quantity`, { message: issue.message });
    }
    setBanner(r.error.message);
    toastResult(r, null, r.error.message);
  });

  const e = { location: errorText(errors.location?.message), reason: errorText(errors.reason?.message) };
  const open = returnable.filter((r) => r.returnable > 0);
  if (!open.length) return <p className="text-sm text-zinc-500">{t("allBack")}</p>;
  return (
    <form noValidate onSubmit={onSubmit} aria-label={t("formOf", { shipment: number })} className="space-y-4">
      {banner ? (
        <Alert tone="error" title={t("failed")}>
          {banner}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id={`${ids}-loc`} label={t("location")} error={e.location}>
          <LocationInput {...fieldIds(`${ids}-loc`, { error: e.location }).control} search={searchLocations} autoComplete="off" spellCheck={false} className="font-mono" {...register("location")} />
        </Field>
        <Field id={`${ids}-reason`} label={t("reason")} error={e.reason}>
          <Input {...fieldIds(`${ids}-reason`, { error: e.reason }).control} autoComplete="off" placeholder={t("reasonPlaceholder")} {...register("reason")} />
        </Field>
      </div>
      <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
        {returnable.map((r, i) => {
          if (r.returnable <= 0) return null;
          const label = r.lot ? t("lineLot", { sku: r.sku, lot: r.lot }) : r.sku;
          const err = errorText(errors.lines?.[i]?.quantity?.message);
          return (
            <li key={`${r.sku}|${r.lot ?? ""}`} className="space-y-2 px-3 py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="min-w-0">
                  <span className="font-mono font-medium text-zinc-900">{label}</span> <span className="text-zinc-600">{r.name}</span>
                </span>
                <span className="text-xs text-zinc-500 tabular">{t("mayReturn", { n: r.returnable, shipped: r.shipped })}</span>
              </div>
              {r.tracking === "serial" ? (
                <fieldset aria-invalid={err ? true : undefined}>
                  <legend className="sr-only">{t("serialsOf", { sku: r.sku })}</legend>
                  <div className="flex flex-wrap gap-x-4 gap-y-1">
                    {r.serials.map((s) => (
                      <label key={s} className="flex min-h-11 items-center gap-2 font-mono text-sm text-zinc-800 md:min-h-0">
                        <input type="checkbox" value={s} className="size-5 accent-accent-600 md:size-4" {...register(`lines.${i}.serials`)} />
                        {s}
                      </label>
                    ))}
                  </div>
                  {err ? <p className="mt-1 text-sm text-red-700">{err}</p> : null}
                </fieldset>
              ) : (
                <Field id={`${ids}-q${i}`} label={t("quantityOf", { line: label })} error={err}>
                  <Input {...fieldIds(`${ids}-q${i}`, { error: err }).control} type="number" inputMode="numeric" min={0} max={r.returnable} step={1} className="w-32 tabular" {...register(`lines.${i}.quantity`)} />
                </Field>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? t("saving") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
