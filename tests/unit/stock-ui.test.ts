// Pure pieces of the stock UI: how domain messages map to translation keys, what the movement form
// sends per type, and how the handheld recognises a re-scan of the product on screen.
import { describe, expect, it } from "vitest";
import { floorParent } from "@/components/floor/floor-header";
import { isSameProduct } from "@/components/floor/scanner/same-product";
import { newIdempotencyKey } from "@/components/forms/idempotency-key";
import { emptyLine, toRequest } from "@/components/forms/movement-values";
import { stockMessage } from "@/lib/i18n/stock-messages";
import { keyEngineIssue } from "@/lib/stock/engine-messages";
import { postMovementSchema } from "@/lib/stock/schemas";

describe("stockMessage", () => {
  it("maps the schemas' fixed and parametrised texts to keys with their values", () => {
    expect(stockMessage("A transfer line needs `from`.")).toEqual({ key: "fromRequired" });
    expect(stockMessage("Too small: expected string to have >=1 characters")).toEqual({ key: "required", values: {} });
    expect(stockMessage("Too big: expected number to be <=1000000")).toEqual({ key: "tooBig", values: { max: "1000000" } });
    expect(stockMessage("Something else entirely.")).toBeUndefined();
    expect(stockMessage(undefined)).toBeUndefined();
  });
});

describe("the movement engine's issues", () => {
  it("get their message key and values at the domain's edge (lib/stock/engine-messages.ts)", () => {
    expect(keyEngineIssue({ path: "lines.0.sku", message: 'Unknown SKU or barcode "NO-SUCH".' })).toEqual({
      path: "lines.0.sku",
      message: 'Unknown SKU or barcode "NO-SUCH".',
      messageKey: "movements.errors.unknownProduct",
      params: { code: "NO-SUCH" },
    });
    expect(keyEngineIssue({ path: "lines.0.to", message: "Location Z-9 is inactive." })).toMatchObject({ messageKey: "movements.errors.inactiveLocation", params: { code: "Z-9" } });
    // Another sentence keeps its text: better English than a wrong translation.
    expect(keyEngineIssue({ path: "lines.0.serials", message: "S-1 is serial-tracked: give one serial per unit (0 for a quantity of 1)." })).not.toHaveProperty("messageKey");
  });
});

describe("movement form request", () => {
  const base = { reference: "", note: "", reason: "damaged", lines: [{ ...emptyLine(), sku: "S", location: "A", from: "X", to: "Y", quantity: 2, counted: 5, lot: "L1" }] };

  it("keeps only the fields the type takes", () => {
    expect(toRequest({ ...base, type: "transfer" })).toEqual({ type: "transfer", lines: [{ sku: "S", from: "X", to: "Y", quantity: 2 }] });
    expect(toRequest({ ...base, type: "adjust" })).toEqual({ type: "adjust", lines: [{ sku: "S", location: "A", counted: 5 }] });
    expect(toRequest({ ...base, type: "in" })).toEqual({ type: "in", lines: [{ sku: "S", location: "A", quantity: 2, lot: "L1" }] });
    expect(toRequest({ ...base, type: "write_off" })).toEqual({ type: "write_off", reason: "damaged", lines: [{ sku: "S", location: "A", quantity: 2 }] });
  });

  it("produces what postMovementSchema accepts, whichever type was chosen before", () => {
    for (const type of ["in", "out", "transfer", "adjust", "write_off"] as const) {
      expect(postMovementSchema.safeParse(JSON.parse(JSON.stringify(toRequest({ ...base, type })))).success, type).toBe(true);
    }
  });
});

describe("handheld", () => {
  it("recognises the product on screen by its whole SKU or barcode, or a GS1 label with its GTIN", () => {
    const p = { sku: "SKU-00001", barcode: "6900000000014" };
    expect(isSameProduct("6900000000014", p)).toBe(true);
    expect(isSameProduct("sku-00001", p)).toBe(true);
    // The scanner model never leaves digits in front of a code: a longer code is another code.
    expect(isSameProduct("16900000000014", p)).toBe(false);
    expect(isSameProduct("6900000000021", p)).toBe(false);
    expect(isSameProduct("SKU-000011", { sku: "SKU-00001", barcode: null })).toBe(false);
    expect(isSameProduct("(01)06900000000014(17)270131(10)L7", p)).toBe(true);
    expect(isSameProduct("]C1010690000000001410L7", p)).toBe(true);
  });

  it("goes back one level, and from the floor home to the desktop", () => {
    expect(floorParent("/floor")).toBe("/");
    expect(floorParent("/floor/receive")).toBe("/floor");
    expect(floorParent("/floor/count/0195a1b2-0000-7000-8000-000000000000")).toBe("/floor/count");
  });

  it("makes RFC 4122 v4 keys", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
