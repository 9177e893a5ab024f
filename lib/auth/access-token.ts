// Bearer tokens for API clients: short-lived HS256 JWTs from POST /api/v1/auth/token.
// Every request re-reads the user, so a deactivated user or a changed role takes effect at once.
import { jwtVerify, SignJWT } from "jose";
import { db } from "../db";
import { authSecret } from "../env";
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
  let sub: string | undefined;
  try {
    const { payload } = await jwtVerify(m[1], key(), { audience: AUDIENCE, algorithms: ["HS256"] });
    sub = payload.sub;
  } catch {
    throw new AppError("UNAUTHENTICATED", "The token is invalid or has expired.");
  }
  const user = sub ? await db.user.findUnique({ where: { id: sub }, select: { id: true, role: true, active: true } }) : null;
  if (!user || !user.active) throw new AppError("UNAUTHENTICATED", "The token is invalid or has expired.");
  return { id: user.id, role: user.role, channel: "api" };
}
