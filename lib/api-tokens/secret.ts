// API token secrets: `wms_` + 32 random bytes in base64url. Only the sha256 (hex) is stored; the
// first characters are kept as a prefix so an admin can tell tokens apart.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "wms_";
/** `wms_` + 43 base64url characters. */
export const TOKEN_PATTERN = /^wms_[A-Za-z0-9_-]{43}$/;
const DISPLAY_CHARS = 12;

export function generateSecret(): { secret: string; hash: string; prefix: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashSecret(secret), prefix: secret.slice(0, DISPLAY_CHARS) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
