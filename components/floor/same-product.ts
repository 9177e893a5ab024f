import type { ScannedProduct } from "@/lib/stock/scan-lookup";

/**
 * Whether a scan is the product already on screen (its SKU or barcode). A scanner typing over a
 * quantity that was not selected leaves the old digits in front, so a code that ends with the
 * barcode or SKU counts too.
 */
export function sameProduct(code: string, p: Pick<ScannedProduct, "sku" | "barcode">): boolean {
  const c = code.trim().toUpperCase();
  return [p.sku, p.barcode].some((x) => !!x && c.endsWith(x.toUpperCase()));
}
