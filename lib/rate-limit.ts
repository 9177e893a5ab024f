// Failed-login limits, Redis-backed so every web process shares them; in-memory insurance limiters
// take over while Redis is unreachable, so an outage neither opens the door nor locks everyone out.
//
//   - per account and client: 10 failures a minute per email + client address (the address only
//     when TRUST_PROXY says it can be believed; see clientIp) — or, on a device that has signed in
//     as that email before (a device cookie, lib/auth/device-cookie.ts), per email + that device;
//   - per client address (trusted addresses only): 30 failures in 10 minutes across all emails,
//     against a spray from one place;
//   - a global failure budget: LOGIN_FAILURE_BUDGET failures a minute (default 100) across all
//     clients and emails. Once it is used up, only known devices may try; everyone else is told to
//     wait. A spray across many accounts and addresses stops there, and nobody can lock an account's
//     owner out of the devices they use.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "./errors";
import { redis } from "./redis";

const ACCOUNT = { points: 10, duration: 60 };
const ADDRESS = { points: 30, duration: 600 };
const budget = () => {
  const n = Number(process.env.LOGIN_FAILURE_BUDGET);
  return Number.isInteger(n) && n > 0 ? n : 100;
};

/** Who is trying to sign in: the email, the client address (clientIp) and a verified device id, if any. */
export type LoginClient = { email: string; ip: string; device?: string | null };

const g = globalThis as unknown as { __loginLimiters?: { account: RateLimiterRedis; address: RateLimiterRedis; global: RateLimiterRedis } };

function limiters() {
  const make = (keyPrefix: string, o: { points: number; duration: number }) =>
    new RateLimiterRedis({ storeClient: redis(), keyPrefix, ...o, insuranceLimiter: new RateLimiterMemory(o) });
  g.__loginLimiters ??= {
    account: make("rl:login", ACCOUNT),
    address: make("rl:login-ip", ADDRESS),
    // Counts every failure of the minute; the budget is compared when checking (read each time).
    global: make("rl:login-all", { points: 1_000_000_000, duration: 60 }),
  };
  return g.__loginLimiters;
}

const trusted = (ip: string) => ip !== "direct" && ip !== "unknown";
const accountKey = (c: LoginClient) => (c.device ? `${c.email.trim().toLowerCase()}|device:${c.device}` : `${c.email.trim().toLowerCase()}|${c.ip}`);

function limited(retryAfterMs: number, message = "Too many failed attempts."): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("RATE_LIMITED", `${message} Try again in ${retryAfter} s.`, { retryAfter });
}

/** Throws RATE_LIMITED when this client may not try now. */
export async function assertLoginAllowed(c: LoginClient): Promise<void> {
  const l = limiters();
  const [account, address, global] = await Promise.all([
    l.account.get(accountKey(c)),
    c.device || !trusted(c.ip) ? null : l.address.get(c.ip),
    c.device ? null : l.global.get("all"),
  ]);
  if (account && account.consumedPoints >= ACCOUNT.points) throw limited(account.msBeforeNext);
  if (address && address.consumedPoints >= ADDRESS.points) throw limited(address.msBeforeNext);
  if (global && global.consumedPoints >= budget()) throw limited(global.msBeforeNext, "Too many failed sign-ins on this system right now.");
}

async function consume(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) return; // already over the limit; the next attempt is refused
    throw e;
  }
}

export async function recordLoginFailure(c: LoginClient): Promise<void> {
  const l = limiters();
  await Promise.all([consume(l.account, accountKey(c)), !c.device && trusted(c.ip) ? consume(l.address, c.ip) : null, consume(l.global, "all")]);
}

export async function clearLoginFailures(c: LoginClient): Promise<void> {
  await limiters().account.delete(accountKey(c));
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
