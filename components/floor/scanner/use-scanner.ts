"use client";
// The floor's scanner input: every keydown of the screen goes through the ScanDetector
// (./detector.ts), whichever element has the focus, so a burst is never split between two inputs
// while the screen re-renders. Each completed scan joins a queue and the queue is worked off in
// order, one scan at a time: a scan that arrives while the previous one is still being looked up
// waits its turn instead of being typed into the next field (type-ahead).
import { useCallback, useEffect, useRef, useState } from "react";
import { ScanDetector, type KeyTarget } from "./detector";
import { scannerSettings } from "./settings";

function targetOf(el: Element | null, scanInput: HTMLInputElement | null, quantityInput: HTMLInputElement | null): KeyTarget {
  if (el && el === scanInput) return "scan";
  if (el && el === quantityInput) return "quantity";
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return "field";
  if (el instanceof HTMLInputElement) return ["button", "submit", "checkbox", "radio", "reset"].includes(el.type) ? "button" : "field";
  if ((el as HTMLElement | null)?.isContentEditable) return "field";
  return "button";
}

export type Scanner = {
  /** The scan field's text. */
  text: string;
  /** For the scan field's onChange (soft keyboard, paste, Backspace). */
  setText: (v: string) => void;
  /** Queues a code as if it was scanned (the camera, the scan field's own Enter on a soft keyboard). */
  push: (code: string) => void;
  /** Scans waiting behind the one being handled. */
  waiting: number;
  /** Whether a scan is being handled. */
  busy: boolean;
  scanRef: React.RefObject<HTMLInputElement | null>;
  quantityRef: React.RefObject<HTMLInputElement | null>;
};

/**
 * `onScan` handles one scan and resolves when it is done (the next waits until then).
 * `quantity` lets the scanner put the quantity back when keys typed into it were a scan.
 */
export function useScanner({
  onScan,
  quantity,
}: {
  onScan: (code: string) => Promise<void> | void;
  /** The quantity field's value now and how to put an earlier value back. */
  quantity?: { get: () => string; set: (v: string) => void };
}): Scanner {
  const scanRef = useRef<HTMLInputElement | null>(null);
  const quantityRef = useRef<HTMLInputElement | null>(null);
  const detector = useRef<ScanDetector | null>(null);
  const [text, setTextState] = useState("");
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState(false);
  const queue = useRef<string[]>([]);
  const running = useRef(false);
  const handler = useRef(onScan);
  const qty = useRef(quantity);
  const qtyBefore = useRef<string | null>(null);
  useEffect(() => {
    handler.current = onScan;
    qty.current = quantity;
  });

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      while (queue.current.length) {
        const code = queue.current.shift()!;
        setWaiting(queue.current.length);
        try {
          await handler.current(code);
        } catch (e) {
          // A handler reports its own failures; an unexpected one must not stop the queue.
          console.error("scan handler failed", e);
        }
      }
    } finally {
      running.current = false;
      setBusy(false);
      setWaiting(0);
    }
  }, []);

  const push = useCallback(
    (code: string) => {
      const c = code.trim();
      if (!c) return;
      queue.current.push(c);
      setWaiting(queue.current.length - (running.current ? 0 : 1));
      void pump();
    },
    [pump],
  );

  const setText = useCallback((v: string) => {
    detector.current?.setText(v);
    setTextState(v);
  }, []);

  useEffect(() => {
    const settings = scannerSettings();
    const d = (detector.current = new ScanDetector(settings));
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (document.querySelector("dialog[open]")) return;
      const target = targetOf(document.activeElement, scanRef.current, quantityRef.current);
      const before = qty.current?.get() ?? "";
      const decision = d.key(e.key, e.timeStamp, target);
      switch (decision.kind) {
        case "native":
          // The quantity before the first key of what may still turn out to be a burst.
          if (decision.starts) qtyBefore.current = before;
          return;
        case "swallow":
          break;
        case "text":
          setTextState(decision.text);
          break;
        case "takeover":
          if (qtyBefore.current !== null) qty.current?.set(qtyBefore.current);
          qtyBefore.current = null;
          setTextState(decision.text);
          break;
        case "scan":
          setTextState("");
          push(decision.code);
          break;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      d.reset();
    };
  }, [push]);

  return { text, setText, push, waiting, busy, scanRef, quantityRef };
}
