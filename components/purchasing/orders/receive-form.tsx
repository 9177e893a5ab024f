"use client";
// The desktop receipt of a purchase order: a location and, per open line, the quantity that
// arrived (with lot and expiry for lot-tracked products). One Idempotency-Key per payload
// (components/forms/idempotency-key.ts), so a double click or a retry after a lost answer never
// receives twice. Over-receipts and other refusals land on the line they concern.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type FieldError } from "react-hook-form";
import { useIdempotencyKey } from "@/components/forms/idempotency-key";
import { LocationInput } from "@/components/forms/location-input";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { toast, toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { usePurchaseErrorText } from "./use-purchase-error-text";

export type ReceivableLine = { sku: string; name: string; tracking: string; open: number };
type LineValues = { quantity: string; lot: string; expiresAt: string };
type Values = { location: string; lines: LineValues[] };
type Received = ActionResult<{ number: string; status: string; movement: string; replayed: boolean }>;

const IN_PROGRESS_RETRIES = 5;

export function ReceiveForm({
  number,
  lines,
  action,
  searchLocations,
}: {
  number: string;
  lines: ReceivableLine[];
  action: (number: string, input: unknown, idempotencyKey: string) => Promise<Received>;
  searchLocations: (text: string) => Promise<ActionResult<{ code: string; name: string }[]>>;
}) {
  const t = useTranslations("purchasing.receive");
  const errorText = usePurchaseErrorText();
  const router = useRouter();
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const [banner, setBanner] = useState<string | null>(null);
  const defaults: Values = { location: "", lines: lines.map(() => ({ quantity: "", lot: "", expiresAt: "" })) };
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: defaults });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    // Lines with a quantity, and which form line each request line came from (errors go back there).
    const sent = values.lines.map((l, i) => ({ l, i })).filter(({ l, i }) => l.quantity.trim() !== "" && lines[i].tracking !== "serial");
    if (!values.location.trim()) {
      setError("location", { type: "required", message: t("locationHint") }, { shouldFocus: true });
      return;
    }
    if (sent.length === 0) {
      setBanner(t("nothing"));
      return;
    }
    const input = {
      location: values.location.trim(),
      lines: sent.map(({ l, i }) => ({
        sku: lines[i].sku,
        quantity: Number(l.quantity),
        ...(lines[i].tracking === "lot" ? { lot: l.lot, expiresAt: l.expiresAt } : {}),
      })),
    };
    const key = keyFor(input);
    for (let attempt = 0; ; attempt++) {
      let r: Received;
      try {
        r = await action(number, input, key);
      } catch {
        setBanner(t("noAnswer"));
        toast.error(t("noAnswer"));
        return;
      }
      if (r.ok) {
        toastResult(r, t("posted", { movement: r.data.movement }));
        resetKey();
        reset(defaults);
        router.refresh();
        return;
      }
      if (r.error.code === "IDEMPOTENCY_IN_PROGRESS" && attempt < IN_PROGRESS_RETRIES) {
        await new Promise((res) => setTimeout(res, 600));
        continue;
      }
      // Request line j is form line sent[j].i.
      const issues = (r.error.issues ?? []).map((issue) => {
        const m = /^lines\.(\d+)\.(\w+)$/.exec(issue.path);
        const line = m ? sent[Number(m[1])] : undefined;
        return m && line ? { ...issue, path: `lines.${line.i}.${m[2] === "sku" ? "quantity" : m[2]}` } : issue;
      });
      const fields = ["location", ...lines.flatMap((_, i) => [`lines.${i}.quantity`, `lines.${i}.lot`, `lines.${i}.expiresAt`])];
      const message = applyServerErrors({ ...r.error, issues }, setError, fields);
      setBanner(message);
      toastResult(r, null, message);
      return;
    }
  });

  const locationError = errorText(errors.location?.message);
  const lineError = (i: number, f: keyof LineValues) => errorText((errors.lines?.[i] as Record<string, FieldError | undefined> | undefined)?.[f]?.message);

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label={t("title")}>
      {banner ? (
        <Alert tone="error" title={t("failed")}>
          {banner}
        </Alert>
      ) : null}
      <Field id="receive-location" label={t("location")} error={locationError} hint={t("locationHint")}>
        <LocationInput
          {...fieldIds("receive-location", { error: locationError, hint: true }).control}
          search={searchLocations}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          {...register("location")}
        />
      </Field>
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
        {lines.map((l, i) => {
          const q = lineError(i, "quantity");
          const lot = lineError(i, "lot");
          const exp = lineError(i, "expiresAt");
          return (
            <li key={l.sku} className="grid grid-cols-1 gap-3 p-3 sm:grid-cols-[minmax(0,1fr)_8rem] sm:items-start">
              <div className="min-w-0">
                <p className="truncate font-mono text-sm font-medium text-zinc-900">{l.sku}</p>
                <p className="truncate text-xs text-zinc-500">
                  {l.name} · {t("openN", { n: l.open })}
                </p>
                {l.tracking === "serial" ? <p className="mt-1 text-xs text-amber-800">{t("serialNote")}</p> : null}
              </div>
              {l.tracking === "serial" ? null : (
                <Field id={`receive-${i}-quantity`} label={<span className="sr-only">{t("quantityFor", { sku: l.sku })}</span>} error={q}>
                  <Input
                    {...fieldIds(`receive-${i}-quantity`, { error: q }).control}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    placeholder={String(l.open)}
                    className="text-right tabular"
                    {...register(`lines.${i}.quantity`)}
                  />
                </Field>
              )}
              {l.tracking === "lot" ? (
                <div className="grid grid-cols-2 gap-3 sm:col-span-2">
                  <Field id={`receive-${i}-lot`} label={t("lotFor", { sku: l.sku })} error={lot}>
                    <Input {...fieldIds(`receive-${i}-lot`, { error: lot }).control} autoComplete="off" spellCheck={false} className="font-mono" {...register(`lines.${i}.lot`)} />
                  </Field>
                  <Field id={`receive-${i}-expiry`} label={t("expiresAtFor", { sku: l.sku })} error={exp}>
                    <Input {...fieldIds(`receive-${i}-expiry`, { error: exp }).control} type="date" {...register(`lines.${i}.expiresAt`)} />
                  </Field>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button
          variant="secondary"
          onClick={() => lines.forEach((l, i) => l.tracking !== "serial" && setValue(`lines.${i}.quantity`, String(l.open), { shouldDirty: true }))}
        >
          {t("fillOpen")}
        </Button>
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? t("posting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
