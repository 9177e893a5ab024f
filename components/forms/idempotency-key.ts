"use client";
// One Idempotency-Key per submit: generated when the form is filled, reused by every retry of the
// same payload (a double tap, a timeout, a lost answer), replaced when the payload changes, dropped
// after success. The server stores the key with the result, so a retry replays instead of posting.
import { useCallback, useRef } from "react";

/** crypto.randomUUID needs a secure context; handhelds on a plain-HTTP LAN get the same from getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function useIdempotencyKey() {
  const current = useRef<{ payload: string; key: string } | null>(null);
  /** The key for this payload: the same one again while the payload is unchanged. */
  const keyFor = useCallback((payload: unknown): string => {
    const p = JSON.stringify(payload);
    if (!current.current || current.current.payload !== p) current.current = { payload: p, key: newIdempotencyKey() };
    return current.current.key;
  }, []);
  /** After success: the next submit is a new movement. */
  const reset = useCallback(() => {
    current.current = null;
  }, []);
  return { keyFor, reset };
}
