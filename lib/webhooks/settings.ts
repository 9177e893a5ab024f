// Delivery knobs from the environment (docs/webhooks.md "Settings"); defaults suit production.
import { intEnv } from "../env";

/** Svix's schedule: after the first attempt, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (~27.6 h in all). */
const DEFAULT_RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];


export function webhookSettings() {
  const raw = process.env.WEBHOOK_RETRY_DELAYS_MS;
  const retryDelaysMs = raw ? raw.split(",").map((s) => Number(s.trim())) : DEFAULT_RETRY_DELAYS_MS;
  if (retryDelaysMs.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`WEBHOOK_RETRY_DELAYS_MS must be comma-separated milliseconds (got "${raw}")`);
  return {
    /** The pause before each retry; attempts in all = retries + 1. */
    retryDelaysMs,
    /** Consecutive failed attempts (any delivery of the endpoint) that disable an endpoint. */
    disableAfter: intEnv("WEBHOOK_DISABLE_AFTER", 100, 1),
    /** A receiver that has not answered in this long has failed the attempt. */
    timeoutMs: intEnv("WEBHOOK_TIMEOUT_MS", 10_000, 100),
    /** Settled deliveries (and their attempts) are deleted after this many days (daily cleanup). */
    retentionDays: intEnv("WEBHOOK_RETENTION_DAYS", 30, 1),
  };
}
