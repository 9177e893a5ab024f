"use client";
// Create a user (email, name, role, initial password) or edit one (name, role), with the
// domain's own zod schemas; server refusals land next to their field or in the banner.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type FieldErrors, type Resolver } from "react-hook-form";
import { z } from "zod";
import { FormActions, FormSection } from "@/components/forms/form-shell";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Checkbox, Field, fieldIds, Input, Select } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { ROLES } from "@/lib/auth/permissions";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { userCreateSchema } from "@/lib/users/schemas";

const editSchema = userCreateSchema.pick({ name: true, role: true, locale: true });
type Values = z.input<typeof userCreateSchema>;
type Output = z.output<typeof userCreateSchema>;
const FIELDS = ["email", "name", "role", "locale", "password"] as const;

export function UserForm({
  mode,
  defaultValues,
  action,
  lockRole,
}: {
  mode: "create" | "edit";
  defaultValues: Values;
  action: (values: unknown) => Promise<ActionResult<{ id: string }>>;
  /** Editing oneself: the role cannot change (the server refuses it too). */
  lockRole?: boolean;
}) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [navigating, setNavigating] = useState(false);
  const resolver = (mode === "create" ? zodResolver(userCreateSchema) : zodResolver(editSchema)) as Resolver<Values, unknown, Output>;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver, defaultValues });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setSaved(false);
    const r = toastResult(
      await action(mode === "create" ? values : { name: values.name, locale: values.locale, ...(lockRole ? {} : { role: values.role }) }),
      mode === "create" ? t("toast.created", { name: values.name }) : t("toast.saved", { name: values.name }),
      t("saveFailed"),
    );
    if (r.ok) {
      if (mode === "create") {
        setNavigating(true);
        router.push("/admin/users");
      } else {
        setSaved(true);
        router.refresh();
      }
      return;
    }
    if (r.error.code === "DUPLICATE") {
      setError("email", { type: "duplicate" }, { shouldFocus: true });
      return;
    }
    setBanner(applyServerErrors(r.error, setError, FIELDS));
  });

  const errorOf = (name: (typeof FIELDS)[number], errs: FieldErrors<Values>) => {
    const e = errs[name];
    if (!e) return undefined;
    if (e.type === "duplicate") return t("errors.emailTaken");
    if (e.type === "server" && e.message) return e.message;
    return t(`errors.${name}`);
  };
  const emailError = errorOf("email", errors);
  const nameError = errorOf("name", errors);
  const roleError = errorOf("role", errors);
  const passwordError = errorOf("password", errors);
  const busy = isSubmitting || navigating;

  return (
    <form noValidate onSubmit={onSubmit} className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      {banner ? (
        <div className="px-4 pt-5 sm:px-6">
          <Alert tone="error" title={t("saveFailed")}>
            {banner}
          </Alert>
        </div>
      ) : null}
      {saved ? (
        <div className="px-4 pt-5 sm:px-6" role="status">
          <Alert tone="success">{t("saved")}</Alert>
        </div>
      ) : null}
      <FormSection title={t("account")} description={mode === "create" ? t("accountHint") : undefined}>
        {mode === "create" ? (
          <Field id="email" label={t("email")} error={emailError} className="sm:col-span-2">
            <Input {...fieldIds("email", { error: emailError }).control} type="email" autoComplete="off" spellCheck={false} {...register("email")} />
          </Field>
        ) : null}
        <Field id="name" label={t("name")} error={nameError}>
          <Input {...fieldIds("name", { error: nameError }).control} autoComplete="off" {...register("name")} />
        </Field>
        <Field id="role" label={t("role")} error={roleError} hint={lockRole ? t("ownRole") : t("roleHint")}>
          {lockRole ? (
            <Input {...fieldIds("role", { hint: true }).control} readOnly value={tc(`roles.${defaultValues.role}`)} />
          ) : (
            <Select {...fieldIds("role", { error: roleError, hint: true }).control} {...register("role")}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tc(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="locale" label={t("locale")} hint={t("localeHint")}>
          <Select {...fieldIds("locale", { hint: true }).control} {...register("locale")}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </Select>
        </Field>
      </FormSection>
      {mode === "create" ? (
        <FormSection title={t("password")} description={t("passwordSection")}>
          <Field id="password" label={t("initialPassword")} error={passwordError} hint={t("passwordHint")} className="sm:col-span-2">
            <Input {...fieldIds("password", { error: passwordError, hint: true }).control} type="password" autoComplete="new-password" {...register("password")} />
          </Field>
          <label className="flex min-h-11 items-start gap-3 text-sm font-medium text-zinc-800 sm:col-span-2">
            <Checkbox className="mt-0.5" {...register("sendInvitation")} />
            <span>
              {t("sendInvitation")}
              <span className="block font-normal text-zinc-500">{t("sendInvitationHint")}</span>
            </span>
          </label>
        </FormSection>
      ) : null}
      <FormActions>
        <Link href="/admin/users" className={buttonClasses({ variant: "secondary" })}>
          {tc("cancel")}
        </Link>
        <Button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? tc("saving") : mode === "create" ? t("create") : tc("saveChanges")}
        </Button>
      </FormActions>
    </form>
  );
}
