-- The outbox dispatcher polls instead of waking on NOTIFY. PostgreSQL serialises every committing
-- transaction that has sent a NOTIFY behind one database-wide lock, held through the commit's WAL
-- flush (async.c keeps the notification queue in commit order), so with a NOTIFY per movement
-- commits could not share a flush: `Lock:object` waits everywhere, and stock_post alone through
-- pgbench at 8 clients went from ~1,000 to ~1,600 movements/s without it. Polling a partial index
-- (outbox_events_pending_idx) every OUTBOX_POLL_MS costs next to nothing.
DROP TRIGGER outbox_events_notify_insert ON outbox_events;
DROP FUNCTION outbox_events_notify();
