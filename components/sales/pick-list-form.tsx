"use client";
// A new pick list from several orders at once (batch picking): the confirmed orders (and orders
// being picked that have new reservations) to choose from, and where the goods go — the first
// shipping location unless another is given. Validated by the domain's pickListCreateSchema.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { LocationInput } from "@/components/forms/location-input";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, fieldIds } from "@/components/ui/field";
import { ListChecksIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { pickListCreateSchema } from "@/lib/sales/schemas";
import { pickListHref } from "./refs";
import { useSalesErrorText } from "./use-sales-error-text";

export type PickableOrder = { number: string; customer: string; status: string; statusLabel: string; requestedDate: string | null };
type Values = { orders: string[]; toLocation: string };
type Output = z.output<typeof pickListCreateSchema>;
const resolver = zodResolver(pickListCreateSchema) as unknown as Resolver<Values, unknown, Output>;

export function PickListForm({
  orders,
  action,
  searchLocations,
}: {
  orders: PickableOrder[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; number: string }>>;
  searchLocations: (text: string) => Promise<ActionResult<{ code: string; name: string }[]>>;
}) {
  const t = useTranslations("sales.pickLists.form");
  const errorText = useSalesErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver, defaultValues: { orders: [], toLocation: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action(values).catch(() => ({ ok: false as const, error: { code: "INTERNAL" as const, message: t("failed") } }));
    if (r.ok) {
      toastResult(r, t("created", { number: r.data.number }));
      setNavigating(true);
      router.push(pickListHref(r.data.id));
      return;
    }
    const message = applyServerErrors(r.error, setError, ["orders", "toLocation"]);
    setBanner(message);
    toastResult(r, null, message);
  });

  const e = { orders: errorText(errors.orders?.message ?? errors.orders?.root?.message), toLocation: errorText(errors.toLocation?.message) };
  const busy = isSubmitting || navigating;
  return (
    <form noValidate onSubmit={onSubmit} aria-label={t("title")} className="space-y-4">
      {banner ? (
        <Alert tone="error" title={t("failed")}>
          {banner}
        </Alert>
      ) : null}
      {orders.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("noOrders")}</p>
      ) : (
        <Controller
          control={control}
          name="orders"
          render={({ field }) => (
            <fieldset aria-describedby={e.orders ? "orders-error" : undefined} aria-invalid={e.orders ? true : undefined}>
              <legend className="mb-2 text-sm font-medium text-zinc-800">{t("orders")}</legend>
              <ul className="max-h-80 divide-y divide-zinc-100 overflow-y-auto rounded-lg border border-zinc-200">
                {orders.map((o) => {
                  const checked = field.value.includes(o.number);
                  return (
                    <li key={o.number}>
                      <label className="flex min-h-11 cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-zinc-50">
                        <Checkbox
                          name={field.name}
                          value={o.number}
                          checked={checked}
                          onBlur={field.onBlur}
                          onChange={() => field.onChange(checked ? field.value.filter((x) => x !== o.number) : [...field.value, o.number])}
                        />
                        <span className="min-w-0 flex-1">
                          <span className="flex flex-wrap items-baseline justify-between gap-x-2">
                            <span className="font-mono font-medium whitespace-nowrap text-zinc-900">{o.number}</span>
                            <span className="text-xs whitespace-nowrap text-zinc-500 tabular">
                              {o.statusLabel}
                              {o.requestedDate ? ` · ${o.requestedDate}` : ""}
                            </span>
                          </span>
                          <span className="block truncate text-zinc-600">{o.customer}</span>
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              {e.orders ? (
                <p id="orders-error" className="mt-1.5 text-sm text-red-700">
                  {e.orders}
                </p>
              ) : null}
            </fieldset>
          )}
        />
      )}
      <Field id="toLocation" label={t("toLocation")} error={e.toLocation} hint={t("toLocationHint")}>
        <LocationInput {...fieldIds("toLocation", { error: e.toLocation, hint: true }).control} search={searchLocations} autoComplete="off" spellCheck={false} className="font-mono" {...register("toLocation")} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" disabled={busy || orders.length === 0} aria-busy={busy}>
          <ListChecksIcon className="size-4" />
          {busy ? t("creating") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
