"use client";
// Ship a packed order: carrier and tracking number (optional), and what happens to a backorder —
// a new order carries it (default) or it is dropped. One stock issue is posted from the shipping
// location; the delivery note of the shipment is then linked on the order page.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { shipSchema } from "@/lib/sales/schemas";
import { useSalesErrorText } from "./use-sales-error-text";

type Values = { carrier: string; trackingNo: string; backorder: "keep" | "cancel" };
type Output = z.output<typeof shipSchema>;
const resolver = zodResolver(shipSchema) as unknown as Resolver<Values, unknown, Output>;
type Shipped = ActionResult<{ shipment: string; backorder: string | null }>;

export function ShipForm({ number, backorder, action }: { number: string; backorder: number; action: (number: string, input: unknown) => Promise<Shipped> }) {
  const t = useTranslations("sales.ship");
  const errorText = useSalesErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver, defaultValues: { carrier: "", trackingNo: "", backorder: "keep" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r: Shipped = await action(number, backorder > 0 ? values : { ...values, backorder: undefined }).catch(() => ({ ok: false, error: { code: "INTERNAL", message: t("failed") } }));
    if (r.ok) {
      toastResult(r, r.data.backorder ? t("doneWithBackorder", { shipment: r.data.shipment, backorder: r.data.backorder }) : t("done", { shipment: r.data.shipment }));
      router.refresh();
      return;
    }
    const message = applyServerErrors(r.error, setError, ["carrier", "trackingNo", "backorder"]);
    setBanner(message);
    toastResult(r, null, message);
  });

  const e = { carrier: errorText(errors.carrier?.message), trackingNo: errorText(errors.trackingNo?.message) };
  return (
    <form noValidate onSubmit={onSubmit} aria-label={t("title")} className="space-y-4">
      {banner ? (
        <Alert tone="error" title={t("failed")}>
          {banner}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="ship-carrier" label={t("carrier")} error={e.carrier}>
          <Input {...fieldIds("ship-carrier", { error: e.carrier }).control} autoComplete="off" {...register("carrier")} />
        </Field>
        <Field id="ship-tracking" label={t("trackingNo")} error={e.trackingNo}>
          <Input {...fieldIds("ship-tracking", { error: e.trackingNo }).control} autoComplete="off" spellCheck={false} className="font-mono" {...register("trackingNo")} />
        </Field>
      </div>
      {backorder > 0 ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800">{t("backorderLegend", { n: backorder })}</legend>
          <label className="flex min-h-11 items-start gap-3 text-sm text-zinc-700 md:min-h-0">
            <input type="radio" value="keep" className="mt-0.5 size-5 accent-accent-600 md:size-4" {...register("backorder")} />
            <span>
              <span className="font-medium text-zinc-900">{t("keep")}</span>
              <span className="block text-zinc-500">{t("keepHint")}</span>
            </span>
          </label>
          <label className="flex min-h-11 items-start gap-3 text-sm text-zinc-700 md:min-h-0">
            <input type="radio" value="cancel" className="mt-0.5 size-5 accent-accent-600 md:size-4" {...register("backorder")} />
            <span>
              <span className="font-medium text-zinc-900">{t("drop")}</span>
              <span className="block text-zinc-500">{t("dropHint")}</span>
            </span>
          </label>
        </fieldset>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? t("shipping") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
