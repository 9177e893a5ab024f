"use client";
// Per-device scanner settings, kept in this browser (localStorage): an optional prefix character
// the scanner sends before each code, and the longest gap between a burst's keys. Set on the
// floor's Sync & settings screen.
import { DEFAULT_GAP_MS } from "./detector";

export type ScannerSettings = { prefix: string | null; gapMs: number };

const KEY = "wms.floor.scanner";

export function scannerSettings(): ScannerSettings {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<ScannerSettings>;
    const gapMs = Number.isInteger(raw.gapMs) && raw.gapMs! >= 10 && raw.gapMs! <= 200 ? raw.gapMs! : DEFAULT_GAP_MS;
    const prefix = typeof raw.prefix === "string" && raw.prefix.length === 1 ? raw.prefix : null;
    return { prefix, gapMs };
  } catch {
    return { prefix: null, gapMs: DEFAULT_GAP_MS };
  }
}

export function saveScannerSettings(s: ScannerSettings): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}
