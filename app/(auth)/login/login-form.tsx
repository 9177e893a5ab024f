"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { deviceLanding } from "@/components/floor/landing";
import { useErrorText } from "@/components/forms/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { credentialsSchema } from "@/lib/auth/credentials-schema";
import { login } from "./actions";

type Values = z.input<typeof credentialsSchema>;

/**
 * The sign-in form posts to a server action (`<form action>`): before the page's JavaScript has
 * loaded — or without it — the browser submits a POST, so the password never goes into a URL. With
 * JavaScript, the fields are checked first and the device's landing preference is added.
 */
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const [state, formAction, pending] = useActionState(login, null);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values, unknown, z.output<typeof credentialsSchema>>({
    resolver: zodResolver(credentialsSchema),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit((_values, e) => {
    const data = new FormData(e?.target as HTMLFormElement);
    data.set("landing", deviceLanding());
    startTransition(() => formAction(data));
  });
  const error = state?.error ?? null;
  const emailError = errorText(errors.email?.message);
  const passwordError = errorText(errors.password?.message);
  const busy = pending;

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      {error ? <Alert tone="error">{t(`errors.${error}`)}</Alert> : null}
      <Field id="email" label={t("email")} error={emailError}>
        <Input {...fieldIds("email", { error: emailError }).control} type="email" autoComplete="username" inputMode="email" autoCapitalize="none" spellCheck={false} autoFocus {...register("email")} />
      </Field>
      <Field id="password" label={t("password")} error={passwordError}>
        <Input {...fieldIds("password", { error: passwordError }).control} type="password" autoComplete="current-password" {...register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={busy} aria-busy={busy}>
        {busy ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
