"use client";
// The desktop movement form: one document of any type with many lines (react-hook-form field
// array), validated by the server's own postMovementSchema. Fields that do not belong to the chosen
// type are dropped before validation, so switching type never leaves stale values behind. One
// Idempotency-Key per submit (components/forms/idempotency-key.ts): a retry never posts twice.
// Under each line's SKU the product's name and on-hand (at the line's location, else in total) show
// before posting; Lot and Expiry are offered only for lot-tracked products. A receipt line worth more
// than the company's entry limit is confirmed first (./entry-confirm.tsx); leaving a half-filled form
// warns (./use-unsaved-changes.ts).
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type Resolver } from "react-hook-form";
import type { ActionResult } from "@/lib/action";
import { amountSchema, lineAmount } from "@/lib/money";
import type { EntryLimit } from "@/lib/settings/schemas";
import { MAX_LINES, postMovementSchema, type MovementType, type PostMovement, type PostMovementInput } from "@/lib/stock/schemas";
import { emptyLine, toRequest, type LineProduct, type MovementFormValues } from "./movement-values";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { controlClasses, Field, fieldIds, Input, Select } from "../ui/field";
import { PlusIcon, TrashIcon } from "../ui/icons";
import { cn } from "../ui/cn";
import { FormActions, FormSection } from "./form-shell";
import { useIdempotencyKey } from "./idempotency-key";
import { toast, toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useStockErrorText } from "./use-stock-error-text";
import { useEntryConfirm, type OverLimit } from "./entry-confirm";
import { useUnsavedChanges } from "./use-unsaved-changes";
import { MoneyInput } from "../ui/money-input";

const LINE_FIELDS = ["sku", "location", "from", "to", "quantity", "counted", "lot", "expiresAt", "unitCost", "reason"] as const;
const IN_PROGRESS_RETRIES = 5;

const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

const zod = zodResolver(postMovementSchema);
const resolver: Resolver<MovementFormValues, unknown, PostMovement> = (values, context, options) =>
  (zod as unknown as Resolver<PostMovementInput, unknown, PostMovement>)(toRequest(values), context, options as never) as never;

