// The domain's zod schemas and AppErrors speak English. This maps each fixed message to a key of
// the "validation" namespace so forms show it in the user's language; messages not listed here
// (e.g. ones carrying a name) are shown as they come.
export const KNOWN_MESSAGES: Record<string, string> = {
  // catalogue
  "SKU is required.": "skuRequired",
  "SKU is at most 64 characters.": "skuTooLong",
  "SKU may contain letters, digits and . _ - / only.": "skuFormat",
  "Barcode is at most 64 characters.": "barcodeTooLong",
  "Barcode may contain letters, digits, - and . only.": "barcodeFormat",
  "At most 50 attributes.": "tooManyAttributes",
  "Name is required.": "nameRequired",
  "Name is at most 200 characters.": "nameTooLong200",
  "Name is at most 100 characters.": "nameTooLong100",
  "Unit is required.": "unitRequired",
  "Whole numbers only.": "wholeNumbers",
  "Cannot be negative.": "notNegative",
  "Safety stock cannot exceed the minimum stock.": "safetyAboveMin",
  "Tracking can only change while the product has no stock anywhere.": "trackingHasStock",
  "Choose a parent category.": "chooseParent",
  "Unknown category.": "unknownCategory",
  "Unknown parent category.": "unknownCategory",
  "Ambiguous category name; use its id.": "ambiguousCategory",
  "Several categories have this name; use its id.": "ambiguousCategory",
  "A category cannot move under itself.": "categoryCycle",
  "A category cannot move under itself or its descendants.": "categoryCycle",
  "Attribute name is required.": "attributeKeyRequired",
  "Each attribute name may appear once.": "attributeKeyDuplicate",
  "Attribute name is at most 64 characters.": "attributeKeyTooLong",
  "Attribute value is at most 500 characters.": "attributeValueTooLong",
  // money
  "Use a three-letter ISO 4217 currency code, e.g. CNY.": "currencyFormat",
  "Enter an amount like 12.50 (up to 4 decimals, not negative).": "amountFormat",
  "Amounts are at most 1,000,000,000.": "amountTooLarge",
  // places
  "Code is required.": "codeRequired",
  "Code is at most 32 characters.": "codeTooLong",
  "Use letters, digits and - _ . (e.g. A-01-02).": "codeFormat",
  "Must be above zero.": "aboveZero",
  "Choose a warehouse.": "chooseWarehouse",
  "Unknown warehouse.": "unknownWarehouse",
  // sign-in
  "Enter a valid email address.": "emailInvalid",
  "Enter your password.": "passwordRequired",
  // database and access
  "SKU already exists.": "skuExists",
  "Barcode already exists.": "barcodeExists",
  "Code already exists.": "codeExists",
  "Email already exists.": "emailExists",
  "Name already exists.": "nameExists",
  "This category still has subcategories or products.": "categoryInUse",
  "This record is still referenced and cannot be removed.": "inUse",
  "Your session has ended. Sign in again.": "sessionEnded",
  "You do not have permission to do this.": "forbidden",
  "Something went wrong. Please try again.": "internal",
  "The request is not valid.": "invalid",
  "The cursor is not valid.": "invalidCursor",
};

export function knownMessageKey(message: string | undefined): string | undefined {
  return message ? KNOWN_MESSAGES[message] : undefined;
}
