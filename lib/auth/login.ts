// Checks email + password for both the web login and POST /api/v1/auth/token.
import { db } from "../db";
import { AppError } from "../errors";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "../rate-limit";
import { parse } from "../validation";
import { verifyPassword } from "./password";
import type { Role } from "./permissions";
import { credentialsSchema } from "./credentials-schema";

export { credentialsSchema };

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role };

// Compared against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$11$ydUY3U9S7iHu7.Co.5VG9e6LPVFi2a1.U3I/2.3e6t5txWEEc12aO";

export async function authenticateUser(input: unknown, ip: string): Promise<AuthenticatedUser> {
  const { email, password } = parse(credentialsSchema, input);
  await assertLoginAllowed(email, ip);
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    await recordLoginFailure(email, ip);
    throw new AppError("INVALID_CREDENTIALS", "Wrong email or password.");
  }
  await clearLoginFailures(email, ip);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
