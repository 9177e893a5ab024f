// Bearer tokens for API clients: short-lived HS256 JWTs from POST /api/v1/auth/token, or API
// tokens (`wms_…`) an admin created for an integration. Every request re-reads the user (and the
// API token), so a deactivated user, a changed role or a revoked token takes effect at once.
// A JWT may be issued for the handheld web app (`{ channel: "handheld" }`, claim `ch`): what it
// posts is then recorded with channel `handheld`, as the floor's server actions do; otherwise `api`.
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

/** The channels a JWT can carry; anything else in `ch` makes the token invalid. */
export type TokenChannel = "api" | "handheld";
const CHANNEL_CLAIM = "ch";

export async function issueAccessToken(
  user: AuthenticatedUser,
  opts: { channel?: TokenChannel } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + TTL_SECONDS * 1000);
  const claims: Record<string, string> = { role: user.role };
  // `api` is the default and is not written, so tokens issued before the claim existed read the same.
  if (opts.channel === "handheld") claims[CHANNEL_CLAIM] = "handheld";
  const token = await new SignJWT(claims)
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
  const { sub, channel } = await verifiedJwt(m[1]);
  // Every request, straight through pg with a prepared statement (the hottest query of the API).
  const [user] = await poolSql<{ id: string; role: Actor["role"]; active: boolean }>("auth_user", USER_SQL, [sub]);
  if (!user || !user.active) throw new AppError("UNAUTHENTICATED", "The token is invalid or has expired.");
  return { id: user.id, role: user.role, channel };
}

const USER_SQL = "SELECT id::text AS id, role::text AS role, active FROM users WHERE id = $1::uuid";

/**
 * Signatures already verified in this process, by token: verifying is deterministic, so each
 * token's HMAC (WebCrypto, about 5 % of a movement request) is checked once; expiry is checked on
 * every use and the user is re-read on every request. Bounded; the oldest entry goes first.
 */
type VerifiedJwt = { sub: string; exp: number; channel: TokenChannel };
const verified = new Map<string, VerifiedJwt>();
const VERIFIED_MAX = 2000;

async function verifiedJwt(token: string): Promise<VerifiedJwt> {
  const expired = new AppError("UNAUTHENTICATED", "The token is invalid or has expired.");
  const hit = verified.get(token);
  if (hit) {
    if (hit.exp * 1000 > Date.now()) return hit;
    verified.delete(token);
    throw expired;
  }
  let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
  try {
    ({ payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ["HS256"] }));
  } catch {
    throw expired;
  }
  const { sub, exp } = payload;
  const ch = payload[CHANNEL_CLAIM];
  if (!sub || !exp || (ch !== undefined && ch !== "handheld")) throw expired;
  const entry: VerifiedJwt = { sub, exp, channel: ch === "handheld" ? "handheld" : "api" };
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, entry);
  return entry;
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
