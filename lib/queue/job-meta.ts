// What every job carries besides its payload: `requestIds`, the ids of the web requests whose
// outbox rows planned it (lib/queue/outbox.ts). One optional field beside any job's data, so no
// job schema of lib/queue/config.ts names it: jobs/run-job.ts takes it off before the job's own
// (strict) schema checks the rest, and logs it on every line of the job (docs/observability.md).
import { sanitizeRequestId } from "../request-context";
import type { PlannedJob } from "./config";

/** At most this many ids per job: a full outbox batch may hold hundreds of requests. */
export const MAX_JOB_REQUEST_IDS = 50;
const sane = (id: unknown): id is string => typeof id === "string" && sanitizeRequestId(id) !== undefined;

/** The jobs with the batch's request ids added to their data (none: unchanged). */
export function withRequestIds(jobs: PlannedJob[], requestIds: readonly string[]): PlannedJob[] {
  const ids = requestIds.filter(sane).slice(0, MAX_JOB_REQUEST_IDS);
  if (ids.length === 0) return jobs;
  return jobs.map((j) => ({ ...j, data: { ...(j.data as object), requestIds: ids } }));
}

/** A job's data split into its payload (for the job's schema) and its request ids. */
export function splitJobData(data: unknown): { payload: unknown; requestIds: string[] } {
  if (!data || typeof data !== "object" || Array.isArray(data) || !("requestIds" in data)) return { payload: data, requestIds: [] };
  const { requestIds, ...payload } = data as { requestIds?: unknown };
  const ids = Array.isArray(requestIds) ? requestIds.filter(sane).slice(0, MAX_JOB_REQUEST_IDS) : [];
  return { payload, requestIds: ids };
}
