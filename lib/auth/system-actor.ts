import type { Actor } from "./permissions";

/** The built-in user that jobs, imports and CLI commands act as (created by a migration; cannot log in). */
export const SYSTEM_USER_ID = "00000000-0000-7000-8000-000000000000";

export function systemActor(channel: Actor["channel"] = "job"): Actor {
  return { id: SYSTEM_USER_ID, role: "admin", channel };
}
