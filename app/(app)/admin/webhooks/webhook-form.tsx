"use client";
// New / edit webhook endpoint: URL, description, the events (checkboxes) and whether it is active.
// After a create the signing secret is shown once; the form then resets for the next endpoint.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, fieldIds, Input } from "@/components/ui/field";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action";
import { webhookEventKey as eventKey, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { webhookCreateSchema } from "@/lib/webhooks/schemas";
import { SecretReveal } from "./secret-reveal";

type Values = z.input<typeof webhookCreateSchema>;
type Output = z.output<typeof webhookCreateSchema>;
const FIELDS = ["url", "description", "events", "active"] as const;

export function WebhookForm({
  initial,
  create,
  update,
}: {
  initial?: { url: string; description: string; events: string[]; active: boolean };
  create?: (values: unknown) => Promise<ActionResult<{ id: string; url: string; secret: string }>>;
  update?: (values: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const defaults: Values = initial
    ? { url: initial.url, description: initial.description, events: initial.events as Values["events"], active: initial.active }
    : { url: "", description: "", events: ["movement.posted"], active: true };
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({ resolver: zodResolver(webhookCreateSchema), defaultValues: defaults });
  const id = initial ? "webhook-edit" : "webhook-new";

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setCreated(null);
    if (create) {
      const r = toastResult(await create(values), t("created"), t("createFailed"));
      if (!r.ok) return setBanner(applyServerErrors(r.error, setError, FIELDS));
      setCreated({ url: r.data.url, secret: r.data.secret });
      reset();
    } else if (update) {
      const r = toastResult(await update(values), t("saved"), t("saveFailed"));
      if (!r.ok) return setBanner(applyServerErrors(r.error, setError, FIELDS));
    }
    router.refresh();
  });

  const errorOf = (name: (typeof FIELDS)[number]) => {
    const e = errors[name];
    if (!e) return undefined;
    return e.type === "server" && e.message ? e.message : name === "active" ? undefined : t(`errors.${name}`);
  };
  const eventsError = errorOf("events");

  return (
    <div className="space-y-4">
      {created ? <SecretReveal url={created.url} secret={created.secret} /> : null}
      <form noValidate onSubmit={onSubmit} aria-label={initial ? t("settingsTitle") : t("createTitle")} className="space-y-4">
        {banner ? (
          <Alert tone="error" title={initial ? t("saveFailed") : t("createFailed")}>
            {banner}
          </Alert>
        ) : null}
        <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-2">
          <Field id={`${id}-url`} label={t("url")} error={errorOf("url")} hint={t("urlHint")}>
            <Input {...fieldIds(`${id}-url`, { error: errorOf("url"), hint: true }).control} type="url" inputMode="url" autoComplete="off" placeholder="https://erp.example.com/webhooks/wms" {...register("url")} />
          </Field>
          <Field id={`${id}-description`} label={t("description")} error={errorOf("description")} hint={t("descriptionHint")}>
            <Input {...fieldIds(`${id}-description`, { error: errorOf("description"), hint: true }).control} autoComplete="off" {...register("description")} />
          </Field>
        </div>
        <fieldset className="min-w-0 space-y-2" aria-describedby={eventsError ? `${id}-events-error` : `${id}-events-hint`} aria-invalid={eventsError ? true : undefined}>
          <legend className="text-sm font-medium text-zinc-800">{t("events")}</legend>
          <p id={`${id}-events-hint`} className="text-xs text-zinc-500">
            {t("eventsHint")}
          </p>
          <div className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex min-h-11 items-center gap-2.5 text-sm text-zinc-800 md:min-h-8">
                <Checkbox value={type} {...register("events")} />
                <span className="min-w-0">
                  {t(`eventTypes.${eventKey(type)}`)}
                  <span className="block font-mono text-xs text-zinc-500">{type}</span>
                </span>
              </label>
            ))}
          </div>
          {eventsError ? (
            <p id={`${id}-events-error`} className="text-sm text-red-700">
              {eventsError}
            </p>
          ) : null}
        </fieldset>
        <label className="flex min-h-11 items-center gap-2.5 text-sm text-zinc-800 md:min-h-8">
          <Checkbox {...register("active")} aria-describedby={`${id}-active-hint`} />
          <span>
            {t("active")}
            <span id={`${id}-active-hint`} className="block text-xs text-zinc-500">
              {t("activeHint")}
            </span>
          </span>
        </label>
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className="w-full sm:w-auto">
            {initial ? (isSubmitting ? t("saving") : t("save")) : isSubmitting ? t("creating") : t("create")}
          </Button>
        </div>
      </form>
    </div>
  );
}
