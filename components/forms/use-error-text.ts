"use client";
import { useTranslations } from "next-intl";
import { knownMessageKey } from "@/lib/i18n/known-messages";

/** Translates a validation message from the shared zod schemas (client-side errors) when known. */
export function useErrorText() {
  const t = useTranslations("validation");
  return (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const key = knownMessageKey(message);
    return key && t.has(key) ? t(key) : message;
  };
}
