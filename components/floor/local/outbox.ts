"use client";
// The handheld's outbox: every movement confirmed on the floor is written here first (IndexedDB,
// with its Idempotency-Key), then sent. Sending takes the user's waiting movements in the order
// they were confirmed and posts them through POST /api/v1/movements/batch; the key makes a resend
// after a lost answer a replay, never a second movement. What the server refuses (not enough
// stock, unknown code, no permission) goes to "needs attention" with the reason; nothing is
// dropped silently. Only the user who confirmed a movement ever sends it: after a sign-out the
// next user's session leaves it waiting. One tab sends at a time (Web Locks).
import type { MovementLineResult } from "@/lib/stock/schemas";
import { apiFetch, dropSession, floorSession, NoSession } from "./api";
import { updateLocalLevel } from "./catalog";
import { floorDb, type OutboxItem } from "./db";

const BATCH = 100;
const KEEP_SENT = 50;

export type SendOutcome =
  | { kind: "sent"; item: OutboxItem }
  | { kind: "refused"; item: OutboxItem }
  /** Not sent now (offline, signed out, server busy); it waits. */
  | { kind: "waiting"; reason: "offline" | "signedOut" | "busy" };

let seqBase = 0;

/** Writes a confirmed movement to the outbox (state waiting). */
export async function enqueue(item: Omit<OutboxItem, "seq" | "state" | "confirmedAt">): Promise<OutboxItem> {
  const seq = Math.max(Date.now() * 1000, seqBase + 1);
  seqBase = seq;
  const row: OutboxItem = { ...item, seq, state: "waiting", confirmedAt: new Date().toISOString() };
  await floorDb.outbox.put(row);
  notify();
  return row;
}

/** Listeners for outbox changes (the header's count, the sync page). Also across tabs. */
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel("wms-floor-outbox") : null;
channel?.addEventListener("message", () => listeners.forEach((l) => l()));
function notify() {
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function waitingItems(userId?: string): Promise<OutboxItem[]> {
  return floorDb.outbox
    .orderBy("seq")
    .filter((i) => (i.state === "waiting" || i.state === "sending") && (!userId || i.userId === userId))
    .toArray();
}

export function attentionItems(userId?: string): Promise<OutboxItem[]> {
  return floorDb.outbox
    .orderBy("seq")
    .filter((i) => i.state === "attention" && (!userId || i.userId === userId))
    .toArray();
}

export async function sentItems(userId: string, limit = 20): Promise<OutboxItem[]> {
  return (await floorDb.outbox.orderBy("seq").reverse().filter((i) => i.state === "sent" && i.userId === userId).limit(limit).toArray());
}

type BatchResult = {
  index: number;
  status: number;
  replayed?: boolean;
  movement?: { number: string; lines: MovementLineResult[] };
  error?: { code: string; message: string; messageKey?: string; params?: Record<string, string | number>; details?: Record<string, unknown> };
};

function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request("wms-floor-outbox", fn) as Promise<T>) : fn();
}

/**
 * Sends the signed-in user's waiting movements, oldest first. Resolves with what happened to
 * `watch` (a key just confirmed), if given. Safe to call any time, from any tab.
 */
