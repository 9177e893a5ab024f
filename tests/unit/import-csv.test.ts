import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readCsv, requireColumns } from "@/lib/imports/csv";
import { STOCK_ALIASES } from "@/lib/imports/opening-stock";

const read = (text: string | Buffer) => readCsv(typeof text === "string" ? Buffer.from(text, "utf8") : text, STOCK_ALIASES);
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a failure");
};

describe("readCsv", () => {
  it("reads comma and semicolon files, with or without BOM, and matches headers loosely", () => {
    for (const text of ["SKU,Location Code,Qty\nA,L-1,2\n", "\uFEFFsku;location_code;QUANTITY\r\nA;L-1;2\r\n"]) {
      const t = read(text);
      expect([...t.columns.keys()]).toEqual(["sku", "location", "quantity"]);
      expect(t.rows).toEqual([{ row: 2, values: new Map([["sku", "A"], ["location", "L-1"], ["quantity", "2"]]) }]);
    }
  });

  it("keeps a semicolon file's decimal commas, skips blank lines and numbers rows as in the file", () => {
    const t = read("sku;location;quantity;unit cost\n\nA;L;1;2,50\n;;;\nB;L;3;\n");
    expect(t.rows.map((r) => [r.row, r.values.get("sku"), r.values.get("unitCost")])).toEqual([
      [3, "A", "2,50"],
      [5, "B", ""],
    ]);
  });

  it("refuses empty, header-only, non-UTF-8 files and missing columns", () => {
    expect(failure(() => read("")).details).toMatchObject({ key: "empty" });
    expect(failure(() => read("sku,location,quantity\n")).details).toMatchObject({ key: "noRows" });
    expect(failure(() => read(Buffer.from([0x73, 0x6b, 0x75, 0x0a, 0xff, 0xfe, 0x0a]))).details).toMatchObject({ key: "notUtf8" });
    const e = failure(() => requireColumns(read("barcode,qty\nX,1\n"), [["sku", "barcode"], "location", "quantity"]));
    expect(e.message).toBe("Missing column(s): location.");
    expect(failure(() => requireColumns(read("name\nX\n"), [["sku", "barcode"], "quantity"])).message).toBe("Missing column(s): sku / barcode, quantity.");
  });
});