export function MovementForm({
  types,
  locations,
  defaultValues,
  action,
  search,
  lookup,
  entryLimit,
}: {
  types: readonly MovementType[];
  locations: { code: string; name: string }[];
  defaultValues: MovementFormValues;
  action: (input: unknown, idempotencyKey: string) => Promise<ActionResult<{ id: string; number: string; replayed: boolean }>>;
  search: (text: string) => Promise<ActionResult<{ sku: string; name: string }[]>>;
  /** The product a SKU or barcode names, with its on-hand by location (null: none). */
  lookup: (code: string) => Promise<ActionResult<LineProduct | null>>;
  /** Lines worth more than this (quantity × unit cost, base currency) are confirmed before posting. */
  entryLimit: EntryLimit;
}) {
  const t = useTranslations("movements");
  const tc = useTranslations("common");
  const errorText = useStockErrorText();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { keyFor, reset: resetKey } = useIdempotencyKey();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [skuOptions, setSkuOptions] = useState<{ sku: string; name: string }[]>([]);
  const [skuQuery, setSkuQuery] = useState("");
  // Products by the exact code typed (SKU or barcode); null: no product has it.
  const [products, setProducts] = useState<Record<string, LineProduct | null>>({});
  const { confirmOver, dialog: confirmDialog } = useEntryConfirm(entryLimit);

  const {
    register,
    control,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<MovementFormValues, unknown, PostMovement>({ resolver, defaultValues });
  const helpRef = useRef<HTMLDialogElement>(null);
  const lines = useFieldArray({ control, name: "lines" });
  const type = useWatch({ control, name: "type" });
  const watchedLines = useWatch({ control, name: "lines" });
  useUnsavedChanges(isDirty && !navigating);

  // The product of each SKU typed, looked up once per code (debounced), for the line's name and on-hand.
  const missing = [...new Set((watchedLines ?? []).map((l) => (l?.sku ?? "").trim()).filter((c) => c !== "" && !(c in products)))].join("\n");
  useEffect(() => {
    if (!missing) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const codes = missing.split("\n");
      const found = await Promise.all(codes.map((c) => lookup(c).catch(() => null)));
      if (stale) return;
      const known = codes.flatMap((c, i) => {
        const r = found[i];
        return r?.ok ? [[c, r.data] as const] : [];
      });
      if (known.length) setProducts((p) => ({ ...p, ...Object.fromEntries(known) }));
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [missing, lookup]);
  const productOf = (i: number): LineProduct | null | undefined => {
    const code = (watchedLines?.[i]?.sku ?? "").trim();
    return code ? products[code] : undefined;
  };
  const lotTracked = (i: number) => productOf(i)?.tracking === "lot";

  // Lot and expiry belong to lot-tracked products only: a line whose product is known not to be
  // lot-tracked sends neither, even if something was typed before the SKU changed.
  useEffect(() => {
    (watchedLines ?? []).forEach((l, i) => {
      const code = (l?.sku ?? "").trim();
      const p = code ? products[code] : undefined;
      if (p && p.tracking !== "lot" && (l.lot || l.expiresAt)) {
        setValue(`lines.${i}.lot`, "");
        setValue(`lines.${i}.expiresAt`, "");
      }
    });
  }, [watchedLines, products, setValue]);

  const addLine = () => {
    if (lines.fields.length < MAX_LINES) lines.append(emptyLine(), { shouldFocus: true });
  };

  // Removes line i (never the last one left) and puts the focus on the SKU of the line that takes its place.
  const removeLine = (i: number) => {
    if (lines.fields.length <= 1) return;
    lines.remove(i);
    const next = Math.min(i, lines.fields.length - 2);
    requestAnimationFrame(() => setFocus(`lines.${next}.sku`));
  };

  // Alt+N adds a line, Alt+Backspace removes the line with the focus, Ctrl/⌘+Enter posts — from
  // anywhere on the page; "?" (outside a text field, so typing is never taken) lists them.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
        e.preventDefault();
        if (lines.fields.length < MAX_LINES) lines.append(emptyLine(), { shouldFocus: true });
      } else if (e.altKey && !e.ctrlKey && !e.metaKey && e.key === "Backspace") {
        const line = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-line]");
        if (!line || !formRef.current?.contains(line)) return;
        e.preventDefault();
        removeLine(Number(line.dataset.line));
      } else if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        // Not behind an open dialog (the confirmation above the entry limit answers first).
        if (formRef.current?.querySelector("dialog[open]")) return;
        formRef.current?.requestSubmit();
      } else if (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        if (helpRef.current?.open) helpRef.current.close();
        else helpRef.current?.showModal();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  // SKU autocomplete: the datalist follows what is typed in any SKU field, debounced.
  useEffect(() => {
    if (skuQuery.trim().length < 2) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const r = await search(skuQuery).catch(() => null);
      if (!stale && r?.ok) setSkuOptions(r.data);
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [skuQuery, search]);

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    // Receipt lines worth more than the limit (quantity × unit cost, base currency) are confirmed first.
    if (values.type === "in") {
      const base = entryLimit.currency;
      const worth: OverLimit[] = values.lines.flatMap((l, i) =>
        l.unitCost && l.quantity && amountSchema.safeParse(l.unitCost).success ? [{ n: i + 1, amount: lineAmount(l.quantity, l.unitCost, base), currency: base }] : [],
      );
      if (!(await confirmOver(worth, "post"))) return;
    }
    const key = keyFor(values);
    for (let attempt = 0; ; attempt++) {
      let r: Awaited<ReturnType<typeof action>>;
      try {
        r = await action(values, key);
      } catch {
        // No answer (network, timeout): the key stays, so posting again cannot post twice.
        setBanner(t("noAnswer"));
        toast.error(t("noAnswer"));
        return;
      }
      if (r.ok) {
        toastResult(r, t("toast.posted"));
        resetKey();
        setNavigating(true);
        router.push(`/movements/${r.data.id}?posted=1`);
        return;
      }
      if (r.error.code === "IDEMPOTENCY_IN_PROGRESS" && attempt < IN_PROGRESS_RETRIES) {
        await new Promise((res) => setTimeout(res, 600));
        continue;
      }
      const fields = ["type", "reference", "note", "reason", "lines", ...values.lines.flatMap((_, i) => LINE_FIELDS.map((f) => `lines.${i}.${f}`))];
      const banner = applyServerErrors(r.error, setError, fields);
      setBanner(banner);
      toastResult(r, null, banner);
      return;
    }
  });

  const busy = isSubmitting || navigating;
  const hasErrors = Object.keys(errors).length > 0;
  const linesError = errorText(errors.lines?.message ?? errors.lines?.root?.message);
  const reasonError = errorText(errors.reason?.message);
  const referenceError = errorText(errors.reference?.message);
  const noteError = errorText(errors.note?.message);

  // Column layout of a line on md+ screens, per type.
  const cols =
    type === "transfer"
      ? "md:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)_minmax(0,1fr)_7rem_auto]"
      : type === "in"
        ? "md:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)_7rem_minmax(0,1fr)_9.5rem_7rem_auto]"
        : "md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_7rem_auto]";
  const headers: string[] =
    type === "transfer"
      ? [t("sku"), t("from"), t("to"), t("quantity")]
      : type === "in"
        ? [t("sku"), t("location"), t("quantity"), t("lot"), t("expiresAt"), t("unitCost")]
        : [t("sku"), t("location"), type === "adjust" ? t("counted") : t("quantity")];

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs" aria-describedby="movement-shortcuts">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("postFailed")}>
            {banner}
          </Alert>
        </div>
      ) : hasErrors && !isSubmitting ? (
        <p className="sr-only" role="alert">
          {t("fixErrors")}
        </p>
      ) : null}

      <FormSection title={t("sectionDocument")} description={t("sectionDocumentHint")}>
        <Field id="type" label={t("type")} hint={t(`typeHints.${type}`)}>
          <Select {...fieldIds("type", { hint: true }).control} {...register("type")}>
            {types.map((k) => (
              <option key={k} value={k}>
                {t(`types.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="reference" label={t("reference")} error={referenceError} hint={t("referenceHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("reference", { error: referenceError, hint: true }).control} autoComplete="off" {...register("reference")} />
        </Field>
        {type === "write_off" ? (
          <Field id="reason" label={t("reason")} error={reasonError} hint={t("reasonHint")} className="sm:col-span-2">
            <Input {...fieldIds("reason", { error: reasonError, hint: true }).control} autoComplete="off" {...register("reason")} />
          </Field>
        ) : null}
        <Field id="note" label={t("note")} error={noteError} optional optionalLabel={tc("optional")} className="sm:col-span-2">
          <textarea {...fieldIds("note", { error: noteError }).control} rows={2} className={cn(controlClasses, "min-h-16 py-2")} {...register("note")} />
        </Field>
      </FormSection>

      <section aria-labelledby="lines-heading" className="px-4 py-6 sm:px-6">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="lines-heading" className="text-sm font-semibold text-zinc-900">
            {t("lines")} <span className="font-normal text-zinc-500 tabular">({lines.fields.length})</span>
          </h2>
          <p className="text-sm text-zinc-500">{t("linesHint")}</p>
        </div>

        <datalist id="sku-options">
          {skuOptions.map((o) => (
            <option key={o.sku} value={o.sku}>
              {o.name}
            </option>
          ))}
        </datalist>
        <datalist id="location-options">
          {locations.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </datalist>

        <div aria-hidden className={cn("mb-1.5 hidden gap-3 px-0.5 text-xs font-medium tracking-wide text-zinc-500 uppercase md:grid", cols)}>
          <span className="pl-8">{headers[0]}</span>
          {headers.slice(1).map((h) => (
            <span key={h}>{h}</span>
          ))}
          <span className="w-10" />
        </div>

        <ol className="space-y-3 md:space-y-2">
          {lines.fields.map((row, i) => {
            const le = errors.lines?.[i];
            const e = Object.fromEntries(LINE_FIELDS.map((f) => [f, errorText((le as Record<string, { message?: string }> | undefined)?.[f]?.message)])) as Record<
              (typeof LINE_FIELDS)[number],
              string | undefined
            >;
            const id = (f: string) => `lines.${i}.${f}`;
            const label = "md:sr-only";
            const text = (f: "sku" | "location" | "from" | "to" | "lot", opts: { list?: string; mono?: boolean; placeholder?: string; hint?: string } = {}) => (
              <Field id={id(f)} label={<span className={label}>{t(f)}</span>} error={e[f]} hint={opts.hint}>
                <Input
                  {...fieldIds(id(f), { error: e[f], hint: opts.hint }).control}
                  list={opts.list}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={opts.placeholder}
                  className={opts.mono ? "font-mono" : undefined}
                  {...register(`lines.${i}.${f}`, f === "sku" ? { onChange: (ev) => setSkuQuery(ev.target.value) } : undefined)}
                />
              </Field>
            );
            const num = (f: "quantity" | "counted") => (
              <Field id={id(f)} label={<span className={label}>{t(f)}</span>} error={e[f]}>
                <Input
                  {...fieldIds(id(f), { error: e[f] }).control}
                  type="number"
                  inputMode="numeric"
                  min={f === "counted" ? 0 : 1}
                  step={1}
                  className="text-right tabular"
                  {...register(`lines.${i}.${f}`, { setValueAs: asNumber })}
                />
              </Field>
            );
            const product = productOf(i);
            const at = ((type === "transfer" ? watchedLines?.[i]?.from : watchedLines?.[i]?.location) ?? "").trim().toUpperCase();
            const skuHint =
              product === null
                ? t("lineUnknownProduct")
                : product
                  ? `${product.name} · ${at ? t("lineOnHandAt", { quantity: product.at[at] ?? 0, unit: product.unit, location: at }) : t("lineOnHandTotal", { quantity: product.total, unit: product.unit })}`
                  : undefined;
            const showLot = type === "in" && lotTracked(i);
            return (
              <li key={row.id} data-line={i}>
                <fieldset className={cn("grid min-w-0 grid-cols-2 gap-3 rounded-lg border border-zinc-200 p-3 md:items-start md:border-0 md:p-0", cols)}>
                  <legend className="float-left mb-1 w-full text-sm font-semibold text-zinc-900 md:sr-only">{t("lineN", { n: i + 1 })}</legend>
                  <div className="col-span-2 flex min-w-0 gap-2 md:col-span-1">
                    <span aria-hidden className="hidden h-10 w-6 shrink-0 items-center justify-end text-xs text-zinc-400 tabular md:flex">
                      {i + 1}
                    </span>
                    <div className="min-w-0 flex-1">{text("sku", { list: "sku-options", mono: true, placeholder: t("skuPlaceholder"), hint: skuHint })}</div>
                  </div>
                  {type === "transfer" ? (
                    <>
                      {text("from", { list: "location-options", mono: true })}
                      {text("to", { list: "location-options", mono: true })}
                    </>
                  ) : (
                    text("location", { list: "location-options", mono: true })
                  )}
                  {num(type === "adjust" ? "counted" : "quantity")}
                  {type === "in" ? (
                    <>
                      {showLot ? (
                        <>
                          {text("lot", { mono: true, placeholder: t("optional") })}
                          <Field id={id("expiresAt")} label={<span className={label}>{t("expiresAt")}</span>} error={e.expiresAt}>
                            <Input {...fieldIds(id("expiresAt"), { error: e.expiresAt }).control} type="date" {...register(`lines.${i}.expiresAt`)} />
                          </Field>
                        </>
                      ) : (
                        <>
                          <div aria-hidden className="hidden md:block" />
                          <div aria-hidden className="hidden md:block" />
                        </>
                      )}
                      <Field id={id("unitCost")} label={<span className={label}>{t("unitCost")}</span>} error={e.unitCost}>
                        <MoneyInput {...fieldIds(id("unitCost"), { error: e.unitCost }).control} {...register(`lines.${i}.unitCost`)} />
                      </Field>
                    </>
                  ) : null}
                  <div className="flex items-end justify-end md:items-start">
                    <Button
                      variant="ghost"
                      size="icon"
                      onClick={() => removeLine(i)}
                      disabled={lines.fields.length === 1}
                      aria-keyshortcuts="Alt+Backspace"
                      className="text-zinc-400 hover:text-red-600"
                    >
                      <TrashIcon className="size-4" />
                      <span className="sr-only">{t("removeLine", { n: i + 1 })}</span>
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {linesError ? <p className="mt-2 text-sm text-red-700">{linesError}</p> : null}
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button variant="secondary" size="sm" onClick={addLine} disabled={lines.fields.length >= MAX_LINES} aria-keyshortcuts="Alt+N">
            <PlusIcon className="size-4" />
            {t("addLine")}
          </Button>
        </div>
      </section>

      <FormActions>
        <div className="mr-auto hidden flex-wrap items-center gap-3 text-xs text-zinc-500 sm:flex">
          <p id="movement-shortcuts" className="flex flex-wrap items-center gap-3">
            <span>
              <Kbd>Alt</Kbd>+<Kbd>N</Kbd> {t("shortcutAddLine")}
            </span>
            <span>
              <Kbd>Alt</Kbd>+<Kbd>Backspace</Kbd> {t("shortcutRemoveLine")}
            </span>
            <span>
              <Kbd>Ctrl</Kbd>/<Kbd>⌘</Kbd>+<Kbd>Enter</Kbd> {t("shortcutPost")}
            </span>
          </p>
          <button type="button" onClick={() => helpRef.current?.showModal()} aria-keyshortcuts="?" className="rounded font-medium text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500">
            {t("shortcutsAll")} <Kbd>?</Kbd>
          </button>
        </div>
        <Link href="/movements" className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy ? t("posting") : t("post")}
        </Button>
      </FormActions>

      <dialog
        ref={helpRef}
        aria-labelledby="shortcuts-title"
        className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl"
        onClick={(e) => {
          if (e.target === e.currentTarget) e.currentTarget.close();
        }}
      >
        <div className="p-5 sm:p-6">
          <h2 id="shortcuts-title" className="text-base font-semibold">
            {t("shortcutsTitle")}
          </h2>
          <dl className="mt-4 grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2.5 text-sm">
            {(
              [
                [["Alt", "N"], t("shortcutAddLine")],
                [["Alt", "Backspace"], t("shortcutRemoveLine")],
                [["Ctrl", "Enter"], t("shortcutPost")],
                [["⌘", "Enter"], t("shortcutPost")],
                [["?"], t("shortcutHelp")],
              ] as const
            ).map(([keys, what]) => (
              <div key={keys.join("+")} className="contents">
                <dt className="whitespace-nowrap">
                  {keys.map((k, j) => (
                    <span key={k}>
                      {j > 0 ? "+" : null}
                      <Kbd>{k}</Kbd>
                    </span>
                  ))}
                </dt>
                <dd className="text-zinc-600">{what}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-4 text-xs text-zinc-500">{t("shortcutsNote")}</p>
        </div>
        <div className="flex justify-end border-t border-zinc-100 bg-zinc-50/60 px-5 py-4 sm:px-6">
          <Button variant="secondary" onClick={() => helpRef.current?.close()} autoFocus>
            {tc("close")}
          </Button>
        </div>
      </dialog>
      {confirmDialog}
    </form>
  );
}

/** True when a key press goes into something the user types in (so "?" stays a character there). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-zinc-300 bg-white px-1.5 py-0.5 font-mono text-[0.6875rem] text-zinc-700 shadow-xs">{children}</kbd>;
}
