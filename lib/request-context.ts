// The request a piece of code runs for, without passing it down every call: an AsyncLocalStorage
// that scripts/web-server.ts (and lib/http.ts under `next dev`) opens per request, and
// jobs/run-job.ts per job. lib/log.ts adds its ids to every log line; lib/queue/outbox.ts and
// lib/stock/post-movement.ts write the request id into the outbox row, and the dispatcher passes it
// on to the jobs (docs/observability.md).
//
// One instance per process on globalThis: the production server loads lib/ twice (scripts/ through
// tsx, and Next's bundle of the same files), and both must see the same store.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";

export type RequestContext = {
  /** The web request's id (X-Request-Id). */
  reqId?: string;
  /** A job's: the ids of the requests whose outbox rows planned it. */
  requestIds?: readonly string[];
};

const g = globalThis as unknown as { __wmsRequestContext?: AsyncLocalStorage<RequestContext> };
export const requestContext: AsyncLocalStorage<RequestContext> = (g.__wmsRequestContext ??= new AsyncLocalStorage<RequestContext>());

export const REQUEST_ID_HEADER = "x-request-id";
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An incoming X-Request-Id when it is sane (≤ 128 of [A-Za-z0-9._:-]), else undefined. */
export function sanitizeRequestId(raw: string | string[] | null | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === "string" && SANE_REQUEST_ID.test(v) ? v : undefined;
}

/** The id of a request: its sane X-Request-Id, or a new UUID. */
export function requestIdFrom(raw: string | string[] | null | undefined): string {
  return sanitizeRequestId(raw) ?? crypto.randomUUID();
}

/** The current web request's id, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.reqId;
}
