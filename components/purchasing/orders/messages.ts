// The purchasing schemas' zod messages carry no key: this maps each to a key of `purchasing.errors`
// (the domain's refusals carry their key and values themselves, see lib/errors.ts). Pure: used by
// the server actions and in the browser (shown before anything is sent).

export type PurchaseMessage = { key: string; values?: Record<string, string> };

const EXACT: Record<string, string> = {
  "This product is already on the order; change that line's quantity.": "duplicateLine",
  "Choose a product.": "chooseProduct",
  "Choose a supplier.": "chooseSupplier",
  "Add at least one line.": "addLine",
  "At least 1.": "atLeastOne",
  "Say why the order is rejected.": "reasonRequired",
  "Scan or choose a location.": "chooseLocation",
  "Receive at least one line.": "receiveOneLine",
};

const PATTERNS: [RegExp, string, string[]][] = [
  [/^(.+) is serial-tracked; serialized items are received from their own page\.$/s, "serialTracked", ["sku"]],
];

export function purchaseMessage(message: string | undefined): PurchaseMessage | null {
  if (!message) return null;
  const key = EXACT[message];
  if (key) return { key };
  for (const [re, k, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return { key: k, values: Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) };
  }
  return null;
}
