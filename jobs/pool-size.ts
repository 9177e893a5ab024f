// Imported first by jobs/worker.ts, before lib/db creates the connection pool: every job that can
// run at once holds a connection (the alert check, the in-stock update and email delivery use a
// transaction), plus the dispatcher. Unless DATABASE_POOL_SIZE says otherwise, size the pool to fit.
import { QUEUE_NAMES, QUEUES } from "../lib/queue/config";

process.env.PG_APPLICATION_NAME ||= "wms-worker";

if (!process.env.DATABASE_POOL_SIZE) {
  const concurrent = QUEUE_NAMES.reduce((n, q) => n + QUEUES[q].concurrency, 0);
  process.env.DATABASE_POOL_SIZE = String(concurrent + 2);
}
