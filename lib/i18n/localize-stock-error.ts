// localizeResult for stock and count actions: keyed messages by key; the stock schemas' zod texts
// without a key (./stock-messages.ts) by text.
import type { ActionResult } from "../action";
import { localizeResult } from "./localize-error";
import { stockFallback } from "./translate-error";

export function localizeStockResult<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  return localizeResult(result, stockFallback);
}
