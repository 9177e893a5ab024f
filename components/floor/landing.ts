"use client";
// Where this device opens after sign-in: the floor screens or the desktop. A preference per device
// (localStorage), set on the floor's Sync screen; without one, phone-sized touch screens open the
// floor (roles that may use it; see app/(auth)/login/actions.ts).
export type Landing = "floor" | "desk";

const KEY = "wms.landing";

export function landingPreference(): Landing | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "floor" || v === "desk" ? v : null;
  } catch {
    return null;
  }
}

export function saveLandingPreference(v: Landing): void {
  localStorage.setItem(KEY, v);
}

/** What this device prefers now: its saved choice, else the floor on a phone-sized touch screen. */
export function deviceLanding(): Landing {
  const saved = landingPreference();
  if (saved) return saved;
  return typeof window !== "undefined" && window.matchMedia("(pointer: coarse) and (max-width: 767px)").matches ? "floor" : "desk";
}
