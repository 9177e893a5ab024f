// Display formatting shared by pages (server) and client components.

/** Short form for large amounts in tight places (KPI cards): CN¥6.05M, ¥605.37万. */
export function formatMoneyCompact(locale: string, price: { amount: string; currency: string }): string {
  try {
    return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", {
      style: "currency",
      currency: price.currency,
      notation: "compact",
      maximumFractionDigits: 2,
    }).format(price.amount as Intl.StringNumericLiteral);
  } catch {
    return formatMoney(locale, price);
  }
}

/** A money amount in the user's locale; the decimal string is formatted exactly, never via float. */
export function formatMoney(locale: string, price: { amount: string; currency: string } | null | undefined): string {
  return money(locale, price, 4);
}

/** A money total (sums, valuation): always 2 decimals, rounded half-up by Intl, from the exact decimal string. */
export function formatMoneyTotal(locale: string, price: { amount: string; currency: string } | null | undefined): string {
  return money(locale, price, 2);
}

function money(locale: string, price: { amount: string; currency: string } | null | undefined, maximumFractionDigits: number): string {
  if (!price) return "—";
  try {
    return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", {
      style: "currency",
      currency: price.currency,
      minimumFractionDigits: 2,
      maximumFractionDigits,
    }).format(price.amount as Intl.StringNumericLiteral);
  } catch {
    return `${price.amount} ${price.currency}`;
  }
}

/** Date and time in UTC, e.g. 2026-11-22 14:05:09 (sortable and the same in both languages). */
export function formatDateTime(value: Date | string): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return d.toISOString().slice(0, 19).replace("T", " ");
}
