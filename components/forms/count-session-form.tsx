"use client";
// Starts a count session over chosen locations (grouped by zone, filterable), validated with the
// domain's countSessionCreateSchema; the session page opens on success.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import { countSessionCreateSchema } from "@/lib/counts/schemas";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { cn } from "../ui/cn";
import { Checkbox, controlClasses, Field, fieldIds, Input } from "../ui/field";
import { SearchIcon } from "../ui/icons";
import { FormActions } from "./form-shell";
import { toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useStockErrorText } from "./use-stock-error-text";

type In = z.input<typeof countSessionCreateSchema>;
type Out = z.output<typeof countSessionCreateSchema>;

export function CountSessionForm({
  locations,
  action,
}: {
  locations: { code: string; name: string }[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; number: string }>>;
}) {
  const t = useTranslations("counts");
  const tc = useTranslations("common");
  const errorText = useStockErrorText();
  const router = useRouter();
  const [filter, setFilter] = useState("");
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<In, unknown, Out>({ resolver: zodResolver(countSessionCreateSchema), defaultValues: { locations: [], note: "" } });
  const chosen = useWatch({ control, name: "locations" }) ?? [];

  const zones = useMemo(() => {
    const f = filter.trim().toUpperCase();
    const shown = locations.filter((l) => !f || l.code.includes(f) || l.name.toUpperCase().includes(f));
    const by = new Map<string, typeof locations>();
    for (const l of shown) {
      const zone = l.code.split("-")[0] ?? l.code;
      by.set(zone, [...(by.get(zone) ?? []), l]);
    }
    return [...by.entries()];
  }, [locations, filter]);

  const toggleZone = (codes: string[], on: boolean) => {
    const set = new Set(chosen);
    for (const c of codes) {
      if (on) set.add(c);
      else set.delete(c);
    }
    setValue("locations", [...set], { shouldValidate: Boolean(errors.locations) });
  };

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action({ ...values, note: values.note || undefined });
    if (r.ok) {
      toastResult(r, t("toast.created"));
      setNavigating(true);
      router.push(`/counts/${r.data.id}?created=1`);
      return;
    }
    const banner = applyServerErrors(r.error, setError, ["locations", "note", ...chosen.map((_, i) => `locations.${i}`)]);
    setBanner(banner);
    toastResult(r, null, banner);
  });

  const locationsError = errorText(errors.locations?.message ?? errors.locations?.root?.message ?? (Array.isArray(errors.locations) ? errors.locations.find(Boolean)?.message : undefined));
  const noteError = errorText(errors.note?.message);
  const busy = isSubmitting || navigating;

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("createFailed")}>
            {banner}
          </Alert>
        </div>
      ) : null}
      <fieldset className="px-4 py-5 sm:px-6" aria-describedby={locationsError ? "locations-error" : "locations-hint"}>
        <legend className="float-left mb-1 w-full text-sm font-semibold text-zinc-900">{t("chooseLocations")}</legend>
        <p id="locations-hint" className="mb-3 text-sm text-zinc-500">
          {t("chooseLocationsHint")}
        </p>
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <div className="relative min-w-0 flex-1 sm:max-w-xs">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
            <Input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t("filterLocations")} aria-label={t("filterLocations")} className="pl-9" />
          </div>
          <p className="text-sm text-zinc-600" aria-live="polite">
            {t("selected", { n: chosen.length })}
          </p>
        </div>
        {locationsError ? (
          <p id="locations-error" role="alert" className="mb-3 text-sm font-medium text-red-700">
            {locationsError}
          </p>
        ) : null}
        <div className="space-y-5">
          {zones.map(([zone, list]) => {
            const codes = list.map((l) => l.code);
            const all = codes.every((c) => chosen.includes(c));
            return (
              <div key={zone}>
                <div className="mb-2 flex items-center justify-between gap-3 border-b border-zinc-100 pb-1.5">
                  <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{t("zone", { zone })}</p>
                  <Button variant="ghost" size="sm" onClick={() => toggleZone(codes, !all)}>
                    {all ? t("clearZone", { zone }) : t("selectZone", { zone })}
                  </Button>
                </div>
                <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-5">
                  {list.map((l) => (
                    <li key={l.code}>
                      <label
                        className={cn(
                          "flex min-h-11 cursor-pointer items-center gap-2.5 rounded-lg border px-3 py-2 text-sm transition-colors",
                          chosen.includes(l.code) ? "border-accent-300 bg-accent-50" : "border-zinc-200 hover:border-zinc-300",
                        )}
                      >
                        <Checkbox value={l.code} {...register("locations")} />
                        <span className="min-w-0">
                          <span className="block font-mono font-medium text-zinc-900">{l.code}</span>
                          <span className="block truncate text-xs text-zinc-500">{l.name}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          {zones.length === 0 ? <p className="text-sm text-zinc-500">{t("noLocationsMatch")}</p> : null}
        </div>
      </fieldset>
      <div className="border-t border-zinc-100 px-4 py-5 sm:px-6">
        <Field id="note" label={t("note")} error={noteError} optional optionalLabel={tc("optional")}>
          <textarea {...fieldIds("note", { error: noteError }).control} rows={2} className={cn(controlClasses, "min-h-16 py-2")} {...register("note")} />
        </Field>
      </div>
      <FormActions>
        <Link href="/counts" className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("creating") : t("create")}
        </Button>
      </FormActions>
    </form>
  );
}
