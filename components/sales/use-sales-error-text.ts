"use client";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/forms/use-error-text";
import { salesMessage } from "./messages";

/** A field error in the user's language: the sales messages first, then the shared validation ones. */
export function useSalesErrorText() {
  const t = useTranslations("sales.errors");
  const shared = useErrorText();
  return (message: string | undefined): string | undefined => {
    const match = salesMessage(message);
    if (match && t.has(match.key)) return t(match.key, match.values);
    return shared(message);
  };
}
