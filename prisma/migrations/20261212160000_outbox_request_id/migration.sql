-- The request id of the web request that wrote an outbox row (docs/observability.md: tracing one
-- movement's follow-ups). writeOutbox (lib/queue/outbox.ts) passes it explicitly; stock_post's own
-- INSERT is left unchanged and takes this default: the transaction-local setting wms.request_id,
-- which lib/stock/post-movement.ts sets in the same statement as the stock_post call
-- (set_config(…, true) ends with the transaction, so a pooled connection never carries it over).
-- Unset (jobs, seed, scripts) it is NULL. Nullable, no index: adding the column rewrites nothing.
ALTER TABLE "outbox_events" ADD COLUMN     "request_id" TEXT DEFAULT NULLIF(current_setting('wms.request_id'::text, true), ''::text);
