// Builds the floor service worker, public/sw.js, from components/floor/pwa/sw.ts. Called by
// `next build` itself (compiler.runAfterProductionCompile in next.config.mjs, after the client
// build files exist and before pages are prerendered), so every way of building — npm run build,
// the Dockerfile, scripts/e2e.ts, npm run demo — produces it. Turbopack has no plugin hook for
// @serwist/next, so the worker is bundled here with esbuild and Serwist's precache manifest is
// made by @serwist/build from .next/static. See docs/floor-offline.md.
//
// FLOOR_OFFLINE=0 at build time writes a worker that deletes the floor caches and unregisters
// itself instead (the pages then register nothing either).
import fs from "node:fs/promises";
import path from "node:path";

/** A worker that removes itself and the caches of the real one, for FLOOR_OFFLINE=0. */
const UNREGISTER = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(caches.keys()
  .then((names) => Promise.all(names.filter((n) => n.startsWith("floor-") || n.startsWith("serwist-")).map((n) => caches.delete(n))))
  .then(() => self.registration.unregister())));
`;

/** @param {{ projectDir: string, distDir: string }} dirs */
export async function buildServiceWorker({ projectDir, distDir }) {
  const started = Date.now();
  const dest = path.join(projectDir, "public", "sw.js");
  await fs.mkdir(path.dirname(dest), { recursive: true });
  if (process.env.FLOOR_OFFLINE === "0") {
    await fs.writeFile(dest, UNREGISTER);
    console.log("   floor service worker: disabled (FLOOR_OFFLINE=0), public/sw.js unregisters itself");
    return;
  }
  // Build-time tools only: imported here, so `next start` (which loads next.config.mjs) never needs them.
  const [{ getFileManifestEntries }, esbuild] = await Promise.all([import("@serwist/build"), import("esbuild")]);
  const { manifestEntries, count, size, warnings } = await getFileManifestEntries({
    globDirectory: path.join(path.resolve(projectDir, distDir), "static"),
    globPatterns: ["**/*"],
    modifyURLPrefix: { "": "/_next/static/" },
    // Every file under .next/static is content-hashed or sits under the build id: the URL is the revision.
    dontCacheBustURLsMatching: /./,
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  });
  for (const w of warnings) console.warn(`   floor service worker: ${w}`);
  await esbuild.build({
    entryPoints: [path.join(projectDir, "components/floor/pwa/sw.ts")],
    outfile: dest,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    define: { "self.__SW_MANIFEST": JSON.stringify(manifestEntries), "process.env.NODE_ENV": '"production"' },
  });
  console.log(`   floor service worker: public/sw.js, ${count} precached files (${(size / 1024).toFixed(0)} KiB), ${Date.now() - started} ms`);
}
