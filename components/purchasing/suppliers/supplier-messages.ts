// The purchasing domain (lib/purchasing) speaks English, sometimes with a code or a number in the
// sentence. This maps the messages the supplier, exchange-rate and settings screens can meet to a
// key of the "suppliers" namespace's `errors` and the values it carries. Pure: used on the server
// (localizeSupplierResult) and in the browser (zod messages of the shared schemas).
type Match = { key: string; values?: Record<string, string | number> };

const EXACT: Record<string, string> = {
  "Use letters, digits and - _ . (e.g. SUP-01).": "codeFormat",
  "Enter an email address like orders@example.com.": "emailFormat",
  "Whole days.": "wholeDays",
  "At most 3650 days.": "maxDays",
  "Enter a percentage like 5 or 2.5.": "percentFormat",
  "At most 100%.": "percentMax",
  "Choose a product.": "chooseProduct",
  "At least 1.": "atLeastOne",
  "Enter a rate like 7.1234 (up to 10 decimals).": "rateFormat",
  "The rate must be above zero.": "ratePositive",
  "Use YYYY-MM-DD.": "dateFormat",
  "Use a date between 0001-01-01 and 9999-12-31.": "dateRange",
  "Some rows are not valid; nothing was imported.": "importInvalid",
  "The file has no rates.": "importEmpty",
  "The file is not UTF-8 text.": "notUtf8",
  "The file is empty: a header row is required.": "fileEmpty",
  "The file has a header row but no data rows.": "noRows",
  "Choose a CSV file.": "chooseFile",
  "The file is larger than 1 MB.": "fileTooLarge",
};

const PATTERNS: [RegExp, string, string[]][] = [
  [/^At most (\d+) characters\.$/, "tooLong", ["max"]],
  [/^Unknown product (.+)\.$/s, "unknownProduct", ["code"]],
  [/^Supplier (.+) not found\.$/s, "supplierNotFound", ["code"]],
  [/^(.+) does not supply (.+)\.$/s, "notSupplied", ["supplier", "sku"]],
  [/^([A-Z]{3}) is the base currency; its rate is always 1\.$/, "baseCurrencyRate", ["currency"]],
  [/^Supplier (.+) is referenced by (\d+) purchase order\(s\) and cannot be deleted; make it inactive instead\.$/s, "inUse", ["code", "count"]],
  [/^Missing column\(s\): (.+)\.$/s, "missingColumns", ["columns"]],
  [/^The file is not valid CSV: .*$/s, "badCsv", []],
];

export function supplierMessage(message: string | undefined): Match | undefined {
  if (!message) return undefined;
  const exact = EXACT[message];
  if (exact) return { key: exact };
  for (const [re, key, names] of PATTERNS) {
    const m = re.exec(message);
    // Counts go in as numbers, for the messages' plural forms.
    if (m) return { key, values: Object.fromEntries(names.map((n, i) => [n, n === "count" ? Number(m[i + 1]) : m[i + 1]])) };
  }
  return undefined;
}

/** A CSV row's issue path ("row 3.rate") split into its row number and column. */
export function rowIssue(path: string): { row: number; column: string } | null {
  const m = /^row (\d+)\.(.*)$/.exec(path);
  return m ? { row: Number(m[1]), column: m[2] } : null;
}
