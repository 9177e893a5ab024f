// localizeResult for the supplier, exchange-rate and settings actions: keyed messages by key; the
// purchasing texts still matched by text (components/purchasing/suppliers/supplier-messages.ts)
// next, then the shared ones.
import { supplierMessage } from "@/components/purchasing/suppliers/supplier-messages";
import type { ActionResult } from "@/lib/action";
import { localizeResult } from "@/lib/i18n/localize-error";
import { translateKey } from "@/lib/i18n/translate-error";

export function localizeSupplierResult<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  return localizeResult(result, (t, m) => {
    const match = supplierMessage(m);
    return match ? translateKey(t, `suppliers.errors.${match.key}`, match.values) : undefined;
  });
}
