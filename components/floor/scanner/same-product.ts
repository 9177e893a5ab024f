import type { ScannedProduct } from "@/lib/stock/scan-lookup";
import { isGtin, parseGs1 } from "./gs1";

/** Whether a scan is the product on screen: its SKU or barcode (whole code, any case), or a GS1 label with its GTIN. */
export function isSameProduct(code: string, p: Pick<ScannedProduct, "sku" | "barcode">): boolean {
  const c = code.trim().toUpperCase();
  if ([p.sku, p.barcode].some((x) => !!x && c === x.toUpperCase())) return true;
  const gs1 = parseGs1(code.trim());
  return Boolean(gs1 && isGtin(p.barcode, gs1.gtin));
}
