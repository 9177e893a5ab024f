import { refreshInventorySummary } from "../../lib/stock/reconcile";
import type { Processor } from "./types";

// REFRESH … CONCURRENTLY is idempotent; the debounce lives in how the job is enqueued (lib/queue/config.ts).
export const refreshSummaryProcessor: Processor<"stock.refresh-summary"> = async () => {
  const started = Date.now();
  await refreshInventorySummary();
  return { ms: Date.now() - started };
};
