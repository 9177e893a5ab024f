"use client";
import { useTranslations } from "next-intl";
import { stockMessage } from "@/lib/i18n/stock-messages";
import { translateKey, type Translator } from "@/lib/i18n/translate-error";
import { useErrorText } from "./use-error-text";

/**
 * Like useErrorText, for the stock and count schemas' messages (which carry codes and numbers); a
 * refusal the server said by key (messageKey and params, lib/errors.ts) is translated by that key.
 */
export function useStockErrorText() {
  const t = useTranslations("movements.errors");
  const root = useTranslations();
  const fallback = useErrorText();
  return (message: string | undefined, ref?: { messageKey?: string; params?: Record<string, string | number> }): string | undefined => {
    if (ref?.messageKey) {
      const byKey = translateKey(root as unknown as Translator, ref.messageKey, ref.params);
      if (byKey !== undefined) return byKey;
    }
    const match = stockMessage(message);
    if (match && t.has(match.key)) return t(match.key, match.values);
    return fallback(message);
  };
}
