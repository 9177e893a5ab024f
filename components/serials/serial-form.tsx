"use client";
// The serial item form. Create: product (SKU autocomplete), purchase source (kind, then a purchase
// order number or one of the kind's sources — or a new one made inline), flag, IMEI and dates.
// Edit: flag, IMEI and dates only. Validated by the domain's own schemas (the IMEI's length and
// check digit before anything is sent); the server's issues land next to their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { FormActions, FormSection } from "@/components/forms/form-shell";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Field, fieldIds, Input, Select } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { serialItemCreateSchema, serialItemUpdateSchema, SOURCE_KINDS, type OwnSourceKind, type SourceKind } from "@/lib/serials/schemas";
import { useSerialErrorText } from "./use-serial-error-text";

export type SerialFormValues = {
  sku: string;
  source: { kind: SourceKind; ref: string };
  flag: string;
  imei: string;
  transactionConfirmedAt: string;
  scheduledArrivalAt: string;
};
type SourceOption = { id: string; label: string };
type Saved = ActionResult<{ id: string; identifier: string }>;

const createResolver = zodResolver(serialItemCreateSchema) as unknown as Resolver<SerialFormValues>;
const editResolver = zodResolver(serialItemUpdateSchema) as unknown as Resolver<SerialFormValues>;
const FIELDS = ["sku", "source.kind", "source.ref", "flag", "imei", "transactionConfirmedAt", "scheduledArrivalAt"];

