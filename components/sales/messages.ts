// The outbound domain (lib/sales) speaks English, often with a code, a number or a state in the
// sentence ("SO2612-0001 is packed; only confirmed orders … go on a pick list."). This maps each
// message the sales screens can meet to a key of `sales.errors` and the values it carries. Pure:
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
  "Nothing to pick: these orders have no reserved stock that is not already picked or on a pick list (reserve their backorder first).": "nothingToPick",
  "There is no active shipping location to pick to; create one (kind: shipping).": "noShippingLocation",
  "Shipment not found.": "shipmentNotFound",
  "Say why the goods came back.": "returnReason",
};

const PATTERNS: [RegExp, string, string[]][] = [
  [/^Only (\d+) of (.+) can still come back from (\S+) \(shipped (\d+), returned (\d+)\)\.$/s, "returnTooMany", ["n", "sku", "shipment", "shipped", "returned"]],
  [/^(.+) was not in shipment (.+)\.$/s, "returnNotShipped", ["sku", "shipment"]],
  [/^Serial (.+) was not shipped in (.+)\.$/s, "returnSerialNotShipped", ["serial", "shipment"]],
  [/^Serial (.+) has already come back\.$/s, "returnSerialBack", ["serial"]],
  [/^Scan the (\d+) serial number\(s\) that came back\.$/s, "returnSerialCount", ["n"]],
  [/^Only shipped items come back; not: (.+)\.$/s, "returnNotOut", ["items"]],
  [/^Shipment (.+) not found\.$/s, "shipmentNotFound", []],
  [/^At most (\d+) characters\.$/, "tooLong", ["max"]],
  [/^At most (\d+) lines\.$/, "maxLines", ["max"]],
  [/^Unknown product (.+)\.$/s, "unknownProduct", ["code"]],
  [/^Unknown location (.+)\.$/s, "unknownLocation", ["code"]],
  [/^Customer order (.+) not found\.$/s, "orderNotFound", ["number"]],
  [/^Customer (.+) not found\.$/s, "customerNotFound", ["code"]],
  [/^Pick list (.+) not found\.$/s, "pickListNotFound", ["number"]],
  [/^Customer (.+) has (\d+) open order\(s\); ship or cancel them first\.$/s, "inUse", ["code", "count"]],
  [/^Only draft orders can be edited; (.+) is (\w+)\.$/s, "notDraft", ["number", "status"]],
  [/^(.+) still has (\d+) reservation\(s\) to pick; /s, "unpicked", ["number", "count"]],
  [/^Nothing of (.+) has been picked; there is nothing to pack\.$/s, "nothingPicked", ["number"]],
  [/^(.+) is (\w+); only confirmed orders \(or orders being picked\) go on a pick list\.$/s, "notPickable", ["number", "status"]],
  [/^(.+) is (\w+); only packed orders are shipped\.$/s, "notShippable", ["number", "status"]],
  [/^(.+) has (\d+) reservation\(s\) not picked yet\.$/s, "notPicked", ["number", "count"]],
  [/^(.+) has nothing picked to ship\.$/s, "nothingToShip", ["number"]],
  [/^(\S+) is (?:inactive|an? \w+ location); pick to an active shipping location\.$/s, "notShippingLocation", ["code"]],
  [/^A (\w+) order cannot (?:become \w+|do this)\.$/, "invalidTransition", ["status"]],
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
