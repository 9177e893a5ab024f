// Shared by the floor service worker (sw.ts, bundled on its own by scripts/build-sw.mjs) and the
// pages that talk to it (register-sw.tsx, clear-floor-cache.tsx). No imports: the worker bundle
// must stay free of app code. See docs/floor-offline.md.

/** The worker's script (public/sw.js, written by `next build`) and the part of the site it controls. */
export const SW_URL = "/sw.js";
export const SW_SCOPE = "/floor";

/** The floor screens whose HTML is kept for offline use, fetched ahead once a floor page is open. */
export const FLOOR_SCREENS = ["/floor", "/floor/receive", "/floor/issue", "/floor/move", "/floor/lookup", "/floor/count", "/floor/sync"] as const;

/** Cache Storage names. The pages cache holds HTML with the user's name: cleared on sign-out. */
export const PAGES_CACHE = "floor-pages";
export const STATIC_CACHE = "floor-static";

/** Page → worker messages. WARM is answered on the transferred port with a WarmResult. */
export const MSG_WARM = "FLOOR_WARM";
export type WarmResult = { cached: number; total: number };

export const isFloorPath = (pathname: string) => pathname === "/floor" || pathname.startsWith("/floor/");
