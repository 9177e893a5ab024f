"use client";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/forms/use-error-text";
import { serialMessage } from "./messages";

/** A client-side validation message of the serial schemas in the user's language (then the shared ones). */
export function useSerialErrorText() {
  const t = useTranslations("serials.errors");
  const shared = useErrorText();
  return (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const m = serialMessage(message);
    return m && t.has(m.key) ? t(m.key, m.values) : shared(message);
  };
}
