"use client";
// Create / edit a variant group: name, description and the member products with their priority.
// The rows are turned into the domain's input by variantGroupFromForm; the server validates it
// (SKUs exist, each product once) and its issues land next to their fields.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/action";
import { MAX_GROUP_MEMBERS, variantGroupFromForm, type VariantGroupFormValues } from "@/lib/catalog/variant-group-schemas";
import { Alert } from "../ui/alert";
import { Button, buttonClasses } from "../ui/button";
import { Field, fieldIds, Input } from "../ui/field";
import { PlusIcon, TrashIcon } from "../ui/icons";
import { FormActions, FormSection } from "./form-shell";
import { toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useErrorText } from "./use-error-text";

export function VariantGroupForm({
  mode,
  defaultValues,
  action,
  cancelHref,
}: {
  mode: "create" | "edit";
  defaultValues: VariantGroupFormValues;
  action: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  cancelHref: string;
}) {
  const t = useTranslations("variantGroups");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [navigating, setNavigating] = useState(false);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<VariantGroupFormValues>({ defaultValues });
  const members = useFieldArray({ control, name: "members" });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action(variantGroupFromForm(values));
    if (r.ok) {
      toastResult(r, t("toast.saved"));
      setNavigating(true);
      router.push("/variant-groups?saved=1");
      return;
    }
    const fields = ["name", "description", ...values.members.flatMap((_, i) => [`members.${i}.sku`, `members.${i}.priority`])];
    const banner = applyServerErrors(r.error, setError, fields);
    setBanner(banner);
    toastResult(r, null, banner);
  });

  const busy = isSubmitting || navigating;
  const nameError = errorText(errors.name?.message);
  const descriptionError = errorText(errors.description?.message);

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : null}
      <FormSection title={t("sectionBasics")} description={t("sectionBasicsHint")}>
        <Field id="name" label={t("name")} error={nameError}>
          <Input {...fieldIds("name", { error: nameError }).control} autoComplete="off" {...register("name")} />
        </Field>
        <Field id="description" label={t("description")} error={descriptionError} optional optionalLabel={tc("optional")}>
          <Input {...fieldIds("description", { error: descriptionError }).control} autoComplete="off" {...register("description")} />
        </Field>
      </FormSection>
      <FormSection title={t("sectionMembers")} description={t("sectionMembersHint")}>
        <div className="space-y-3 sm:col-span-2">
          {members.fields.length === 0 ? <p className="text-sm text-zinc-500">{t("noMembers")}</p> : null}
          {members.fields.map((row, i) => {
            const skuError = errorText(errors.members?.[i]?.sku?.message);
            const priorityError = errorText(errors.members?.[i]?.priority?.message);
            return (
              <fieldset key={row.id} className="grid min-w-0 grid-cols-[minmax(0,1fr)_6rem_auto] gap-2">
                <legend className="sr-only">{t("memberRow", { n: i + 1 })}</legend>
                <Field id={`members.${i}.sku`} label={t("sku")} error={skuError}>
                  <Input {...fieldIds(`members.${i}.sku`, { error: skuError }).control} autoComplete="off" spellCheck={false} autoCapitalize="characters" {...register(`members.${i}.sku`)} />
                </Field>
                <Field id={`members.${i}.priority`} label={t("priority")} error={priorityError}>
                  <Input {...fieldIds(`members.${i}.priority`, { error: priorityError }).control} type="number" inputMode="numeric" min={1} step={1} {...register(`members.${i}.priority`)} />
                </Field>
                <div className="flex items-end">
                  <Button variant="ghost" size="icon" onClick={() => members.remove(i)} className="text-zinc-400 hover:text-red-600">
                    <TrashIcon className="size-4" />
                    <span className="sr-only">{t("removeMember", { n: i + 1 })}</span>
                  </Button>
                </div>
              </fieldset>
            );
          })}
          {members.fields.length < MAX_GROUP_MEMBERS ? (
            <Button variant="secondary" size="sm" onClick={() => members.append({ sku: "", priority: String(members.fields.length + 1) }, { shouldFocus: true })}>
              <PlusIcon className="size-4" />
              {t("addMember")}
            </Button>
          ) : null}
          <p className="text-xs text-zinc-500">{t("priorityHint")}</p>
        </div>
      </FormSection>
      <FormActions>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? tc("saving") : mode === "create" ? t("create") : tc("saveChanges")}
        </Button>
      </FormActions>
    </form>
  );
}
