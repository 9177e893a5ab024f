import { nightlyReconcile } from "../../lib/maintenance/nightly-reconcile";
import type { Processor } from "./types";

// The job id names the run (a scheduler iteration or a manual run), so a retry notifies once.
export const reconcileProcessor: Processor<"maintenance.reconcile"> = (_data, { job }) => nightlyReconcile(job.id ?? `t${job.timestamp}`);