export function SerialForm({
  mode,
  cancelHref,
  defaultValues,
  sources,
  action,
  searchProducts,
  createSource,
}: {
  mode: "create" | "edit";
  cancelHref: string;
  defaultValues: SerialFormValues;
  /** The sources of the three own kinds (create only). */
  sources?: Record<OwnSourceKind, SourceOption[]>;
  action: (values: unknown) => Promise<Saved>;
  searchProducts?: (text: string) => Promise<ActionResult<{ sku: string; name: string }[]>>;
  createSource?: (kind: string, input: unknown) => Promise<ActionResult<SourceOption>>;
}) {
  const t = useTranslations("serials.form");
  const tk = useTranslations("serials.kinds");
  const tc = useTranslations("common");
  const errorText = useSerialErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const [options, setOptions] = useState<{ sku: string; name: string }[]>([]);
  const [query, setQuery] = useState("");
  const [own, setOwn] = useState<Record<string, SourceOption[]>>(sources ?? {});
  const [creatingSource, setCreatingSource] = useState(false);

  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<SerialFormValues>({ resolver: mode === "create" ? createResolver : editResolver, defaultValues });
  const kind = useWatch({ control, name: "source.kind" });
  const sku = useWatch({ control, name: "sku" });

  useEffect(() => {
    if (!searchProducts || query.trim().length < 2) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const r = await searchProducts(query).catch(() => null);
      if (!stale && r?.ok) setOptions(r.data);
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, searchProducts]);

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const input =
      mode === "create"
        ? values
        : { flag: values.flag, imei: values.imei, transactionConfirmedAt: values.transactionConfirmedAt, scheduledArrivalAt: values.scheduledArrivalAt };
    let r: Saved;
    try {
      r = await action(input);
    } catch {
      r = { ok: false, error: { code: "INTERNAL", message: t("saveFailed") } };
    }
    if (r.ok) {
      toastResult(r, null);
      setNavigating(true);
      router.push(`/serials/${r.data.id}?saved=1`);
      return;
    }
    const message = applyServerErrors(r.error, setError, FIELDS);
    setBanner(message);
    toastResult(r, null, message);
  });

  const busy = isSubmitting || navigating;
  const hasErrors = Object.keys(errors).length > 0;
  const e = {
    sku: errorText(errors.sku?.message),
    kind: errorText(errors.source?.kind?.message),
    ref: errorText(errors.source?.ref?.message ?? errors.source?.message),
    flag: errorText(errors.flag?.message),
    imei: errorText(errors.imei?.message),
    transactionConfirmedAt: errorText(errors.transactionConfirmedAt?.message),
    scheduledArrivalAt: errorText(errors.scheduledArrivalAt?.message),
  };
  const productName = options.find((o) => o.sku.toUpperCase() === (sku ?? "").trim().toUpperCase())?.name;
  const ownKind = kind && kind !== "purchase_order" ? (kind as OwnSourceKind) : null;
  const list = ownKind ? (own[ownKind] ?? []) : [];
  // A source created inline is chosen once its option is in the DOM (effects run after the commit).
  const choose = useRef<string | null>(null);
  useEffect(() => {
    const id = choose.current;
    if (id && document.querySelector(`select[name="source.ref"] option[value="${CSS.escape(id)}"]`)) {
      choose.current = null;
      setValue("source.ref", id, { shouldValidate: true });
    }
  });

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : hasErrors && !isSubmitting ? (
        <p className="sr-only" role="alert">
          {t("fixErrors")}
        </p>
      ) : null}

      {mode === "create" ? (
        <>
          <FormSection title={t("sectionProduct")} description={t("sectionProductHint")}>
            <Field id="sku" label={t("product")} error={e.sku} hint={productName ?? t("productHint")} className="sm:col-span-2">
              <Input
                {...fieldIds("sku", { error: e.sku, hint: true }).control}
                list="serial-product-options"
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                {...register("sku", { onChange: (ev) => setQuery(ev.target.value) })}
              />
            </Field>
            <datalist id="serial-product-options">
              {options.map((o) => (
                <option key={o.sku} value={o.sku}>
                  {o.name}
                </option>
              ))}
            </datalist>
          </FormSection>

          <FormSection title={t("sectionSource")} description={t("sectionSourceHint")}>
            <Field id="source.kind" label={t("sourceKind")} error={e.kind}>
              <Select
                {...fieldIds("source.kind", { error: e.kind }).control}
                {...register("source.kind", {
                  onChange: () => {
                    setValue("source.ref", "");
                    setCreatingSource(false);
                  },
                })}
              >
                {SOURCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tk(k)}
                  </option>
                ))}
              </Select>
            </Field>
            {kind === "purchase_order" ? (
              <Field id="source.ref" label={t("orderNumber")} error={e.ref}>
                <Input
                  {...fieldIds("source.ref", { error: e.ref }).control}
                  placeholder={t("orderNumberPlaceholder")}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono uppercase"
                  {...register("source.ref")}
                />
              </Field>
            ) : (
              <Field id="source.ref" label={t("sourceRef")} error={e.ref} hint={list.length === 0 ? t("noSources") : undefined}>
                <Select {...fieldIds("source.ref", { error: e.ref, hint: list.length === 0 }).control} {...register("source.ref")}>
                  <option value="">{t("chooseSource")}</option>
                  {list.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {ownKind && createSource ? (
              creatingSource ? (
                <NewSource
                  key={ownKind}
                  kind={ownKind}
                  createSource={createSource}
                  onCancel={() => setCreatingSource(false)}
                  onCreated={(s) => {
                    setOwn((o) => ({ ...o, [ownKind]: [s, ...(o[ownKind] ?? [])] }));
                    choose.current = s.id;
                    setCreatingSource(false);
                  }}
                />
              ) : (
                <div className="sm:col-span-2">
                  <Button variant="secondary" size="sm" onClick={() => setCreatingSource(true)}>
                    <PlusIcon className="size-3.5" />
                    {t("newSource")}
                  </Button>
                </div>
              )
            ) : null}
          </FormSection>
        </>
      ) : null}

      <FormSection title={t("sectionItem")} description={mode === "create" ? t("sectionItemHint") : undefined}>
        <Field id="imei" label={t("imei")} error={e.imei} hint={t("imeiHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("imei", { error: e.imei, hint: true }).control} inputMode="numeric" autoComplete="off" spellCheck={false} className="font-mono" {...register("imei")} />
        </Field>
        <Field id="flag" label={t("flag")} error={e.flag} hint={t("flagHint")} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("flag", { error: e.flag, hint: true }).control} autoComplete="off" maxLength={100} {...register("flag")} />
        </Field>
        <Field id="transactionConfirmedAt" label={t("transactionConfirmedAt")} error={e.transactionConfirmedAt} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("transactionConfirmedAt", { error: e.transactionConfirmedAt }).control} type="date" {...register("transactionConfirmedAt")} />
        </Field>
        <Field id="scheduledArrivalAt" label={t("scheduledArrivalAt")} error={e.scheduledArrivalAt} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("scheduledArrivalAt", { error: e.scheduledArrivalAt }).control} type="date" {...register("scheduledArrivalAt")} />
        </Field>
      </FormSection>

      <FormActions>
        <LinkButton href={cancelHref} variant="secondary">
          {t("cancel")}
        </LinkButton>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t("saving") : mode === "create" ? t("create") : t("save")}
        </Button>
      </FormActions>
    </form>
  );
}

