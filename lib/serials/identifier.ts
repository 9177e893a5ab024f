// Serial item identifiers (docs/serials.md): 48 hexadecimal digits from the CSPRNG, written as 12
// groups of 4 joined by hyphens — 59 characters, e.g. 1a2b-3c4d-5e6f-7a8b-9c0d-1e2f-3a4b-5c6d-7e8f-9a0b-1c2d-3e4f.
// 192 random bits: a collision among even billions of items is out of reach, and the unique index
// refuses one anyway.
import crypto from "node:crypto";

export const IDENTIFIER_LENGTH = 59;
export const IDENTIFIER_PATTERN = /^[0-9a-f]{4}(?:-[0-9a-f]{4}){11}$/;

export function generateIdentifier(): string {
  return crypto.randomBytes(24).toString("hex").match(/.{4}/g)!.join("-");
}

/** Accepts upper case and missing hyphens from a scanner or a spreadsheet; null when it is not one. */
export function normalizeIdentifier(input: string): string | null {
  const hex = input.trim().toLowerCase().replace(/-/g, "");
  if (!/^[0-9a-f]{48}$/.test(hex)) return null;
  return hex.match(/.{4}/g)!.join("-");
}
