import { runStockFollowups } from "../../lib/stock/followups";
import type { Processor } from "./types";

// In-stock flags and alerts of every product a batch of outbox rows touched, set-based. Idempotent by
// state (per-product locks, figures read after them); notifications are keyed by (alert, revision).
export const stockFollowupsProcessor: Processor<"stock.followups"> = (data) => runStockFollowups(data.productIds);

// One product on request (kept for jobs queued by earlier versions and for manual runs): the same code.
export const oneProductProcessor: Processor<"alerts.check-product" | "stock.in-stock"> = (data) => runStockFollowups([data.productId]);
