// Failed-login limiter: 10 failures a minute per email+IP, then RATE_LIMITED until the window ends.
// Redis-backed so every web process shares it; an in-memory insurance limiter takes over while
// Redis is unreachable, so an outage neither opens the door nor locks everyone out.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "./errors";
import { redis } from "./redis";

const POINTS = 10;
const DURATION_S = 60;

const g = globalThis as unknown as { __loginLimiter?: RateLimiterRedis };

function limiter(): RateLimiterRedis {
  g.__loginLimiter ??= new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: "rl:login",
    points: POINTS,
    duration: DURATION_S,
    insuranceLimiter: new RateLimiterMemory({ points: POINTS, duration: DURATION_S }),
  });
  return g.__loginLimiter;
}

function key(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}

function limited(retryAfterMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("RATE_LIMITED", `Too many failed attempts. Try again in ${retryAfter} s.`, { retryAfter });
}

/** Throws RATE_LIMITED when this email+IP has used up its failed attempts. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const res = await limiter().get(key(email, ip));
  if (res && res.consumedPoints >= POINTS) throw limited(res.msBeforeNext);
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  try {
    await limiter().consume(key(email, ip));
  } catch (e) {
    if (e instanceof RateLimiterRes) return; // already over the limit; the next attempt is refused
    throw e;
  }
}

export async function clearLoginFailures(email: string, ip: string): Promise<void> {
  await limiter().delete(key(email, ip));
}

/**
 * The client address that keys the failed-login limiter.
 *
 * `next start` sets X-Forwarded-For to the socket address only when the request carries none, and
 * passes a client-sent X-Forwarded-For (or X-Real-IP) through unchanged; a route handler has no
 * other way to read the socket address. Trusting those headers on a directly exposed server would
 * let an attacker rotate made-up addresses past the per-email+IP limit. Hence:
 * - `TRUST_PROXY` unset or `0` (the default): forwarded headers are ignored and every client counts
 *   as one address, so failures are limited per email. The worst an attacker can do is hold one
 *   email's logins off for a minute at a time, never bypass the limit.
 * - `TRUST_PROXY=N` (N ≥ 1 reverse proxies of ours in front, each appending the address it saw to
 *   X-Forwarded-For, as nginx's `$proxy_add_x_forwarded_for` and Caddy do): the N-th entry from the
 *   right, i.e. the address our outermost proxy saw. Entries further left are client-supplied.
 */
export function clientIp(headers: Headers): string {
  const setting = (process.env.TRUST_PROXY ?? "").trim().toLowerCase();
  const hops = setting === "true" ? 1 : /^\d+$/.test(setting) ? Number(setting) : 0;
  if (hops === 0) return "direct";
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = chain.length >= hops ? chain[chain.length - hops] : undefined;
  // A missing or odd entry means the proxy is not set up as declared: one shared bucket, not a bypass.
  if (!ip || ip.length > 64 || !/^[0-9A-Za-z.:[\]%_-]+$/.test(ip)) return "unknown";
  return ip.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}
