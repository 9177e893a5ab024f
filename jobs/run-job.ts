// What every job goes through (the worker's one processor function): the payload is validated with
// the job's zod schema — an invalid one fails at once, without retries, and shows on the queue
// dashboard — then the job's processor runs, and its failure is classified: retryable errors are
// rethrown for BullMQ's exponential backoff, the rest become UnrecoverableError.
// The job runs in a request context holding the request ids that planned it (lib/queue/job-meta.ts),
// so every line it logs carries them (`requestIds`); its duration and failures are metrics.
import { UnrecoverableError, type Job } from "bullmq";
import { z } from "zod";
import { isJobName, JOBS, type JobName, type JobsSettings } from "../lib/queue/config";
import { classifyError } from "../lib/queue/errors";
import { splitJobData } from "../lib/queue/job-meta";
import { log } from "../lib/log";
import { workerMetrics } from "../lib/metrics/worker";
import { requestContext } from "../lib/request-context";
import { PROCESSORS } from "./processors";
import type { Processor } from "./processors/types";

export function createJobRunner(settings: JobsSettings) {
  return async function runJob(job: Job): Promise<unknown> {
    const { payload, requestIds } = splitJobData(job.data);
    return requestContext.run({ requestIds }, () => run(job, payload, settings));
  };
}

async function run(job: Job, payload: unknown, settings: JobsSettings): Promise<unknown> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const fields = { queue: job.queueName, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 };
  const failed = (retryable: boolean) => {
    workerMetrics.jobFailures.inc({ job: isJobName(job.name) ? job.name : "unknown", retryable: String(retryable) });
    workerMetrics.jobDuration.observe({ job: isJobName(job.name) ? job.name : "unknown", outcome: "failed" }, (performance.now() - started) / 1000);
  };
  if (!isJobName(job.name)) {
    failed(false);
    throw new UnrecoverableError(`No processor for job "${job.name}".`);
  }
  const parsed = JOBS[job.name].schema.safeParse(payload);
  if (!parsed.success) {
    failed(false);
    throw new UnrecoverableError(`Invalid payload for ${job.name}: ${z.prettifyError(parsed.error)}`);
  }
  const processor = PROCESSORS[job.name] as Processor<JobName>;
  try {
    const result = await processor(parsed.data as never, {
      job,
      settings,
      log: (msg, extra) => log.info(msg, { ...fields, ...extra }),
    });
    workerMetrics.jobDuration.observe({ job: job.name, outcome: "completed" }, (performance.now() - started) / 1000);
    log.info("job done", { ...fields, ms: ms(), result });
    return result;
  } catch (e) {
    const c = classifyError(e);
    const message = e instanceof Error ? e.message : String(e);
    failed(c.retryable);
    log.warn("job failed", { ...fields, ms: ms(), retryable: c.retryable, reason: c.reason, error: message });
    if (!c.retryable) throw new UnrecoverableError(`${c.reason}: ${message}`);
    throw e;
  }
}
