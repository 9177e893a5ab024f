// Bearer tokens for API clients: short-lived HS256 JWTs from POST /api/v1/auth/token, or API
// tokens (`wms_…`) an admin created for an integration. Every request re-reads the user (and the
// API token), so a deactivated user, a changed role or a revoked token takes effect at once.
import { jwtVerify, SignJWT } from "jose";
import { db, poolSql } from "../db";
import { authSecret } from "../env";
import { hashSecret, TOKEN_PATTERN, TOKEN_PREFIX } from "../api-tokens/secret";
import { AppError } from "../errors";
import type { Actor } from "./permissions";
import type { AuthenticatedUser } from "./login";

const TTL_SECONDS = 12 * 60 * 60;
const AUDIENCE = "wms-api";

function key(): Uint8Array {
  return new TextEncoder().encode(authSecret());
}

export async function issueAccessToken(user: AuthenticatedUser): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + TTL_SECONDS * 1000);
  const token = await new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key());
  return { token, expiresAt };
}

/** Resolves `Authorization: Bearer …` to an actor, or throws UNAUTHENTICATED. */
export async function actorFromBearer(header: string | null): Promise<Actor> {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!m) throw new AppError("UNAUTHENTICATED", "A bearer token is required.");
  if (m[1].startsWith(TOKEN_PREFIX)) return actorFromApiToken(m[1]);
  const sub = await jwtSubject(m[1]);
  // Every request, straight through pg with a prepared statement (the hottest query of the API).
  const [user] = await poolSql<{ id: string; role: Actor["role"]; active: boolean }>("auth_user", USER_SQL, [sub]);
  if (!user || !user.active) throw new AppError("UNAUTHENTICATED", "The token is invalid or has expired.");
  return { id: user.id, role: user.role, channel: "api" };
}

const USER_SQL = "SELECT id::text AS id, role::text AS role, active FROM users WHERE id = $1::uuid";

/**
 * Signatures already verified in this process, by token: verifying is deterministic, so each
 * token's HMAC (WebCrypto, about 5 % of a movement request) is checked once; expiry is checked on
 * every use and the user is re-read on every request. Bounded; the oldest entry goes first.
 */
const verified = new Map<string, { sub: string; exp: number }>();
const VERIFIED_MAX = 2000;

async function jwtSubject(token: string): Promise<string> {
  const expired = new AppError("UNAUTHENTICATED", "The token is invalid or has expired.");
  const hit = verified.get(token);
  if (hit) {
    if (hit.exp * 1000 > Date.now()) return hit.sub;
    verified.delete(token);
    throw expired;
  }
  let sub: string | undefined;
  let exp: number | undefined;
  try {
    ({ sub, exp } = (await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ["HS256"] })).payload);
  } catch {
    throw expired;
  }
  if (!sub || !exp) throw expired;
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, { sub, exp });
  return sub;
}

/** `last_used_at` is written at most once per token per minute, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

async function actorFromApiToken(secret: string): Promise<Actor> {
  const invalid = new AppError("UNAUTHENTICATED", "The token is invalid, revoked or has expired.");
  if (!TOKEN_PATTERN.test(secret)) throw invalid;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, scope: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, role: true, active: true } } },
  });
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || !token.user.active) throw invalid;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent first requests of the minute write once between them.
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { id: token.user.id, role: token.user.role, channel: "api", scope: token.scope };
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** A read-only API token may not change anything: refuse every unsafe method, in one place. */
export function assertScopeAllows(actor: Actor, method: string): void {
  if (actor.scope === "read" && !SAFE_METHODS.has(method.toUpperCase())) {
    throw new AppError("FORBIDDEN", `This API token is read-only: ${method.toUpperCase()} requests are not allowed. Use a read_write token.`, { scope: "read" });
  }
}
