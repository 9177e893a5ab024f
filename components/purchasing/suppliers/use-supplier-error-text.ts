"use client";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/forms/use-error-text";
import { supplierMessage } from "./supplier-messages";

/** Like useErrorText, for the purchasing schemas' messages (suppliers, rates, settings). */
export function useSupplierErrorText() {
  const t = useTranslations("suppliers.errors");
  const fallback = useErrorText();
  return (message: string | undefined): string | undefined => {
    const match = supplierMessage(message);
    if (match && t.has(match.key)) return t(match.key, match.values);
    return fallback(message);
  };
}