const SOURCE_FIELDS: Record<OwnSourceKind, { name: string; required?: boolean; date?: boolean }[]> = {
  online_order: [{ name: "platform", required: true }, { name: "orderNumber", required: true }, { name: "orderedAt", date: true }, { name: "buyerAccount" }, { name: "note" }],
  corporate_purchase: [{ name: "companyName", required: true }, { name: "invoiceNumber" }, { name: "purchasedAt", date: true }, { name: "contact" }, { name: "note" }],
  temporary_channel: [{ name: "name", required: true }, { name: "contact" }, { name: "note" }],
};

/** A small form (inside the item form, so no <form> of its own) making a source of `kind`. */
function NewSource({
  kind,
  createSource,
  onCreated,
  onCancel,
}: {
  kind: OwnSourceKind;
  createSource: (kind: string, input: unknown) => Promise<ActionResult<SourceOption>>;
  onCreated: (s: SourceOption) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("serials.form");
  const tk = useTranslations("serials.kinds");
  const tc = useTranslations("common");
  const te = useTranslations("serials.errors");
  const errorText = useSerialErrorText();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fields = SOURCE_FIELDS[kind];

  const save = async () => {
    setProblem(null);
    const missing = Object.fromEntries(fields.filter((f) => f.required && !(values[f.name] ?? "").trim()).map((f) => [f.name, te("required")]));
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setPending(true);
    const r = await createSource(kind, values).catch((): ActionResult<SourceOption> => ({ ok: false, error: { code: "INTERNAL", message: t("saveFailed") } }));
    setPending(false);
    if (r.ok) {
      toastResult(r, t("sourceCreated", { label: r.data.label }));
      onCreated(r.data);
      return;
    }
    const placed = Object.fromEntries((r.error.issues ?? []).filter((i) => fields.some((f) => f.name === i.path)).map((i) => [i.path, errorText(i.message) ?? i.message]));
    setErrors(placed);
    if (!Object.keys(placed).length) setProblem(r.error.message);
  };

  return (
    <fieldset className="grid grid-cols-1 gap-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 sm:col-span-2 sm:grid-cols-2">
      <legend className="px-1 text-sm font-semibold text-zinc-900">{t("newSourceTitle", { kind: tk(kind).toLowerCase() })}</legend>
      {fields.map((f) => {
        const id = `new-source-${f.name}`;
        return (
          <Field key={f.name} id={id} label={t(`fields.${f.name}`)} error={errors[f.name]} optional={!f.required} optionalLabel={tc("optional")} className={f.name === "note" ? "sm:col-span-2" : undefined}>
            <Input
              {...fieldIds(id, { error: errors[f.name] }).control}
              type={f.date ? "date" : "text"}
              value={values[f.name] ?? ""}
              onChange={(ev) => {
                const v = ev.currentTarget.value;
                setValues((o) => ({ ...o, [f.name]: v }));
              }}
              onKeyDown={(ev) => {
                if (ev.key === "Enter") {
                  ev.preventDefault();
                  void save();
                }
              }}
            />
          </Field>
        );
      })}
      {problem ? (
        <p role="alert" className="text-sm font-medium text-red-700 sm:col-span-2">
          {problem}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button size="sm" onClick={() => void save()} disabled={pending} aria-busy={pending}>
          {t("createSource")}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={pending}>
          {t("cancelSource")}
        </Button>
      </div>
    </fieldset>
  );
}
