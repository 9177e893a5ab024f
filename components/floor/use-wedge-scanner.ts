"use client";
// A keyboard-wedge scanner types the code and presses Enter. When an input has focus it lands
// there; when a button (e.g. Confirm) or nothing has focus, this catches the keystrokes instead,
// so a scan never activates the focused button with its trailing Enter.
import { useEffect, useRef } from "react";

const IDLE_MS = 120; // a scanner types far faster than this between keys

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !["button", "submit", "checkbox", "radio", "reset"].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

export function useWedgeScanner(onScan: (code: string) => void, enabled = true) {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    let buffer = "";
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTextField(document.activeElement)) return;
      if (document.querySelector("dialog[open]")) return;
      const now = performance.now();
      if (now - last > IDLE_MS) buffer = "";
      last = now;
      if (e.key === "Enter") {
        if (buffer.length >= 2) {
          e.preventDefault();
          e.stopPropagation();
          const code = buffer;
          buffer = "";
          handler.current(code);
        }
        buffer = "";
        return;
      }
      if (e.key.length === 1) {
        buffer += e.key;
        // Space would press the focused button.
        if (e.key === " ") e.preventDefault();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [enabled]);
}
