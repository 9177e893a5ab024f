// Finding products (issue 18): names sort naturally ("Demo product 2" before "Demo product 10") in
// both directions and across pages — keyset and page numbers alike; the spec filter matches keys
// ignoring case and numbers by value; the total counts what the filter matches; attribute names
// differing only in case are refused; the list exports stream the filtered rows.
import { describe, expect, it } from "vitest";
import { createProduct } from "@/lib/catalog/create-product";
import { countProducts, listProducts } from "@/lib/catalog/list-products";
import { productFormSchema } from "@/lib/catalog/schemas";
import { updateProduct } from "@/lib/catalog/update-product";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listCsv } from "@/lib/list-exports";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor, uniq } from "../support/fixtures";
import { walk } from "../support/sorting";

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("finding products", () => {
  it("sorts names naturally in both directions, across keyset pages and page numbers", async () => {
    const manager = await actorFor("manager");
    const tag = uniq("NAT");
    // Created out of order, with SKUs whose order is not the names' order.
    for (const [i, n] of [100, 2, 10, 1, 1000].entries()) await createProduct(manager, { sku: `${tag}-${i}`, name: `${tag} Demo product ${n}` });
    const natural = [1, 2, 10, 100, 1000].map((n) => `${tag} Demo product ${n}`);
    for (const dir of ["asc", "desc"] as const) {
      const want = dir === "asc" ? natural : [...natural].reverse();
      const sort = { sort: "name" as const, dir };
      const whole = await listProducts(manager, { q: tag, limit: "50" }, { sort });
      expect(whole.items.map((p) => p.name), dir).toEqual(want);
      // Keyset pages of two (the cursor compares in the same collation as the order).
      const walked = await walk((limit, cursor) => listProducts(manager, { q: tag, limit: String(limit), cursor }, { sort }), 2);
      expect(walked.map((p) => p.name), dir).toEqual(want);
      // Page numbers: pages 1, 2, 3 of two rows each, then nothing.
      const pages = [];
      for (let n = 1; n <= 4; n++) pages.push((await listProducts(manager, { q: tag, limit: "2" }, { sort, page: n })).items.map((p) => p.name));
      expect(pages, dir).toEqual([want.slice(0, 2), want.slice(2, 4), want.slice(4), []]);
    }
    expect(await countProducts(manager, { q: tag })).toBe(5);
    // The database itself orders the column naturally, whoever asks.
    const rows = await db.product.findMany({ where: { name: { startsWith: tag } }, orderBy: { name: "asc" }, select: { name: true } });
    expect(rows.map((r) => r.name)).toEqual(natural);
  });

  it("filters by spec attributes: keys ignore case, numbers match by value, several terms at once", async () => {
    const manager = await actorFor("manager");
    const tag = uniq("SPEC");
    const make = (i: number, spec: Record<string, string | number | boolean>) => createProduct(manager, { sku: `${tag}-${i}`, name: `${tag} ${i}`, spec });
    await make(0, { Watts: 500, Colour: "Red" });
    await make(1, { watts: "500", colour: "blue" });
    await make(2, { watts: 600, colour: "red" });
    await make(3, { voltage: 500 });
    await make(4, { WATTS: 500.0, cordless: true, colour: "dark red" });
    const skus = async (spec: string | string[]) => (await listProducts(manager, { q: tag, spec })).items.map((p) => p.sku);
    expect(await skus("watts:500")).toEqual([`${tag}-0`, `${tag}-1`, `${tag}-4`]);
    expect(await skus("WATTS:500")).toEqual([`${tag}-0`, `${tag}-1`, `${tag}-4`]);
    // A number matches stored numbers by value; text compares as text.
    expect(await skus("Watts:500.0")).toEqual([`${tag}-0`, `${tag}-4`]);
    expect(await skus("watts:500, colour:red")).toEqual([`${tag}-0`]);
    expect(await skus("watts:500 colour:RED")).toEqual([`${tag}-0`]);
    expect(await skus(["watts:500", "colour:blue"])).toEqual([`${tag}-1`]);
    expect(await skus("colour:dark red")).toEqual([`${tag}-4`]);
    expect(await skus("cordless:true")).toEqual([`${tag}-4`]);
    expect(await skus("watts:50")).toEqual([]);
    expect(await countProducts(manager, { q: tag, spec: "watts:500" })).toBe(3);
    await expect(listProducts(manager, { spec: "watts" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("refuses attribute names that differ only in case, in the API input and in the form", async () => {
    const manager = await actorFor("manager");
    const sku = uniq("CASE");
    const e = await createProduct(manager, { sku, name: "Heater", spec: { Watts: 500, watts: 600 } }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("VALIDATION_FAILED");
    await createProduct(manager, { sku, name: "Heater", spec: { Watts: 500 } });
    await expect(updateProduct(manager, sku, { spec: { Watts: 500, WATTS: 1 } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const form = productFormSchema.safeParse({
      sku,
      name: "Heater",
      spec: [
        { key: "Watts", value: "500" },
        { key: "watts", value: "600" },
      ],
      price: { amount: "", currency: "CNY" },
    });
    expect(form.success).toBe(false);
    expect(form.error?.issues.map((i) => i.path.join("."))).toContain("spec.1.key");
  });

  it("exports the product and stock lists as CSV with the list's filters", async () => {
    const manager = await actorFor("manager");
    const tag = uniq("EXP");
    await createProduct(manager, { sku: `${tag}-A`, name: `${tag} Demo product 10`, spec: { watts: 500 } });
    await createProduct(manager, { sku: `${tag}-B`, name: `${tag} Demo product 2`, spec: { watts: 600 } });
    const w = await db.warehouse.create({ data: { code: uniq("W"), name: "Export test" } });
    const loc = await db.location.create({ data: { code: `${tag}-L1`, barcode: `BC-${tag}`, name: "Bin", warehouseId: w.id } });
    await postMovement(manager, { type: "in", lines: [{ sku: `${tag}-A`, location: loc.code, quantity: 7 }, { sku: `${tag}-B`, location: loc.code, quantity: 3 }] });

    const products = await text(await listCsv(manager, "products", { q: tag, spec: "Watts:500" }));
    const lines = products.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^sku,name,/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([`${tag}-A`]);
    const byName = (await text(await listCsv(manager, "products", { q: tag, sort: "name", dir: "asc" }))).trim().split("\r\n").slice(1);
    expect(byName.map((l) => l.split(",")[1])).toEqual([`${tag} Demo product 2`, `${tag} Demo product 10`]);

    const stock = (await text(await listCsv(manager, "stock", { q: `${tag}-A` }))).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(stock[0]).toMatch(/^sku,name,location,/);
    expect(stock.slice(1)).toHaveLength(1);
    expect(stock[1]).toContain(`${tag}-A,${tag} Demo product 10,${tag}-L1`);

    // A bad filter is refused before the download starts.
    await expect(listCsv(manager, "products", { spec: "watts" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
