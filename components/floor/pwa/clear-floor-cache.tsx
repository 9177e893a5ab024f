"use client";
// Mounted by the login page, where every sign-out ends (and where an expired session is sent):
// the floor pages kept for offline use carry the previous user's name, so they go. The build files
// stay (nothing personal in them), and so does IndexedDB — the floor's queue is not ours to drop.
import { useEffect } from "react";
import { PAGES_CACHE } from "./config";

export function ClearFloorCache() {
  useEffect(() => {
    if ("caches" in window) void caches.delete(PAGES_CACHE);
  }, []);
  return null;
}
