// Secrets come only from the environment. In production AUTH_SECRET is required; in development
// and tests a random per-process default keeps `npm run dev` working without setup.
import crypto from "node:crypto";

const g = globalThis as unknown as { __devAuthSecret?: string };

export function authSecret(): string {
  const s = process.env.AUTH_SECRET;
  if (s && s.length >= 32) return s;
  if (s) throw new Error("AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)");
  const building = process.env.NEXT_PHASE === "phase-production-build";
  if (process.env.NODE_ENV === "production" && !building) {
    throw new Error("AUTH_SECRET must be set in production (try: openssl rand -base64 32)");
  }
  g.__devAuthSecret ??= crypto.randomBytes(32).toString("base64");
  return g.__devAuthSecret;
}

export const isProduction = process.env.NODE_ENV === "production";

/** Cookies are `Secure` when the app is served over HTTPS in production (the session's and the device cookie). */
export const secureCookies = isProduction && Boolean(process.env.AUTH_URL?.startsWith("https://"));

/** An integer setting from the environment: unset or empty → `fallback`; anything else must be an integer ≥ `min`. */
export function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}
