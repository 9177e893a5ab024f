// The sales schemas' zod messages carry no key: this maps each to a key of `sales.errors` and the
// values it carries (the domain's refusals carry their key and values themselves, see
// lib/errors.ts). Pure:
// used by the server actions (app/(app)/sales/localize.ts, which also says the states in the
// user's language) and in the browser (the zod messages of the shared schemas).
export type SalesMessage = { key: string; values?: Record<string, string | number> };

const EXACT: Record<string, string> = {
  "Use letters, digits and - _ . (e.g. CUST-01).": "codeFormat",
  "Enter an email address like buyer@example.com.": "emailFormat",
  "At least 1.": "atLeastOne",
  "At most 1,000,000,000.": "maxQuantity",
  "Choose a product.": "chooseProduct",
  "Choose a customer.": "chooseCustomer",
  "Add at least one line.": "addLine",
  "This product is already on the order; change that line's quantity.": "duplicateLine",
  "Use YYYY-MM-DD.": "dateFormat",
  "At least 1 package.": "atLeastOnePackage",
  "At most 10,000.": "maxPackages",
  "Enter a weight in kg like 12.5 (up to 3 decimals).": "weightFormat",
  "Say how many packages.": "packagesRequired",
  "Choose at least one order.": "chooseOrders",
  "At most 50 orders per pick list.": "maxOrders",
  "Say why the goods came back.": "returnReason",
};

const PATTERNS: [RegExp, string, string[]][] = [
  [/^At most (\d+) characters\.$/, "tooLong", ["max"]],
  [/^At most (\d+) lines\.$/, "maxLines", ["max"]],
  [/^Unknown product (.+)\.$/s, "unknownProduct", ["code"]],
];

/** Values named `count` go in as numbers (for the messages' plural forms); `status` values are states. */
export function salesMessage(message: string | undefined): SalesMessage | null {
  if (!message) return null;
  const key = EXACT[message];
  if (key) return { key };
  for (const [re, k, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key: k, values: Object.fromEntries(names.map((n, i) => [n, n === "count" ? Number(m[i + 1]) : m[i + 1]])) };
  }
  return null;
}
