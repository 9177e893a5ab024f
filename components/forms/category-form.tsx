"use client";
// Create a category, or rename/move one (the same two fields). Validated with the shared
// categoryCreateSchema / categoryUpdateSchema; server issues (e.g. a duplicate name among
// siblings, a move under its own subtree) land next to their field.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import { categoryCreateSchema } from "@/lib/catalog/schemas";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, fieldIds, Input, Select } from "../ui/field";
import { toastResult } from "../ui/toast";
import { applyServerErrors } from "./server-errors";
import { useErrorText } from "./use-error-text";

export type CategoryNodeOption = { id: string; name: string; depth: number };
type Values = z.input<typeof categoryCreateSchema>;

export function CategoryForm({
  options,
  defaultValues,
  action,
  submitLabel,
  onDone,
  onCancel,
}: {
  options: CategoryNodeOption[];
  defaultValues: { name: string; parentId: string };
  action: (values: unknown) => Promise<ActionResult<{ id: string }>>;
  submitLabel: string;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("categories");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const uid = useId();
  const [banner, setBanner] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof categoryCreateSchema>>({ resolver: zodResolver(categoryCreateSchema), defaultValues });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const r = await action({ name: values.name, parentId: values.parentId ?? null });
    if (!r.ok) {
      const banner = applyServerErrors(r.error, setError, ["name", "parentId"]);
      setBanner(banner);
      toastResult(r, null, banner);
      return;
    }
    toastResult(r, onDone ? t("toast.updated") : t("toast.created"));
    if (!onDone) reset(defaultValues);
    onDone?.();
    router.refresh();
  });

  const nameId = `${uid}-name`;
  const parentId = `${uid}-parent`;
  const nameError = errorText(errors.name?.message);
  const parentError = errorText(errors.parentId?.message);

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4">
      {banner ? <Alert tone="error">{banner}</Alert> : null}
      <Field id={nameId} label={t("name")} error={nameError}>
        <Input {...fieldIds(nameId, { error: nameError }).control} autoComplete="off" {...register("name")} />
      </Field>
      <Field id={parentId} label={t("parent")} error={parentError}>
        <Select {...fieldIds(parentId, { error: parentError }).control} {...register("parentId")}>
          <option value="">{t("topLevel")}</option>
          {options.map((c) => (
            <option key={c.id} value={c.id}>
              {"\u00A0\u00A0\u00A0".repeat(c.depth)}
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {tc("cancel")}
          </Button>
        ) : null}
        <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? tc("saving") : submitLabel}
        </Button>
      </div>
    </form>
  );
}
