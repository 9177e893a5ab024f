"use client";
// New API token: name, the user it acts as, scope and an optional last day. On success the secret
// is shown once, with a copy button (components/ui/secret-reveal.tsx); the list below refreshes.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input, Select } from "@/components/ui/field";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { API_TOKEN_SCOPES, apiTokenCreateSchema } from "@/lib/api-tokens/schemas";

type Values = z.input<typeof apiTokenCreateSchema>;
type Output = z.output<typeof apiTokenCreateSchema>;
const FIELDS = ["name", "userId", "scope", "expiresOn"] as const;

export function TokenCreate({
  users,
  action,
}: {
  users: { id: string; name: string; email: string; role: string }[];
  action: (values: unknown) => Promise<ActionResult<{ id: string; name: string; secret: string }>>;
}) {
  const t = useTranslations("admin.tokens");
  const tc = useTranslations("common");
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(apiTokenCreateSchema), defaultValues: { name: "", userId: "", scope: "read", expiresOn: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setCreated(null);
    const r = toastResult(await action(values), t("toast.created", { name: values.name }), t("createFailed"));
    if (!r.ok) {
      setBanner(applyServerErrors(r.error, setError, FIELDS));
      return;
    }
    setCreated({ name: r.data.name, secret: r.data.secret });
    reset();
    router.refresh();
  });

  const errorOf = (name: (typeof FIELDS)[number]) => {
    const e = errors[name];
    if (!e) return undefined;
    return e.type === "server" && e.message ? e.message : t(`errors.${name}`);
  };

  return (
    <div className="space-y-4">
      {created ? (
        <SecretReveal key={created.secret} id="new-token-secret" title={t("createdTitle", { name: created.name })} body={t("createdBody")} label={t("secretLabel")} secret={created.secret} copyLabel={t("copy")} copiedLabel={t("copied")} />
      ) : null}
      <form noValidate onSubmit={onSubmit} aria-label={t("createTitle")} className="space-y-4">
        {banner ? (
          <Alert tone="error" title={t("createFailed")}>
            {banner}
          </Alert>
        ) : null}
        <div className="grid grid-cols-1 items-start gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="token-name" label={t("name")} error={errorOf("name")} hint={t("nameHint")}>
            <Input {...fieldIds("token-name", { error: errorOf("name"), hint: true }).control} autoComplete="off" {...register("name")} />
          </Field>
          <Field id="token-user" label={t("actsAs")} error={errorOf("userId")} hint={t("actsAsHint")}>
            <Select {...fieldIds("token-user", { error: errorOf("userId"), hint: true }).control} {...register("userId")}>
              <option value="">{t("chooseUser")}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({tc(`roles.${u.role}`)})
                </option>
              ))}
            </Select>
          </Field>
          <Field id="token-scope" label={t("scope")} error={errorOf("scope")} hint={t("scopeHint")}>
            <Select {...fieldIds("token-scope", { error: errorOf("scope"), hint: true }).control} {...register("scope")}>
              {API_TOKEN_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`scopes.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="token-expires" label={t("expiresOn")} error={errorOf("expiresOn")} hint={t("expiresHint")} optional optionalLabel={tc("optional")}>
            <Input {...fieldIds("token-expires", { error: errorOf("expiresOn"), hint: true }).control} type="date" {...register("expiresOn")} />
          </Field>
        </div>
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className="w-full sm:w-auto">
            {isSubmitting ? t("creating") : t("create")}
          </Button>
        </div>
      </form>
    </div>
  );
}
