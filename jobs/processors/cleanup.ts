import { cleanup } from "../../lib/maintenance/cleanup";
import type { Processor } from "./types";

export const cleanupProcessor: Processor<"maintenance.cleanup"> = (_data, { settings }) =>
  cleanup({ outboxRetentionDays: settings.outboxRetentionDays, emailRetentionDays: settings.emailRetentionDays });
