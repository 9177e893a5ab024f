// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
// signed in successfully as an email gets a signed cookie naming that email. Its failed attempts
// count in a bucket of their own (lib/rate-limit.ts), so strangers' failures — which lock the email
// when client addresses cannot be trusted, or use up the global failure budget during a spray — do
// not lock the owner out on a device they have used before.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "../env";

const MAX_AGE_S = 180 * 24 * 60 * 60;

const norm = (email: string) => email.trim().toLowerCase();
const nameFor = (email: string) => `wms_dev_${createHash("sha256").update(norm(email)).digest("hex").slice(0, 16)}`;
const sign = (id: string, email: string) => createHmac("sha256", authSecret()).update(`device|${id}|${norm(email)}`).digest("base64url");

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export const deviceCookie = {
  /** A new cookie for this email (after a successful sign-in). */
  issue(email: string): { name: string; value: string; maxAge: number } {
    const id = randomBytes(12).toString("base64url");
    return { name: nameFor(email), value: `${id}.${sign(id, email)}`, maxAge: MAX_AGE_S };
  },
  /** The device id when the request carries a valid cookie for this email, else null. */
  verify(cookieHeader: string | null, email: string): string | null {
    const value = readCookie(cookieHeader, nameFor(email));
    const m = value ? /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
    if (!m) return null;
    const expected = Buffer.from(sign(m[1], email));
    const given = Buffer.from(m[2]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null;
  },
};
