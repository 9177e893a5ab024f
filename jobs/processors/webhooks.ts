import { addJobs, getQueue } from "../../lib/queue/queues";
import { deliverWebhook } from "../../lib/webhooks/deliver";
import { fanoutWebhookEvents } from "../../lib/webhooks/fanout";
import { resumeStalledDeliveries } from "../../lib/webhooks/resume";
import type { Processor } from "./types";

// Idempotent: deliveries are unique per (endpoint, event) and their jobs have deterministic ids.
export const webhooksFanoutProcessor: Processor<"webhooks.fanout"> = (data) => fanoutWebhookEvents(data.outboxIds, addJobs);

// One signed attempt; the attempt is recorded once per job id, and the next one queued on failure.
export const webhooksDeliverProcessor: Processor<"webhooks.deliver"> = (data, { job }) =>
  deliverWebhook({ jobKey: job.id ?? `t${job.timestamp}`, ...data }, addJobs);

// Hourly: pending deliveries whose next attempt is no longer in the queue get it again.
export const webhooksResumeProcessor: Processor<"webhooks.resume"> = () =>
  resumeStalledDeliveries({
    jobState: async (jobId) => {
      const job = await getQueue("webhooks").getJob(jobId);
      return job ? job.getState() : null;
    },
    addJobs,
  });
