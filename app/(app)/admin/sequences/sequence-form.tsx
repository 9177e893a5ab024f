"use client";
// Create / edit a sequence, validated with the server's own zod schema, with a live preview of the
// next number for a chosen document date (a server action, debounced while the admin types).
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import type { Issue } from "@/lib/errors";
import { patternProblems, PLACEHOLDER_KEYS } from "@/lib/numbering/format";
import type { CompanyOption } from "@/lib/numbering/list-companies";
import type { DraftPreview } from "@/lib/numbering/preview-draft";
import { IMPLEMENTATIONS, RANGE_PERIODS, sequenceCreateSchema, type SequenceDto } from "@/lib/numbering/schemas";
import { createSequenceAction, previewDraftAction, updateSequenceAction } from "./actions";

type FormIn = z.input<typeof sequenceCreateSchema>;
type FormOut = z.output<typeof sequenceCreateSchema>;
type Preview = { state: "updating" | "ok" | "invalid" | "incomplete" | "failed"; data?: DraftPreview; message?: string };

const PREVIEW_DEBOUNCE_MS = 300;

const input = "w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600";

export function SequenceForm({ sequence, companies, today }: { sequence?: SequenceDto; companies: CompanyOption[]; today: string }) {
  const t = useTranslations("sequences");
  const router = useRouter();
  const uid = useId();
  const [status, setStatus] = useState<{ kind: "saved" | "error"; message: string } | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(sequenceCreateSchema),
    mode: "onChange",
    defaultValues: sequence ? valuesOf(sequence) : EMPTY,
  });
  const { register, formState, handleSubmit, control, setError, reset } = form;
  const errors = formState.errors;
  const counterTouched = Boolean(formState.dirtyFields.numberNext);

  // ── Live preview ────────────────────────────────────────────────────────────────────────
  const [date, setDate] = useState(today);
  const [resolved, setResolved] = useState<{ key: string; result: Preview } | null>(null);
  const [prefix, suffix, padding, numberNext, useDateRange, rangePeriod, companyId] = useWatch({
    control,
    name: ["prefix", "suffix", "padding", "numberNext", "useDateRange", "rangePeriod", "companyId"],
  });
  const draftKey = JSON.stringify({
    sequenceId: sequence?.id,
    companyId: sequence ? undefined : companyId,
    date,
    prefix: prefix ?? "",
    suffix: suffix ?? "",
    padding,
    // Editing: the saved counter counts unless the admin changed it (same rule as saving).
    numberNext: sequence && !counterTouched ? undefined : numberNext,
    useDateRange: Boolean(useDateRange),
    rangePeriod,
  });
  // Saved counters changed below (a period's counter) ask for a fresh preview without re-seeding
  // the form, which would drop the admin's unsaved edits.
  const savedCounters = sequence ? [sequence.numberNext, ...sequence.ranges.map((r) => r.numberNext)].join(",") : "";
  // A bad pattern is caught here, without a round trip; the server checks again anyway.
  const patternsValid = patternProblems(prefix ?? "").length === 0 && patternProblems(suffix ?? "").length === 0;
  useEffect(() => {
    if (!patternsValid) return;
    let superseded = false;
    const timer = setTimeout(async () => {
      const r = await previewDraftAction(JSON.parse(draftKey));
      if (superseded) return; // the admin kept typing; a newer request answers
      const result: Preview = r.ok
        ? { state: "ok", data: r.data }
        : r.error.code === "VALIDATION_FAILED"
          ? { state: "incomplete" }
          : { state: "failed", message: r.error.message };
      setResolved({ key: draftKey, result });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      superseded = true;
      clearTimeout(timer);
    };
  }, [draftKey, patternsValid, savedCounters]);
  const preview: Preview = !patternsValid
    ? { state: "invalid" }
    : resolved?.key === draftKey
      ? resolved.result
      : { state: "updating", data: resolved?.result.data };

  // ── Saving ──────────────────────────────────────────────────────────────────────────────
  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    const result = sequence ? await updateSequenceAction(sequence.id, changes(values, counterTouched)) : await createSequenceAction(values);
    if (!result.ok) {
      const general = t(result.error.code === "FORBIDDEN" ? "errors.forbidden" : "errors.generic");
      if (result.error.code === "DUPLICATE") {
        setError("code", { type: "duplicate" });
        toast.error(t("errors.duplicate"));
      } else if (result.error.code === "VALIDATION_FAILED" && result.error.issues?.length) {
        applyIssues(result.error.issues);
        toast.error(t("toast.fixErrors"));
      } else {
        setStatus({ kind: "error", message: general });
        toast.error(general);
      }
      return;
    }
    toast.success(t("toast.saved"));
    if (!sequence) {
      router.push(`/admin/sequences/${result.data.id}`);
      return;
    }
    reset(valuesOf(result.data));
    setStatus({ kind: "saved", message: t("actions.saved") });
    router.refresh();
  });

  function applyIssues(issues: Issue[]) {
    for (const i of issues) setError(i.path as FieldPath<FormIn>, { type: "server", message: i.message });
  }

  function errorText(name: keyof FormIn): string | undefined {
    const e = errors[name];
    if (!e) return undefined;
    if (e.type === "duplicate") return t("errors.duplicate");
    if (name === "prefix" || name === "suffix") {
      const p = patternProblems(String(form.getValues(name) ?? ""))[0];
      if (!p) return t("errors.tooLong");
      return t(`errors.${p.kind}`, { placeholder: "placeholder" in p ? p.placeholder : "", position: p.index + 1 });
    }
    return t(`errors.${name}`);
  }

  function previewNote(): string | null {
    switch (preview.state) {
      case "invalid":
        return t("preview.invalid");
      case "incomplete":
        return t("preview.incomplete");
      case "failed":
        return t("preview.failed", { message: preview.message ?? "" });
      case "updating":
        return t("preview.updating");
      case "ok": {
        const range = preview.data?.range;
        return range ? t(range.isNew ? "preview.rangeNew" : "preview.range", { from: range.from, to: range.to }) : null;
      }
    }
  }

  /** Ids and ARIA wiring of a field: its label, hint and error message. */
  function field(name: keyof FormIn, hint?: string) {
    const id = `${uid}-${name}`;
    const error = errorText(name);
    const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    return {
      id,
      control: { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy },
      hint: hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      ) : null,
      error: error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null,
    };
  }

  const code = field("code", t("hints.code"));
  const company = field("companyId", t("hints.company"));
  const name = field("name");
  const prefixF = field("prefix", t("hints.pattern"));
  const suffixF = field("suffix");
  const paddingF = field("padding", t("hints.padding"));
  const incrementF = field("increment");
  const nextF = field("numberNext", useDateRange ? t("hints.numberNextRanges") : sequence ? t("hints.numberNext") : undefined);
  const implF = field("implementation", t("hints.implementation"));
  const periodF = field("rangePeriod");
  const timeZone = preview.data?.timeZone ?? sequence?.timeZone ?? companies.find((c) => c.id === companyId)?.timeZone ?? "UTC";

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="grid gap-4">
        {sequence ? (
          <div className="rounded-md bg-gray-50 p-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="font-medium">{t("fields.code")}</dt>
              <dd className="font-mono">{sequence.code}</dd>
              <dt className="font-medium">{t("fields.company")}</dt>
              <dd>{sequence.company ? `${sequence.company.code} — ${sequence.company.name}` : t("sharedCompany")}</dd>
            </dl>
            <p className="mt-2 text-xs text-gray-600">{t("hints.identity")}</p>
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor={code.id} className="block text-sm font-medium">
                {t("fields.code")}
              </label>
              <input {...register("code")} {...code.control} className={`${input} font-mono`} autoComplete="off" spellCheck={false} />
              {code.hint}
              {code.error}
            </div>
            <div>
              <label htmlFor={company.id} className="block text-sm font-medium">
                {t("fields.company")}
              </label>
              <select {...register("companyId")} {...company.control} className={input}>
                <option value="">{t("sharedCompany")}</option>
                {companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.code} — {c.name}
                  </option>
                ))}
              </select>
              {company.hint}
              {company.error}
            </div>
          </div>
        )}

        <div>
          <label htmlFor={name.id} className="block text-sm font-medium">
            {t("fields.name")}
          </label>
          <input {...register("name")} {...name.control} className={input} />
          {name.error}
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={prefixF.id} className="block text-sm font-medium">
              {t("fields.prefix")}
            </label>
            <input {...register("prefix")} {...prefixF.control} className={`${input} font-mono`} autoComplete="off" spellCheck={false} />
            {prefixF.hint}
            {prefixF.error}
          </div>
          <div>
            <label htmlFor={suffixF.id} className="block text-sm font-medium">
              {t("fields.suffix")}
            </label>
            <input {...register("suffix")} {...suffixF.control} className={`${input} font-mono`} autoComplete="off" spellCheck={false} />
            {suffixF.error}
          </div>
        </div>

        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <label htmlFor={paddingF.id} className="block text-sm font-medium">
              {t("fields.padding")}
            </label>
            <input type="number" inputMode="numeric" min={0} max={32} {...register("padding", { valueAsNumber: true })} {...paddingF.control} className={input} />
            {paddingF.hint}
            {paddingF.error}
          </div>
          <div>
            <label htmlFor={incrementF.id} className="block text-sm font-medium">
              {t("fields.increment")}
            </label>
            <input type="number" inputMode="numeric" min={1} {...register("increment", { valueAsNumber: true })} {...incrementF.control} className={input} />
            {incrementF.error}
          </div>
          <div>
            <label htmlFor={nextF.id} className="block text-sm font-medium">
              {t("fields.numberNext")}
            </label>
            <input type="number" inputMode="numeric" min={1} {...register("numberNext", { valueAsNumber: true })} {...nextF.control} className={input} />
            {nextF.hint}
            {nextF.error}
          </div>
        </div>

        <div>
          <label htmlFor={implF.id} className="block text-sm font-medium">
            {t("fields.implementation")}
          </label>
          <select {...register("implementation")} {...implF.control} className={input}>
            {IMPLEMENTATIONS.map((i) => (
              <option key={i} value={i}>
                {t(`implementation.${i}`)}
              </option>
            ))}
          </select>
          {implF.hint}
        </div>

        <div className="grid gap-4 sm:grid-cols-2 sm:items-end">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" {...register("useDateRange")} className="h-4 w-4" />
            {t("fields.useDateRange")}
          </label>
          <div>
            <label htmlFor={periodF.id} className="block text-sm font-medium">
              {t("fields.rangePeriod")}
            </label>
            <select {...register("rangePeriod")} {...periodF.control} className={input}>
              {RANGE_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`rangePeriod.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>

        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" {...register("active")} className="h-4 w-4" />
          {t("fields.active")}
        </label>

        <div className="flex items-center gap-4">
          <button type="submit" disabled={formState.isSubmitting} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 disabled:opacity-60">
            {formState.isSubmitting ? t("actions.saving") : sequence ? t("actions.save") : t("actions.create")}
          </button>
          {status ? (
            <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-700"}>
              {status.message}
            </p>
          ) : null}
        </div>
      </div>

      <aside className="grid content-start gap-4">
        <section aria-labelledby={`${uid}-preview-title`} className="rounded-md border border-gray-200 p-4">
          <h2 id={`${uid}-preview-title`} className="text-base font-semibold">
            {t("preview.title")}
          </h2>
          <label htmlFor={`${uid}-date`} className="mt-3 block text-sm font-medium">
            {t("preview.date")}
          </label>
          <input id={`${uid}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} className={input} />
          <p id={`${uid}-next-label`} className="mt-3 text-sm font-medium">
            {t("preview.label")}
          </p>
          <output aria-labelledby={`${uid}-next-label`} aria-busy={preview.state === "updating"} className="mt-1 block break-all rounded bg-gray-100 px-3 py-2 font-mono text-lg">
            {preview.state === "invalid" || preview.state === "incomplete" ? "—" : (preview.data?.value ?? "…")}
          </output>
          <p className="mt-2 text-xs text-gray-600" aria-live="polite">
            {previewNote()}
          </p>
          <p className="mt-2 text-xs text-gray-600">{t("preview.timeZone", { timeZone })}</p>
        </section>

        <details className="rounded-md border border-gray-200 p-4 text-sm">
          <summary className="cursor-pointer font-semibold">{t("placeholders.title")}</summary>
          <p className="mt-2 text-xs text-gray-600">{t("placeholders.intro")}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            {PLACEHOLDER_KEYS.map((k) => (
              <div key={k} className="contents">
                <dt className="font-mono">%({k})s</dt>
                <dd>{t(`placeholders.${k}`)}</dd>
              </div>
            ))}
          </dl>
        </details>
      </aside>
    </form>
  );
}

const EMPTY: FormIn = {
  code: "",
  companyId: "",
  name: "",
  prefix: "",
  suffix: "",
  padding: 5,
  increment: 1,
  numberNext: 1,
  implementation: "standard",
  useDateRange: true,
  rangePeriod: "year",
  active: true,
};

function valuesOf(s: SequenceDto): FormIn {
  return {
    code: s.code,
    companyId: s.company?.id ?? "",
    name: s.name,
    prefix: s.prefix,
    suffix: s.suffix,
    padding: s.padding,
    increment: s.increment,
    numberNext: s.numberNext,
    implementation: s.implementation,
    useDateRange: s.useDateRange,
    rangePeriod: s.rangePeriod,
    active: s.active,
  };
}

/** What an edit sends: every editable field, and the counter only when the admin changed it. */
function changes(values: FormOut, counterTouched: boolean) {
  const rest = {
    name: values.name,
    prefix: values.prefix,
    suffix: values.suffix,
    padding: values.padding,
    increment: values.increment,
    implementation: values.implementation,
    useDateRange: values.useDateRange,
    rangePeriod: values.rangePeriod,
    active: values.active,
  };
  return counterTouched ? { ...rest, numberNext: values.numberNext } : rest;
}
