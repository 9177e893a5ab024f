// Which reads may come from the read replica (DATABASE_READ_URL, lib/db.ts) — the one place that
// decides it (docs/scaling.md "Read replicas").
//
// Two keys must both turn:
// 1. the query is marked as one that may lag: it reads through `readDb()` instead of `db` (the
//    desk's list queries, the reports, the dashboard);
// 2. the caller opened a replica scope with `onReplica(actor, fn)`: the desk's list pages
//    (components/ui/list-route.tsx), the report screens and CSV exports (lib/reports/report.ts),
//    the list exports (lib/list-exports.ts), the dashboard.
// Everything else reads the primary: writes and transactions, detail pages, the handheld, the REST
// API (an ERP that posts and then lists must see its post), jobs, numbering, the movement engine.
//
// Read-your-writes on the desk: a user who has just changed something (any server action through
// runAction, lib/action.ts) reads the primary for READ_YOUR_WRITES_MS, so the list they land on
// shows their change even while the replica is a moment behind. The action sets a short-lived
// cookie (READ_PRIMARY_COOKIE) that every web process and host honours, so nothing has to be
// sticky; the process also remembers the user (for callers without a request: jobs, tests).
// next/headers is imported when needed: scripts and the worker load lib/ outside Next, where it
// does not resolve (and there is no request anyway).
import { AsyncLocalStorage } from "node:async_hooks";
import { db, dbRead, hasReadReplica } from "./db";

/** How long after a user's own change their lists read the primary. */
export const READ_YOUR_WRITES_MS = 5_000;

// One scope and one memory per process, even if the server bundles hold several copies of this module.
const shared = globalThis as unknown as { __replicaScope?: AsyncLocalStorage<true>; __replicaLastWrite?: Map<string, number> };
const scope = (shared.__replicaScope ??= new AsyncLocalStorage<true>());
const lastWrite = (shared.__replicaLastWrite ??= new Map<string, number>());

/** The request's cookies (throws outside a request, and outside Next). */
async function requestCookies() {
  const { cookies } = await import("next/headers");
  return cookies();
}

/** The cookie a server action sets: its value is the time (ms) until which this browser reads the primary. */
export const READ_PRIMARY_COOKIE = "wms-read-primary";

/**
 * Records that `userId` has just (maybe) changed something: runAction calls it after every server
 * action. Remembered in this process and, inside a server action, as a cookie for every process.
 */
export async function noteWrite(userId: string, now = Date.now()): Promise<void> {
  if (!hasReadReplica) return;
  lastWrite.set(userId, now);
  // Forget old entries now and then: the map holds only the last few seconds' writers.
  if (lastWrite.size > 1000) for (const [id, at] of lastWrite) if (now - at > READ_YOUR_WRITES_MS) lastWrite.delete(id);
  try {
    (await requestCookies()).set(READ_PRIMARY_COOKIE, String(now + READ_YOUR_WRITES_MS), {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      maxAge: Math.ceil(READ_YOUR_WRITES_MS / 1000),
    });
  } catch {
    // Not in a server action (a job, a test): the in-process memory is all there is.
  }
}

async function wroteRecently(userId: string | undefined): Promise<boolean> {
  const now = Date.now();
  const at = userId ? lastWrite.get(userId) : undefined;
  if (at !== undefined && now - at < READ_YOUR_WRITES_MS) return true;
  try {
    const until = Number((await requestCookies()).get(READ_PRIMARY_COOKIE)?.value);
    return Number.isFinite(until) && until > now;
  } catch {
    return false; // no request (jobs, tests)
  }
}

/**
 * Runs `fn` with its marked reads (`readDb()`) on the replica — unless no replica is
 * configured or `who` changed something in the last READ_YOUR_WRITES_MS. Only what `fn` awaits is
 * in the scope: a stream's later batches must call onReplica again (lib/csv.ts callers do).
 */
export async function onReplica<T>(who: { id?: string } | null | undefined, fn: () => Promise<T>): Promise<T> {
  if (!hasReadReplica || (await wroteRecently(who?.id))) return fn();
  return scope.run(true, fn);
}

/** Whether the current code runs in an onReplica scope with a replica configured. */
export function readsFromReplica(): boolean {
  return scope.getStore() === true;
}

/** The Prisma client for a read that may lag: the replica's inside onReplica, the primary's otherwise. */
export function readDb(): typeof db {
  return readsFromReplica() ? dbRead : db;
}
