import type { MetadataRoute } from "next";

// The handheld floor screens as an installable app (served at /manifest.webmanifest). The scope is
// the whole site, not /floor/: signing in goes through /login and /api/auth/**, which must stay in
// the app's window (outside the scope a standalone app shows them in a browser bar, or leaves the
// app), and "/floor/" would not even contain the start URL "/floor". Only /floor pages register the
// service worker and work offline; see docs/floor-offline.md.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/floor",
    name: "WMS Floor",
    short_name: "WMS Floor",
    description: "Receive, issue, move, count and look up stock on the warehouse floor.",
    start_url: "/floor",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: "#18181b",
    background_color: "#18181b",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
