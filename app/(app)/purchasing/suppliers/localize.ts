// localizeResult for the supplier, exchange-rate and settings actions: the purchasing domain's
// messages (components/purchasing/suppliers/supplier-messages.ts) first, then the shared ones.
import { getTranslations } from "next-intl/server";
import { supplierMessage } from "@/components/purchasing/suppliers/supplier-messages";
import type { ActionResult } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";

export async function localizeSupplierResult<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) return result;
  const t = await getTranslations("suppliers.errors");
  const tr = (m: string) => {
    const match = supplierMessage(m);
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
