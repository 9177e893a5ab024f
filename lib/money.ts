// Money is an exact decimal string with an ISO-4217 currency, never a float.
import Decimal from "decimal.js";
import { z } from "zod";
import type { Prisma } from "./db";

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 currency code, e.g. CNY.");

// Sane bounds for every amount a person or API client enters (unit costs, unit prices, product
// prices, thresholds): 0 to MAX_AMOUNT with at most UNIT_PLACES decimals (docs/product.md "Amounts").
// The columns could hold 14 integer digits; one typo there ruins valuation, so the API refuses it
// (VALIDATION_FAILED) and the forms say so before sending.
/** The largest amount accepted anywhere: 1,000,000,000 (in the amount's own currency). */
export const MAX_AMOUNT = "1000000000";
export const AMOUNT_FORMAT_MESSAGE = "Enter an amount like 12.50 (up to 4 decimals, not negative).";
export const AMOUNT_TOO_LARGE_MESSAGE = "Amounts are at most 1,000,000,000.";
const AMOUNT_FORMAT = /^\d{1,40}(\.\d{1,4})?$/;

/** True when `value` (a well-formed amount) is not above MAX_AMOUNT. */
export function withinAmountBound(value: string): boolean {
  const [int] = value.split(".");
  const digits = int.replace(/^0+(?=\d)/, "");
  if (digits.length !== MAX_AMOUNT.length) return digits.length < MAX_AMOUNT.length;
  return new Decimal(value).lte(MAX_AMOUNT);
}

export const amountSchema = z
  .string()
  .trim()
  .regex(AMOUNT_FORMAT, AMOUNT_FORMAT_MESSAGE)
  .refine((v) => !AMOUNT_FORMAT.test(v) || withinAmountBound(v), AMOUNT_TOO_LARGE_MESSAGE);

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

// ---- Exact arithmetic and the one rounding rule (docs/purchasing.md "Money") -------------------
// Amounts are rounded half-even (banker's rounding) to the currency's minor unit (CNY, USD, EUR: 2;
// JPY: 0; KWD: 3, as ISO 4217 and Intl know them); unit prices and unit costs keep 4 decimals, also
// half-even. Every amount of a purchase order and every converted cost goes through these functions.
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type DecimalLike = string | number | { toString(): string };
/** Decimals kept for unit prices and unit costs (the columns are numeric(18,4)). */
export const UNIT_PLACES = 4;

/** The currency's minor unit: 2 for CNY/USD/EUR, 0 for JPY, 3 for KWD. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Rounds half-even to `places` decimals, as a fixed-point string ("2.50", "3"). */
export function roundHalfEven(value: DecimalLike, places: number): string {
  return new Exact(value.toString()).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places);
}

/** An amount in `currency`: rounded half-even to its minor unit. */
export function roundAmount(value: DecimalLike, currency: string): string {
  return roundHalfEven(value, minorUnits(currency));
}

/** quantity × unit price, rounded to the currency's minor unit. */
export function lineAmount(quantity: number, unitPrice: DecimalLike, currency: string): string {
  return roundAmount(new Exact(unitPrice.toString()).times(quantity), currency);
}

/** The sum of amounts (already rounded; the sum is exact). */
export function sumAmounts(amounts: DecimalLike[], currency: string): string {
  return roundAmount(amounts.reduce<Decimal>((s, a) => s.plus(a.toString()), new Exact(0)), currency);
}

/** An amount converted with `rate` (base units per unit of the order currency), rounded to the base currency. */
export function toBase(amount: DecimalLike, rate: DecimalLike, baseCurrency: string): string {
  return roundAmount(new Exact(amount.toString()).times(rate.toString()), baseCurrency);
}

/** A unit price converted to a unit cost in base currency, kept to UNIT_PLACES decimals. */
export function unitCostInBase(unitPrice: DecimalLike, rate: DecimalLike): string {
  return roundHalfEven(new Exact(unitPrice.toString()).times(rate.toString()), UNIT_PLACES);
}

/** Compares two decimals: -1, 0 or 1. */
export function compareAmounts(a: DecimalLike, b: DecimalLike): number {
  return new Exact(a.toString()).comparedTo(b.toString());
}

/** True when `value` is above the entry confirmation limit (null: no limit, never). */
export function aboveLimit(value: DecimalLike, limit: string | null | undefined): boolean {
  return limit !== null && limit !== undefined && compareAmounts(value, limit) > 0;
}
