// GS1-128 and GS1 DataMatrix labels carry the product (AI 01, the GTIN), the lot (AI 10) and the
// expiry (AI 17) in one code. Parsing is done by gs1-barcode-parser-mod (a maintained fork of the
// GS1 barcode parser); this file only says when a code looks like GS1 and picks the three fields.
import { parseBarcode } from "gs1-barcode-parser-mod";

export type Gs1 = { gtin: string; lot: string | null; expiresAt: string | null };

/** The ASCII group separator a scanner sends for FNC1 inside a GS1 code. */
const GS = "\u001d";

/** Whether `code` is worth trying as GS1: a symbology identifier, an element string in brackets, FNC1, or AI 01 + 14 digits. */
function looksLikeGs1(code: string): boolean {
  return /^\](C1|e0|d2|Q3|J1)/.test(code) || code.startsWith("(01)") || code.includes(GS) || /^01\d{14}./.test(code);
}

/** The product, lot and expiry of a GS1 code; null when it is not one (or has no GTIN). */
export function parseGs1(code: string): Gs1 | null {
  if (!looksLikeGs1(code)) return null;
  let items: { ai: string; data: unknown }[];
  try {
    items = parseBarcode(code).parsedCodeItems;
  } catch {
    return null;
  }
  const get = (ai: string) => items.find((i) => i.ai === ai)?.data;
  const gtin = get("01");
  if (typeof gtin !== "string") return null;
  const lot = get("10");
  const expiry = get("17");
  return {
    gtin,
    lot: typeof lot === "string" && lot.trim() ? lot.trim() : null,
    // The parser gives a UTC midnight Date: the calendar day is what the label says.
    expiresAt: expiry instanceof Date && !Number.isNaN(expiry.getTime()) ? expiry.toISOString().slice(0, 10) : null,
  };
}

/** Whether a product barcode (EAN-13, UPC-A, EAN-8 or GTIN-14) is this GTIN. */
export function isGtin(barcode: string | null, gtin: string): boolean {
  if (!barcode || !/^\d{8,14}$/.test(barcode)) return false;
  return barcode.padStart(14, "0") === gtin.padStart(14, "0");
}
