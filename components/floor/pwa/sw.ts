/// <reference lib="webworker" />
// The floor service worker (Serwist), bundled by scripts/build-sw.mjs into public/sw.js during
// `next build` and registered by register-sw.tsx from the /floor pages only (scope /floor).
// What it caches and why: docs/floor-offline.md.
//  - /_next/static/** (content-hashed build files): precached at install, served cache-first.
//  - navigations to /floor pages: network-first (3 s), falling back to the last good HTML.
//  - nothing else: API calls, server actions (POST), /api/auth/**, RSC fetches and every page
//    outside /floor go to the network untouched (no route matches them).
import { CacheFirst, ExpirationPlugin, NetworkFirst, type PrecacheEntry, Serwist, type SerwistGlobalConfig, type SerwistPlugin } from "serwist";
import { FLOOR_SCREENS, isFloorPath, MSG_WARM, PAGES_CACHE, STATIC_CACHE, type WarmResult } from "./config";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

/** One cache entry per floor screen: the path without its query. */
const pageKey = (url: string) => {
  const u = new URL(url, self.location.origin);
  return `${u.origin}${u.pathname}`;
};

/** Only a real floor page is kept: 200, HTML, not the end of a redirect (to /login, say). */
function isGoodPage(response: Response): boolean {
  return response.status === 200 && response.type === "basic" && !response.redirected && (response.headers.get("content-type") ?? "").includes("text/html");
}

const pagePlugin: SerwistPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => pageKey(request.url),
  cacheWillUpdate: async ({ response }) => (isGoodPage(response) ? response : null),
};

// Next answers with Vary: RSC, Next-Router-State-Tree, …; the keys here are plain paths of HTML
// navigations only, so Vary is ignored when reading.
const pages = new NetworkFirst({ cacheName: PAGES_CACHE, networkTimeoutSeconds: 3, plugins: [pagePlugin], matchOptions: { ignoreVary: true } });

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  // Updates wait (see the navigation handler below): a new worker never takes over a page that
  // is in use, and nothing here touches IndexedDB, where the floor keeps its queue.
  skipWaiting: false,
  // The very first worker takes control of the page that installed it, so the open page is
  // offline-ready without a reload. (Claiming only happens on activation.)
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && isFloorPath(url.pathname),
      handler: async (options) => {
        // A waiting update takes over on a navigation (reload, a link to a full page): the page
        // being left is gone anyway. Only when this is the one open floor window and the network
        // is up, so the new worker refreshes the page from the server. The empty answer with
        // `Refresh: 0` makes the browser ask again, now through the new worker.
        const waiting = self.registration.waiting;
        if (waiting && self.navigator.onLine && (await self.clients.matchAll({ type: "window" })).length <= 1) {
          waiting.postMessage({ type: "SKIP_WAITING" });
          return new Response("", { headers: { Refresh: "0", "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
        }
        return pages.handle(options);
      },
    },
    {
      // Build files missing from the precache manifest (none expected): hashed, so cache-first.
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: STATIC_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 })] }),
    },
  ],
});

/** Fetch every floor screen with the user's cookies and keep the good answers. */
async function warm(): Promise<WarmResult> {
  const cache = await caches.open(PAGES_CACHE);
  await Promise.all(
    FLOOR_SCREENS.map(async (path) => {
      try {
        const response = await fetch(path, { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/html" } });
        if (isGoodPage(response)) await cache.put(pageKey(path), response);
      } catch {
        // Offline or refused: keep what is there.
      }
    }),
  );
  const keys = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  return { cached: FLOOR_SCREENS.filter((p) => keys.has(p)).length, total: FLOOR_SCREENS.length };
}

self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type !== MSG_WARM) return;
  const port = event.ports[0];
  event.waitUntil(warm().then((result) => port?.postMessage(result)));
});

serwist.addEventListeners();
