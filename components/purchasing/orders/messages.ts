// The purchasing domain speaks English (lib/purchasing/*), often with a code in the sentence
// ("Unknown product X."). This maps each such message to a key of `purchasing.errors` and the
// values it carries. Pure: used by the server actions (localizePurchaseResult) and in the browser
// (the zod messages of the shared schemas, shown before anything is sent).
import { FORBIDDEN_MESSAGES } from "@/lib/purchasing/states";

export type PurchaseMessage = { key: string; values?: Record<string, string> };

const EXACT: Record<string, string> = {
  [FORBIDDEN_MESSAGES.own_order]: "ownOrder",
  [FORBIDDEN_MESSAGES.same_approver]: "sameApprover",
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
  [/^Unknown product (.+)\.$/s, "unknownProduct", ["code"]],
  [/^Supplier (.+) is inactive\.$/s, "supplierInactive", ["code"]],
  [/^Supplier (.+) not found\.$/s, "supplierNotFound", ["code"]],
  [/^No exchange rate for ([A-Z]{3}) on or before (\d{4}-\d{2}-\d{2});/s, "noRate", ["currency", "date"]],
  [/^(.+) is lot-tracked: give the lot code\.$/s, "lotRequired", ["sku"]],
  [/^(.+) is serial-tracked; serialized items are received from their own page\.$/s, "serialTracked", ["sku"]],
  [/^Only (\d+) of (.+) (?:is|are) still open on .+; (\d+) would be too many\.$/s, "overReceipt", ["open", "sku", "requested"]],
  [/^Nothing of (.+) is open on .+ any more/s, "nothingOpen", ["sku"]],
  [/^(.+) is not on (.+)\.$/s, "notOnOrder", ["sku", "number"]],
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
