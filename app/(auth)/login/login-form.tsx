"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { deviceLanding } from "@/components/floor/landing";
import { useErrorText } from "@/components/forms/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldIds, Input } from "@/components/ui/field";
import { credentialsSchema } from "@/lib/auth/credentials-schema";
import { login, type LoginError } from "./actions";

type Values = z.input<typeof credentialsSchema>;

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const [error, setError] = useState<LoginError | null>(null);
  const [navigating, setNavigating] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof credentialsSchema>>({
    resolver: zodResolver(credentialsSchema),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const r = await login(values, callbackUrl, deviceLanding());
    // On success the action redirects and nothing comes back; keep the button busy meanwhile.
    if (r?.error) setError(r.error);
    else setNavigating(true);
  });

  const emailError = errorText(errors.email?.message);
  const passwordError = errorText(errors.password?.message);
  const busy = isSubmitting || navigating;

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5">
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
