// Checks email + password for both the web login and POST /api/v1/auth/token.
import { db } from "../db";
import { AppError } from "../errors";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "../rate-limit";
import { parse } from "../validation";
import { deviceCookie } from "./device-cookie";
import { verifyPassword } from "./password";
import type { Role } from "./permissions";
import { credentialsSchema } from "./credentials-schema";

export { credentialsSchema };

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role };

// Compared against when the email is unknown or its account has no usable password (the internal
// system account's "!"), so every path costs one full bcrypt comparison and takes the same time.
const DUMMY_HASH = "$2b$11$ydUY3U9S7iHu7.Co.5VG9e6LPVFi2a1.U3I/2.3e6t5txWEEc12aO";
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/**
 * `ip` is the client address as clientIp gives it; `cookieHeader` the request's cookies, where a
 * device cookie for this email (lib/auth/device-cookie.ts) puts the attempt in the device's own bucket.
 */
export async function authenticateUser(input: unknown, ip: string, opts: { cookieHeader?: string | null } = {}): Promise<AuthenticatedUser> {
  const { email, password } = parse(credentialsSchema, input);
  const client = { email, ip, device: deviceCookie.verify(opts.cookieHeader ?? null, email) };
  await assertLoginAllowed(client);
  const user = await db.user.findUnique({ where: { email } });
  const hash = user && BCRYPT.test(user.passwordHash) ? user.passwordHash : DUMMY_HASH;
  const ok = (await verifyPassword(password, hash)) && hash !== DUMMY_HASH;
  if (!user || !ok || !user.active) {
    await recordLoginFailure(client);
    throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
  }
  await clearLoginFailures(client);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
