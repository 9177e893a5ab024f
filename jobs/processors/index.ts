// Job name → processor. The type makes a job without a processor a compile error.
import type { JobName } from "../../lib/queue/config";
import { backupProcessor } from "./backup";
import { cleanupProcessor } from "./cleanup";
import { reconcileProcessor } from "./reconcile";
import { refreshSummaryProcessor } from "./refresh-summary";
import { sendEmailProcessor } from "./send-email";
import { oneProductProcessor, stockFollowupsProcessor } from "./stock-followups";
import { sweepAlertsProcessor } from "./sweep-alerts";
import type { Processor } from "./types";
import { webhooksDeliverProcessor, webhooksFanoutProcessor, webhooksResumeProcessor } from "./webhooks";

export const PROCESSORS: { [N in JobName]: Processor<N> } = {
  "alerts.check-product": oneProductProcessor,
  "alerts.sweep": sweepAlertsProcessor,
  "stock.in-stock": oneProductProcessor,
  "stock.followups": stockFollowupsProcessor,
  "stock.refresh-summary": refreshSummaryProcessor,
  "email.send": sendEmailProcessor,
  "maintenance.reconcile": reconcileProcessor,
  "maintenance.cleanup": cleanupProcessor,
  "maintenance.backup": backupProcessor,
  "webhooks.fanout": webhooksFanoutProcessor,
  "webhooks.deliver": webhooksDeliverProcessor,
  "webhooks.resume": webhooksResumeProcessor,
};
