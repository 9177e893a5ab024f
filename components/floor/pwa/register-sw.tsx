"use client";
// Mounted once by app/floor/layout.tsx: registers the floor service worker (production builds only),
// asks it to fetch every floor screen ahead, and says so when the screens open without a network:
// a visually hidden "Ready offline" carrying data-offline-ready="true" (what the e2e test waits for).
// In development, or with FLOOR_OFFLINE=0 at build time, it removes any worker left from before.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { MSG_WARM, PAGES_CACHE, STATIC_CACHE, SW_SCOPE, SW_URL, type WarmResult } from "./config";

const enabled = process.env.NODE_ENV === "production" && process.env.FLOOR_OFFLINE !== "0";

/** The worker controlling this page, waiting for the first one to claim it after installing. */
async function controller(): Promise<ServiceWorker> {
  const sw = navigator.serviceWorker;
  await sw.ready;
  if (sw.controller) return sw.controller;
  return new Promise((resolve) => sw.addEventListener("controllerchange", () => resolve(sw.controller!), { once: true }));
}

function warm(worker: ServiceWorker): Promise<WarmResult> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<WarmResult>) => resolve(e.data);
    worker.postMessage({ type: MSG_WARM }, [channel.port2]);
  });
}

export function RegisterServiceWorker() {
  const t = useTranslations("floorOffline");
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    if (!enabled) {
      void navigator.serviceWorker.getRegistrations().then((all) => {
        for (const r of all) if (new URL(r.scope).pathname.startsWith(SW_SCOPE)) void r.unregister();
      });
      if ("caches" in window) for (const name of [PAGES_CACHE, STATIC_CACHE]) void caches.delete(name);
      return;
    }
    let live = true;
    // updateViaCache "none": the browser always asks the server for a new sw.js (also sent no-cache).
    // Offline the update check fails; the registration already there keeps working.
    navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE, updateViaCache: "none" }).catch(() => undefined);
    void controller()
      .then(warm)
      .then((result) => live && setReady(result.cached > 0))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  return (
    <span className="sr-only" data-offline-ready={ready ? "true" : "false"}>
      {ready ? t("ready") : ""}
    </span>
  );
}
