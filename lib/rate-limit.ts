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

export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
