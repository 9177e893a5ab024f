// The stock and count schemas' zod messages, which carry no key: this maps each to a key of the
// "movements" namespace's `errors` (and the values it carries), so forms and the handheld show it in
// the user's language. The domain's own refusals (unknown product or location, insufficient stock,
// a closed count…) carry their key and parameters instead (lib/errors.ts, lib/stock/engine-messages.ts).
// Pure: used on the server (localizeStockResult) and in the browser.
type Match = { key: string; values?: Record<string, string> };

const EXACT: Record<string, string> = {
  "Quantities are whole numbers.": "wholeNumbers",
  "Whole numbers only.": "wholeNumbers",
  "Quantity must be at least 1.": "quantityMin",
  "Quantity is required.": "quantityRequired",
  "A transfer line needs `from`.": "fromRequired",
  "A transfer line needs `to`.": "toRequired",
  "`from` and `to` must differ.": "fromToSame",
  "This line needs a `location`.": "locationRequired",
  "An adjust line needs `counted` (the counted quantity).": "countedRequired",
  "An adjust line takes `counted`, not `quantity`.": "countedNotQuantity",
  "A write-off needs a reason.": "reasonRequired",
  "Use YYYY-MM-DD.": "dateFormat",
  "At least one line.": "atLeastOneLine",
  "Cannot be negative.": "notNegative",
  "Scan or type a product.": "productRequired",
  "Scan or type a location.": "locationRequired",
  "Choose at least one location.": "chooseLocations",
  "Nothing counted yet.": "nothingCounted",
  "Nothing has been counted in this session yet.": "nothingCounted",
  "Enter an amount like 12.50 (up to 4 decimals, not negative).": "amountFormat",
  "At most 100 characters.": "tooLong100",
  "At most 2,000 characters.": "tooLong2000",
};

const PATTERNS: [RegExp, string, string[]][] = [
  [/^Too small: expected string to have >=1 characters?$/, "required", []],
  [/^Too big: expected string to have <=(\d+) characters$/, "tooLong", ["max"]],
  [/^Too big: expected number to be <=(\d+)$/, "tooBig", ["max"]],
  [/^At most (\d+)\.$/, "tooBig", ["max"]],
  [/^Invalid input: expected number, received NaN$/, "enterNumber", []],
];

export function stockMessage(message: string | undefined): Match | undefined {
  if (!message) return undefined;
  const exact = EXACT[message];
  if (exact) return { key: exact };
  for (const [re, key, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key, values: Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) };
  }
  return undefined;
}
