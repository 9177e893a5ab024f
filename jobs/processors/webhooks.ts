import { addJobs } from "../../lib/queue/queues";
import { deliverWebhook } from "../../lib/webhooks/deliver";
import { fanoutWebhookEvents } from "../../lib/webhooks/fanout";
import type { Processor } from "./types";

// Idempotent: deliveries are unique per (endpoint, event) and their jobs have deterministic ids.
export const webhooksFanoutProcessor: Processor<"webhooks.fanout"> = (data) => fanoutWebhookEvents(data.outboxIds, addJobs);

// One signed attempt; the attempt is recorded once per job id, and the next one queued on failure.
export const webhooksDeliverProcessor: Processor<"webhooks.deliver"> = (data, { job }) =>
  deliverWebhook({ jobKey: job.id ?? `t${job.timestamp}`, ...data }, addJobs);
