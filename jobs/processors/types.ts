import type { Job } from "bullmq";
import type { JobData, JobName, JobsSettings } from "../../lib/queue/config";

export type ProcessorContext = { job: Job; settings: JobsSettings; log: (msg: string, fields?: Record<string, unknown>) => void };

/** Gets the payload already validated against the job's schema; returns a small JSON result. */
export type Processor<N extends JobName> = (data: JobData<N>, ctx: ProcessorContext) => Promise<unknown>;
