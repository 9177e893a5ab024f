// The outbox dispatcher loop of a worker process. It polls every OUTBOX_POLL_MS (a probe of a
// partial index) and drains batches until none is full. No LISTEN/NOTIFY: a NOTIFY per movement
// would serialise all commits behind one lock (migration 20261122071000_outbox_polling).
// Several workers may run it at once: batches are taken with FOR UPDATE SKIP LOCKED (lib/queue/outbox.ts). While Redis is down a batch fails and stays
// pending; the loop retries with a growing pause and catches up when Redis returns.
import { log } from "../lib/log";
import { dispatcherTick } from "../lib/metrics/worker";
import type { JobsSettings } from "../lib/queue/config";
import { dispatchOutboxBatch } from "../lib/queue/outbox";
import { addJobs } from "../lib/queue/queues";

export type Dispatcher = { stop: () => Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ADD_TIMEOUT_MS = 10_000;

/**
 * Adding jobs must fail, not hang, while Redis is unreachable (a queue that never connected waits
 * for "ready"): the batch then rolls back and stays pending instead of holding its row locks.
 */
function addJobsOrTimeout(jobs: Parameters<typeof addJobs>[0]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not accept the jobs within ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS);
  });
  return Promise.race([addJobs(jobs), timeout]).finally(() => clearTimeout(timer));
}

export function startOutboxDispatcher(settings: JobsSettings): Dispatcher {
  let stopping = false;
  let wake: (() => void) | null = null;

  const waitForWake = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function loop(): Promise<void> {
    let pause = settings.outboxPollMs;
    while (!stopping) {
      try {
        const r = await dispatchOutboxBatch({ batchSize: settings.outboxBatchSize, summaryDebounceMs: settings.summaryDebounceMs, addJobs: addJobsOrTimeout });
        pause = settings.outboxPollMs;
        dispatcherTick(r.dispatched.length, r.rejected.length);
        const n = r.dispatched.length + r.rejected.length;
        // requestIds: the requests that wrote these rows; their jobs carry them too (grep one to trace it).
        if (n) log.info("outbox dispatched", { ids: r.dispatched, rejected: r.rejected, requestIds: r.requestIds });
        if (n >= settings.outboxBatchSize) continue; // a full batch: more may be waiting
      } catch (e) {
        dispatcherTick();
        log.warn("outbox dispatch failed; rows stay pending", { error: (e as Error).message, retryInMs: pause });
        await sleep(pause);
        pause = Math.min(pause * 2, settings.outboxPollMs * 4);
        continue;
      }
      if (!stopping) await waitForWake(settings.outboxPollMs);
    }
  }

  const looping = loop();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await looping; // the batch in hand is finished (committed or rolled back)
    },
  };
}
