// Downloadable example files for each import kind (header + two sample rows).
import { toCsv } from "../csv";
import { PRODUCT_COLUMNS } from "./products";
import { STOCK_COLUMNS } from "./opening-stock";
import { SERIAL_COLUMNS } from "./serial-items";
import type { ImportKind } from "./types";

export function templateCsv(kind: ImportKind): string {
  if (kind === "products") {
    return toCsv([
      [...PRODUCT_COLUMNS],
      ["SKU-NEW-001", "Example product", "6901234567892", "", "pcs", 20, 10, "12.50", "CNY", "none", '{"colour": "red", "size": "M"}'],
      ["SKU-NEW-002", "Example lot-tracked product", "", "", "box", 0, 0, "", "", "lot", ""],
    ]);
  }
  if (kind === "serial_items") {
    return toCsv([
      [...SERIAL_COLUMNS],
      ["SKU-PHONE-128", "490154203237518", "Blue, boxed", "purchase_order", "PO2612-0001", "2027-01-15"],
      ["SKU-PHONE-128", "356938035643809", "", "temporary_channel", "Trade-in desk", ""],
    ]);
  }
  return toCsv([
    [...STOCK_COLUMNS],
    ["SKU-00001", "A-01-01", 100, "", "", "3.20"],
    ["SKU-NEW-002", "A-01-02", 24, "LOT-2026-01", "2027-03-31", "8.00"],
  ]);
}
