// localizeResult for stock and count actions: the domain's messages with codes in them
// (lib/i18n/stock-messages.ts) first, then the shared validation messages.
import { getTranslations } from "next-intl/server";
import type { ActionResult } from "../action";
import { localizeResult } from "./localize-error";
import { stockMessage } from "./stock-messages";

export async function localizeStockResult<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) return result;
  const t = await getTranslations("movements.errors");
  const tr = (m: string) => {
    const match = stockMessage(m);
    return match && t.has(match.key) ? t(match.key, match.values) : m;
  };
  const { error } = result;
  return localizeResult({
    ok: false,
    error: {
      ...error,
      message: tr(error.message),
      ...(error.issues ? { issues: error.issues.map((i) => ({ path: i.path, message: tr(i.message) })) } : {}),
    },
  });
}
