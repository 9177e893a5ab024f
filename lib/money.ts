// Money is an exact decimal string with an ISO-4217 currency, never a float.
import { z } from "zod";
import type { Prisma } from "./db";

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 currency code, e.g. CNY.");

export const amountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, "Enter an amount like 12.50 (up to 4 decimals, not negative).");

export const moneySchema = z.object({ amount: amountSchema, currency: currencySchema });
export type Money = { amount: string; currency: string };

/** Formats a stored decimal with at least two decimals and no trailing noise: 12.5 → "12.50", 1.2345 → "1.2345". */
export function formatAmount(value: Prisma.Decimal | string): string {
  const s = typeof value === "string" ? value : value.toFixed(4);
  const [int, frac = ""] = s.split(".");
  const trimmed = frac.replace(/0+$/, "");
  return `${int}.${trimmed.padEnd(2, "0")}`;
}

export function toMoney(amount: Prisma.Decimal | null, currency: string | null): Money | null {
  if (amount === null || currency === null) return null;
  return { amount: formatAmount(amount), currency };
}
