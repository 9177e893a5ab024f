// Job name → processor. The type makes a job without a processor a compile error.
import type { JobName } from "../../lib/queue/config";
import { backupProcessor } from "./backup";
import { checkProductAlertProcessor } from "./check-product-alert";
import { cleanupProcessor } from "./cleanup";
import { recomputeInStockProcessor } from "./recompute-in-stock";
import { reconcileProcessor } from "./reconcile";
import { refreshSummaryProcessor } from "./refresh-summary";
import { sendEmailProcessor } from "./send-email";
import { sweepAlertsProcessor } from "./sweep-alerts";
import type { Processor } from "./types";

export const PROCESSORS: { [N in JobName]: Processor<N> } = {
  "alerts.check-product": checkProductAlertProcessor,
  "alerts.sweep": sweepAlertsProcessor,
  "stock.in-stock": recomputeInStockProcessor,
  "stock.refresh-summary": refreshSummaryProcessor,
  "email.send": sendEmailProcessor,
  "maintenance.reconcile": reconcileProcessor,
  "maintenance.cleanup": cleanupProcessor,
  "maintenance.backup": backupProcessor,
};
