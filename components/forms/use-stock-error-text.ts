"use client";
import { useTranslations } from "next-intl";
import { stockMessage } from "@/lib/i18n/stock-messages";
import { useErrorText } from "./use-error-text";

/** Like useErrorText, for the stock and count schemas' messages (which carry codes and numbers). */
export function useStockErrorText() {
  const t = useTranslations("movements.errors");
  const fallback = useErrorText();
  return (message: string | undefined): string | undefined => {
    const match = stockMessage(message);
    if (match && t.has(match.key)) return t(match.key, match.values);
    return fallback(message);
  };
}
