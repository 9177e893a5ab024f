"use client";
// Toasts for the outcome of server actions (sonner): one <Toaster> per layout, and toastResult()
// to announce an ActionResult — the success text, or the action's (already localized) error.
// Sonner's region is aria-live="polite", so screen readers hear them; they add to, never replace,
// the inline field errors and banners of a form.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { toast, Toaster as Sonner } from "sonner";

// Toasts repeat what the page also shows (a banner, a notice, the field errors), so they let
// clicks through (pointer-events: none): they never cover a button someone is about to press, and
// a pointer resting on one does not hold it on screen. At the top, clear of the forms' buttons.
export function Toaster() {
  const t = useTranslations("common");
  return <Sonner position="top-center" richColors containerAriaLabel={t("toasts")} style={{ pointerEvents: "none" }} toastOptions={{ style: { pointerEvents: "none" } }} />;
}

type Result = { ok: true } | { ok: false; error: { message: string } };

/**
 * Shows a toast for an action's result and returns the result: `success` when it worked (none
 * when null), otherwise `failure` (e.g. the form's banner text) or the action's own message.
 */
export function toastResult<R extends Result>(r: R, success?: string | null, failure?: string | null): R {
  if (r.ok) {
    if (success) toast.success(success);
  } else {
    toast.error(failure || r.error.message);
  }
  return r;
}

/**
 * Toasts a message a server-rendered page found (e.g. a GET form's validation error) once, when
 * it appears; the page shows the same message inline too.
 */
export function ToastOnMount({ tone, message }: { tone: "success" | "error"; message: string }) {
  useEffect(() => {
    toast[tone](message, { id: `${tone}:${message}` });
  }, [tone, message]);
  return null;
}

export { toast };
