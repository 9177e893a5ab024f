import createNextIntlPlugin from "next-intl/plugin";
import { buildServiceWorker } from "./scripts/build-sw.mjs";

const isProd = process.env.NODE_ENV === "production";

// Next inlines its bootstrap scripts, so script-src needs 'unsafe-inline' (nonces would make every
// page dynamic-only; revisit when we add a nonce-aware proxy). Everything else is same-origin.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProd ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // The floor service worker (public/sw.js) and the web app manifest (app/manifest.ts).
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' data: blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  ...(isProd && process.env.DISABLE_HSTS !== "1"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "bullmq", "ioredis", "nodemailer", "pdfkit", "bwip-js", "pino", "pino-pretty", "prom-client"],
  experimental: { authInterrupts: true },
  // FLOOR_OFFLINE=0 at build time turns the floor's offline shell off (docs/floor-offline.md).
  env: { FLOOR_OFFLINE: process.env.FLOOR_OFFLINE === "0" ? "0" : "1" },
  // The floor service worker is built inside `next build`, whoever runs it (scripts/build-sw.mjs).
  compiler: { runAfterProductionCompile: buildServiceWorker },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        // The browser must see a new worker as soon as it is deployed.
        source: "/sw.js",
        headers: [
          { key: "Content-Type", value: "application/javascript; charset=utf-8" },
          { key: "Cache-Control", value: "no-cache" },
        ],
      },
    ];
  },
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
