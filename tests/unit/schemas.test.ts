import { describe, expect, it } from "vitest";
import { credentialsSchema } from "@/lib/auth/login";
import { categoryCreateSchema, productCreateSchema, productListQuerySchema, productUpdateSchema } from "@/lib/catalog/schemas";
import { locationCreateSchema } from "@/lib/locations/schemas";
import { aboveLimit, amountSchema, formatAmount, moneySchema } from "@/lib/money";
import { pageQuerySchema } from "@/lib/pagination";
import { zodIssues } from "@/lib/errors";

function paths(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(r.success).toBe(false);
  return zodIssues(r.error!).map((i) => i.path);
}

describe("productCreateSchema", () => {
  it("accepts a full product and normalises it", () => {
    const r = productCreateSchema.parse({
      sku: " SKU-1 ",
      name: " Drill ",
      barcode: "6901234567892",
      category: "Tools",
      spec: { colour: "red", voltage: 220, cordless: true },
      unit: "pcs",
      minStock: 10,
      safetyStock: 5,
      price: { amount: "12.50", currency: "cny" },
      tracking: "lot",
    });
    expect(r).toMatchObject({ sku: "SKU-1", name: "Drill", price: { amount: "12.50", currency: "CNY" }, tracking: "lot" });
  });

  it("accepts the minimum and turns empty optional strings into null", () => {
    expect(productCreateSchema.parse({ sku: "A", name: "B", barcode: "", category: "" })).toMatchObject({ barcode: null, category: null });
  });

  it.each([
    [{ name: "x" }, "sku"],
    [{ sku: "bad sku", name: "x" }, "sku"],
    [{ sku: "A", name: "" }, "name"],
    [{ sku: "A", name: "x", minStock: -1 }, "minStock"],
    [{ sku: "A", name: "x", minStock: 1.5 }, "minStock"],
    [{ sku: "A", name: "x", minStock: "5" }, "minStock"],
    [{ sku: "A", name: "x", minStock: 2, safetyStock: 3 }, "safetyStock"],
    [{ sku: "A", name: "x", price: { amount: "-1", currency: "CNY" } }, "price.amount"],
    [{ sku: "A", name: "x", price: { amount: "1.00", currency: "yuan" } }, "price.currency"],
    [{ sku: "A", name: "x", price: { amount: 1.5, currency: "CNY" } }, "price.amount"],
    [{ sku: "A", name: "x", tracking: "batch" }, "tracking"],
    [{ sku: "A", name: "x", barcode: "has space" }, "barcode"],
  ])("refuses %j at %s", (input, path) => {
    expect(paths(productCreateSchema.safeParse(input))).toContain(path);
  });

  it("update schema accepts partial input but not an SKU change", () => {
    expect(productUpdateSchema.parse({ name: "New" })).toEqual({ name: "New" });
    expect(productUpdateSchema.parse({ sku: "OTHER" })).toEqual({});
  });
});

describe("list queries", () => {
  it("defaults limit to 50 and caps it at 500", () => {
    expect(pageQuerySchema.parse({}).limit).toBe(50);
    expect(pageQuerySchema.parse({ limit: "500" }).limit).toBe(500);
    expect(paths(pageQuerySchema.safeParse({ limit: "501" }))).toEqual(["limit"]);
    expect(paths(pageQuerySchema.safeParse({ limit: "0" }))).toEqual(["limit"]);
  });

  it("parses product filters", () => {
    expect(productListQuerySchema.parse({ inStock: "true", spec: "colour:red" })).toMatchObject({ inStock: true, spec: ["colour:red"] });
    expect(paths(productListQuerySchema.safeParse({ inStock: "yes" }))).toEqual(["inStock"]);
    expect(paths(productListQuerySchema.safeParse({ spec: "colour" }))).toContain("spec.0");
    // Several terms in one value, comma or space separated; values may hold spaces and commas.
    expect(productListQuerySchema.parse({ spec: "watts:500, colour:dark red size:10,5" }).spec).toEqual(["watts:500", "colour:dark red", "size:10,5"]);
    expect(productListQuerySchema.parse({ spec: ["a:1,b:2", "c:3"] }).spec).toEqual(["a:1", "b:2", "c:3"]);
    expect(productListQuerySchema.parse({ spec: "  " }).spec).toEqual([]);
  });

  it("refuses attribute names that differ only in case", () => {
    expect(productCreateSchema.safeParse({ sku: "A", name: "A", spec: { Watts: 1, watts: 2 } }).success).toBe(false);
    expect(productCreateSchema.safeParse({ sku: "A", name: "A", spec: { Watts: 1, volts: 2 } }).success).toBe(true);
  });
});

describe("other schemas", () => {
  it("credentials normalise the email and require a password", () => {
    expect(credentialsSchema.parse({ email: " Clerk@Example.com ", password: "p" }).email).toBe("clerk@example.com");
    expect(paths(credentialsSchema.safeParse({ email: "nope", password: "" }))).toEqual(["email", "password"]);
  });

  it("locations upper-case their code and need a warehouse", () => {
    expect(locationCreateSchema.parse({ code: "a-01-02", warehouse: "WH" }).code).toBe("A-01-02");
    expect(paths(locationCreateSchema.safeParse({ code: "A 1" }))).toEqual(["code", "warehouse"]);
    expect(paths(locationCreateSchema.safeParse({ code: "A", warehouse: "WH", capacity: 0 }))).toEqual(["capacity"]);
  });

  it("categories need a name and a uuid parent", () => {
    expect(paths(categoryCreateSchema.safeParse({ name: "", parentId: "x" }))).toEqual(["name", "parentId"]);
  });

  it("money is an exact decimal string", () => {
    expect(amountSchema.safeParse("12.5").success).toBe(true);
    expect(amountSchema.safeParse("12.34567").success).toBe(false);
    expect(amountSchema.safeParse("1e3").success).toBe(false);
    expect(moneySchema.safeParse({ amount: "1", currency: "USD" }).success).toBe(true);
    expect(formatAmount("12.5000")).toBe("12.50");
    expect(formatAmount("1.2345")).toBe("1.2345");
    expect(formatAmount("7.0000")).toBe("7.00");
  });

  it("amounts are bounded: 0 to 1,000,000,000 with at most 4 decimals (issue 18)", () => {
    const issue = (v: string) => amountSchema.safeParse(v).error?.issues.map((i) => i.message);
    expect(amountSchema.safeParse("1000000000").success).toBe(true);
    expect(amountSchema.safeParse("1000000000.0000").success).toBe(true);
    expect(amountSchema.safeParse("0001000000000.00").success).toBe(true);
    expect(amountSchema.safeParse("0").success).toBe(true);
    expect(issue("1000000000.0001")).toEqual(["Amounts are at most 1,000,000,000."]);
    expect(issue("99999999999999.9999")).toEqual(["Amounts are at most 1,000,000,000."]);
    expect(issue("12.34567")).toEqual(["Enter an amount like 12.50 (up to 4 decimals, not negative)."]);
    expect(issue("-5")).toEqual(["Enter an amount like 12.50 (up to 4 decimals, not negative)."]);
  });

  it("aboveLimit: strictly above the entry limit; no limit never asks", () => {
    expect(aboveLimit("100000.01", "100000")).toBe(true);
    expect(aboveLimit("100000.00", "100000")).toBe(false);
    expect(aboveLimit("5", null)).toBe(false);
  });
});