export function sendOutbox(watch?: string): Promise<SendOutcome | undefined> {
  return withLock(async () => {
    // Another send (the periodic one, another tab) may already have taken `watch`: say what became of it.
    if (!(await floorDb.outbox.where("state").anyOf("waiting", "sending").count())) return watch ? outcomeOf(watch) : undefined;
    let session;
    try {
      session = await floorSession();
    } catch (e) {
      return { kind: "waiting", reason: e instanceof NoSession ? e.reason : "offline" } as const;
    }
    let watched: SendOutcome | undefined;
    for (;;) {
      const items = (await waitingItems(session.user.id)).slice(0, BATCH);
      if (!items.length) break;
      await floorDb.outbox.bulkUpdate(items.map((i) => ({ key: i.key, changes: { state: "sending" } })));
      let res: Response;
      try {
        res = await apiFetch("/movements/batch", {
          method: "POST",
          body: { movements: items.map((i) => ({ idempotencyKey: i.key, type: i.type, lines: [i.line] })) },
          timeoutMs: 20_000,
        });
      } catch {
        await floorDb.outbox.bulkUpdate(items.map((i) => ({ key: i.key, changes: { state: "waiting" } })));
        notify();
        return watched ?? { kind: "waiting", reason: "offline" };
      }
      if (res.status === 401) dropSession();
      if (res.status === 403 || res.status === 422) {
        // Refused as a whole (no permission to post any more, or an envelope the server will never
        // take): retrying cannot help, so every item of it needs the clerk's attention.
        const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
        const error = body?.error ?? { code: res.status === 403 ? "FORBIDDEN" : "VALIDATION_FAILED", message: res.statusText };
        await floorDb.outbox.bulkPut(items.map((i) => ({ ...i, state: "attention" as const, error: { code: error.code, message: error.message } })));
        notify();
        return watched ?? (watch ? outcomeOf(watch) : undefined);
      }
      if (!res.ok) {
        await floorDb.outbox.bulkUpdate(items.map((i) => ({ key: i.key, changes: { state: "waiting" } })));
        notify();
        return watched ?? { kind: "waiting", reason: res.status === 401 ? "signedOut" : "busy" };
      }
      const { results } = (await res.json()) as { results: BatchResult[] };
      let retryLater = false;
      for (const r of results) {
        const item = items[r.index];
        if (!item) continue;
        let next: OutboxItem;
        if (r.status === 201 && r.movement) {
          const l = r.movement.lines[0];
          next = { ...item, state: "sent", sentAt: new Date().toISOString(), error: undefined, result: { number: r.movement.number, balance: l.balance, fromBalance: l.fromBalance, toBalance: l.toBalance, lots: l.lots } };
          if (l.location !== undefined && l.balance !== undefined) await updateLocalLevel(l.sku, l.location, l.balance);
          if (l.from !== undefined && l.fromBalance !== undefined) await updateLocalLevel(l.sku, l.from, l.fromBalance);
          if (l.to !== undefined && l.toBalance !== undefined) await updateLocalLevel(l.sku, l.to, l.toBalance);
        } else if (!r.error || r.error.code === "IDEMPOTENCY_IN_PROGRESS" || r.error.code === "RATE_LIMITED" || r.status >= 500) {
          // In progress elsewhere, rate limited, or a server fault: try again later with the same key.
          next = { ...item, state: "waiting" };
          retryLater = true;
        } else {
          const d = r.error.details ?? {};
          // A field issue says more than the summary ("Unknown location "X"." rather than "not valid").
          const first = Array.isArray(d.issues) ? (d.issues[0] as { message?: unknown; messageKey?: unknown; params?: unknown } | undefined) : undefined;
          const issue = first?.message;
          // Said by key (and values) where the server gave one: the issue's, else the error's.
          const ref = typeof first?.messageKey === "string" ? { messageKey: first.messageKey, params: first.params as Record<string, string | number> | undefined } : r.error.messageKey ? { messageKey: r.error.messageKey, params: r.error.params } : {};
          next = {
            ...item,
            state: "attention",
            error: {
              code: r.error.code,
              message: typeof issue === "string" ? issue : r.error.message,
              ...ref,
              ...(typeof d.available === "number" ? { available: d.available } : {}),
              ...(typeof d.location === "string" ? { location: d.location } : {}),
            },
          };
        }
        await floorDb.outbox.put(next);
        if (next.key === watch) watched = next.state === "sent" ? { kind: "sent", item: next } : next.state === "attention" ? { kind: "refused", item: next } : { kind: "waiting", reason: "busy" };
      }
      notify();
      if (retryLater) break;
    }
    await pruneSent(session.user.id);
    return watched ?? (watch ? outcomeOf(watch) : undefined);
  });
}

/** What became of a movement, by its key (for a send that found it already handled). */
async function outcomeOf(key: string): Promise<SendOutcome> {
  const item = await floorDb.outbox.get(key);
  if (item?.state === "sent") return { kind: "sent", item };
  if (item?.state === "attention") return { kind: "refused", item };
  return { kind: "waiting", reason: "busy" };
}

async function pruneSent(userId: string) {
  const sent = await floorDb.outbox.orderBy("seq").reverse().filter((i) => i.state === "sent" && i.userId === userId).primaryKeys();
  if (sent.length > KEEP_SENT) await floorDb.outbox.bulkDelete(sent.slice(KEEP_SENT));
}

/** Takes a movement out of the outbox: a refused one the clerk discarded (after confirming), or one refused on the spot while they watched (they fix it on screen). */
export async function discard(key: string): Promise<void> {
  await floorDb.outbox.delete(key);
  notify();
}

/** Replaces a refused movement by an edited one with a new key, at the end of the queue. */
export async function resend(key: string, changes: Partial<Pick<OutboxItem, "line">>, newKey: string): Promise<void> {
  const item = await floorDb.outbox.get(key);
  if (!item) return;
  await floorDb.transaction("rw", floorDb.outbox, async () => {
    await floorDb.outbox.delete(key);
    await floorDb.outbox.put({ ...item, ...changes, key: newKey, seq: Math.max(Date.now() * 1000, ++seqBase), state: "waiting", error: undefined });
  });
  notify();
}
