// IMEI: 15 digits whose last is the Luhn check digit of the first 14 (3GPP TS 23.003). Stored as
// the 15 digits; spaces, hyphens and slashes as printed on boxes are dropped on input.
import { z } from "zod";

/** The Luhn check over all digits of `digits` (true when the last digit checks the others). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that completes 14 digits to a valid IMEI. */
export function imeiCheckDigit(first14: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${first14}${d}`)) return String(d);
  throw new Error("unreachable");
}

/** Drops the spaces, hyphens and slashes an IMEI is printed with. */
export function stripImei(s: string): string {
  return s.replace(/[\s\-/]/g, "");
}

/** The 15 digits when `s` is shaped like an IMEI (check digit not checked), else null. */
export function imeiDigits(s: string): string | null {
  const d = stripImei(s);
  return /^\d{15}$/.test(d) ? d : null;
}

export const imeiSchema = z
  .string()
  .transform(stripImei)
  .pipe(
    z
      .string()
      .regex(/^\d{15}$/, "An IMEI has 15 digits.")
      .refine(luhnValid, "This IMEI's check digit does not match (Luhn); check for a typo."),
  );
