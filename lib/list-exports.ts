// CSV exports of the desk lists (products, stock levels) with the list's own filters and sort, the
// same query-string names as the page (so the page's "Export CSV" link is its URL on /exports/…).
// Streamed batch by batch through the lists' keyset cursors (lib/csv.ts csvStream), like the reports;
// each batch read from the replica when one is configured (lib/read-replica.ts).
import type { Actor } from "./auth/permissions";
import { listProducts, productSort } from "./catalog/list-products";
import { csvStream, type CsvColumn } from "./csv";
import { AppError } from "./errors";
import { onReplica } from "./read-replica";
import { parseSort } from "./sorting";
import { listStockLevels, stockSort, type StockLevelRow } from "./stock/list-stock-levels";
import type { ProductDto } from "./catalog/schemas";

export const LIST_EXPORTS = ["products", "stock"] as const;
export type ListExport = (typeof LIST_EXPORTS)[number];

/** Rows per batch: the lists' largest page. */
const BATCH = 500;

const productColumns: CsvColumn<ProductDto>[] = [
  { header: "sku", value: (p) => p.sku },
  { header: "name", value: (p) => p.name },
  { header: "barcode", value: (p) => p.barcode },
  { header: "category", value: (p) => p.category?.name },
  { header: "unit", value: (p) => p.unit },
  { header: "on_hand", value: (p) => p.onHand },
  { header: "in_stock", value: (p) => p.inStock },
  { header: "min_stock", value: (p) => p.minStock },
  { header: "safety_stock", value: (p) => p.safetyStock },
  { header: "price", value: (p) => p.price?.amount },
  { header: "currency", value: (p) => p.price?.currency },
  { header: "tracking", value: (p) => p.tracking },
  { header: "spec", value: (p) => (Object.keys(p.spec).length ? JSON.stringify(p.spec) : "") },
  { header: "deleted_at", value: (p) => p.deletedAt },
];

const stockColumns: CsvColumn<StockLevelRow>[] = [
  { header: "sku", value: (r) => r.sku },
  { header: "name", value: (r) => r.name },
  { header: "location", value: (r) => r.location },
  { header: "location_name", value: (r) => r.locationName },
  { header: "quantity", value: (r) => r.quantity },
  { header: "reserved", value: (r) => r.reserved },
  { header: "available", value: (r) => r.available },
  { header: "unit", value: (r) => r.unit },
  { header: "last_counted_at", value: (r) => r.lastCountedAt },
];

const blank = (v: string | undefined) => (v?.trim() ? v : undefined);

/** The products page's query (`stock=in|out`, `deleted=true`, `spec=…`) as listProducts reads it. */
export function productListQuery(sp: Record<string, string | undefined>) {
  return {
    q: blank(sp.q),
    category: blank(sp.category),
    inStock: sp.stock === "in" ? "true" : sp.stock === "out" ? "false" : undefined,
    deleted: sp.deleted === "true" ? "true" : undefined,
    spec: blank(sp.spec),
  };
}

/**
 * The list as CSV. Permission (catalog.read / stock.read) and filters are checked and the first
 * batch read before the stream is returned, so a refusal is an error with its status.
 */
export async function listCsv(actor: Actor, list: ListExport, sp: Record<string, string | undefined>): Promise<ReadableStream<Uint8Array>> {
  if (list === "products") {
    const sort = parseSort(productSort, sp);
    const query = productListQuery(sp);
    return csvStream(productColumns, (cursor, limit) => onReplica(actor, () => listProducts(actor, { ...query, cursor, limit: String(limit) }, { sort })), BATCH);
  }
  if (list === "stock") {
    const sort = parseSort(stockSort, sp);
    const query = { location: blank(sp.location), q: blank(sp.q), category: blank(sp.category), empty: sp.empty === "true" ? "true" : undefined };
    return csvStream(stockColumns, (cursor, limit) => onReplica(actor, () => listStockLevels(actor, { ...query, cursor, limit: String(limit) }, { sort })), BATCH);
  }
  throw new AppError("NOT_FOUND", "No such list.");
}

/** `<list>-<YYYY-MM-DD>.csv` */
export function listCsvFileName(list: ListExport, now = new Date()): string {
  return `${list}-${now.toISOString().slice(0, 10)}.csv`;
}
