"use client";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/forms/use-error-text";
import { purchaseMessage } from "./messages";

/** A field error in the user's language: purchasing's own messages first, then the shared validation ones. */
export function usePurchaseErrorText() {
  const t = useTranslations("purchasing.errors");
  const shared = useErrorText();
  return (message: string | undefined): string | undefined => {
    const match = purchaseMessage(message);
    if (match && t.has(match.key)) return t(match.key, match.values);
    return shared(message);
  };
}
