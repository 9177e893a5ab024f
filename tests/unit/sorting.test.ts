// Sort params of the list pages: whitelist per list, defaults, header toggling, and cursors that
// belong to one sort.
import { describe, expect, it } from "vitest";
import { listProducts, productSort } from "@/lib/catalog/list-products";
import { locationSort } from "@/lib/locations/locations";
import { encodeCursor } from "@/lib/pagination";
import { decodeSortCursor, nextSort, parseSort, sortCursor, sortParams, sqlKeyset } from "@/lib/sorting";
import { stockSort } from "@/lib/stock/list-stock-levels";
import { movementSort } from "@/lib/stock/queries";

describe("parseSort", () => {
  it("accepts a whitelisted column and direction", () => {
    expect(parseSort(productSort, { sort: "name", dir: "desc" })).toEqual({ sort: "name", dir: "desc" });
    expect(parseSort(stockSort, { sort: "available", dir: "asc" })).toEqual({ sort: "available", dir: "asc" });
    expect(parseSort(movementSort, { sort: ["type", "date"], dir: "desc" })).toEqual({ sort: "type", dir: "desc" });
  });

  it("sorts ascending when only the column is given", () => {
    expect(parseSort(locationSort, { sort: "name" })).toEqual({ sort: "name", dir: "asc" });
  });

  it("falls back to the list's default for anything off the whitelist", () => {
    expect(parseSort(productSort, {})).toEqual({ sort: "sku", dir: "asc" });
    expect(parseSort(productSort, { sort: "price", dir: "asc" })).toEqual(productSort.default);
    expect(parseSort(productSort, { sort: "name; DROP TABLE products", dir: "asc" })).toEqual(productSort.default);
    expect(parseSort(productSort, { sort: "name", dir: "sideways" })).toEqual(productSort.default);
    expect(parseSort(movementSort, { sort: "sku" })).toEqual({ sort: "date", dir: "desc" });
  });
});

describe("sort links", () => {
  it("flips the direction of the current column and starts others ascending", () => {
    expect(nextSort({ sort: "name", dir: "asc" }, "name")).toEqual({ sort: "name", dir: "desc" });
    expect(nextSort({ sort: "name", dir: "desc" }, "name")).toEqual({ sort: "name", dir: "asc" });
    expect(nextSort({ sort: "date", dir: "desc" }, "number")).toEqual({ sort: "number", dir: "asc" });
  });

  it("keeps the default order out of the URL", () => {
    expect(sortParams(productSort, { sort: "sku", dir: "asc" })).toEqual({});
    expect(sortParams(productSort, { sort: "sku", dir: "desc" })).toEqual({ sort: "sku", dir: "desc" });
    expect(sortParams(movementSort, { sort: "date", dir: "desc" })).toEqual({});
  });
});

describe("sorted cursors", () => {
  const name = { sort: "name", dir: "desc" } as const;

  it("round-trip for their own sort", () => {
    const c = encodeCursor(sortCursor(name, ["Widget", "0190a0b0-0000-7000-8000-000000000001"]));
    expect(decodeSortCursor(c, name, 2)).toEqual(["Widget", "0190a0b0-0000-7000-8000-000000000001"]);
    expect(decodeSortCursor(undefined, name, 2)).toBeUndefined();
  });

  it("are refused for another sort, another direction, a wrong size or garbage", () => {
    const c = encodeCursor(sortCursor(name, ["Widget", "id"]));
    expect(() => decodeSortCursor(c, { sort: "sku", dir: "desc" }, 2)).toThrow(/cursor/);
    expect(() => decodeSortCursor(c, { sort: "name", dir: "asc" }, 2)).toThrow(/cursor/);
    expect(() => decodeSortCursor(c, name, 3)).toThrow(/cursor/);
    expect(() => decodeSortCursor(encodeCursor("SKU-00001"), name, 2)).toThrow(/cursor/);
    expect(() => decodeSortCursor("%%%not-base64", name, 2)).toThrow(/cursor/);
  });

  it("check the type of each raw-SQL key value before it reaches the database", () => {
    const parts = [{ sql: "m.created_at", cast: "timestamptz" as const }, { sql: "m.id", cast: "uuid" as const }];
    expect(() => sqlKeyset(parts, "desc", ["2026-01-01T00:00:00.000Z", "0190a0b0-0000-7000-8000-000000000001"])).not.toThrow();
    expect(() => sqlKeyset(parts, "desc", ["yesterday", "0190a0b0-0000-7000-8000-000000000001"])).toThrow(/cursor/);
    expect(() => sqlKeyset(parts, "desc", ["2026-01-01T00:00:00.000Z", "not-a-uuid"])).toThrow(/cursor/);
    expect(() => sqlKeyset([{ sql: "s.quantity", cast: "int" }], "asc", ["7"])).toThrow(/cursor/);
    const k = sqlKeyset(parts, "asc", undefined);
    expect(k.order.sql).toBe("m.created_at ASC, m.id ASC");
    expect(k.select.sql).toBe("m.created_at AS k0, m.id AS k1");
  });

  it("a products cursor from the default order is refused under a name sort before any query", async () => {
    const actor = { id: "u", role: "manager", channel: "web" } as Parameters<typeof listProducts>[0];
    const plain = encodeCursor("SKU-00001");
    await expect(listProducts(actor, { cursor: plain }, { sort: { sort: "name", dir: "desc" } })).rejects.toThrow(/cursor/);
  });
});
