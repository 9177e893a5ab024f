// What every job goes through (the worker's one processor function): the payload is validated with
// the job's zod schema — an invalid one fails at once, without retries, and shows on the queue
// dashboard — then the job's processor runs, and its failure is classified: retryable errors are
// rethrown for BullMQ's exponential backoff, the rest become UnrecoverableError.
import { UnrecoverableError, type Job } from "bullmq";
import { z } from "zod";
import { isJobName, JOBS, type JobName, type JobsSettings } from "../lib/queue/config";
import { classifyError } from "../lib/queue/errors";
import { log } from "../lib/log";
import { PROCESSORS } from "./processors";
import type { Processor } from "./processors/types";

export function createJobRunner(settings: JobsSettings) {
  return async function runJob(job: Job): Promise<unknown> {
    const started = Date.now();
    const fields = { queue: job.queueName, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 };
    if (!isJobName(job.name)) throw new UnrecoverableError(`No processor for job "${job.name}".`);
    const parsed = JOBS[job.name].schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}: ${z.prettifyError(parsed.error)}`);
    const processor = PROCESSORS[job.name] as Processor<JobName>;
    try {
      const result = await processor(parsed.data as never, {
        job,
        settings,
        log: (msg, extra) => log.info(msg, { ...fields, ...extra }),
      });
      log.info("job done", { ...fields, ms: Date.now() - started, result });
      return result;
    } catch (e) {
      const c = classifyError(e);
      const message = e instanceof Error ? e.message : String(e);
      log.warn("job failed", { ...fields, ms: Date.now() - started, retryable: c.retryable, reason: c.reason, error: message });
      if (!c.retryable) throw new UnrecoverableError(`${c.reason}: ${message}`);
      throw e;
    }
  };
}
