import { checkProductAlert } from "../../lib/alerts/check-product";
import type { Processor } from "./types";

// Idempotent by state: the alert is moved to match the on-hand read under a per-product lock, and
// its notifications are keyed by (alert, revision).
export const checkProductAlertProcessor: Processor<"alerts.check-product"> = (data) => checkProductAlert(data.productId);
