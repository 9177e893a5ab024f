// Open orders and backorders: the customer orders still to ship (confirmed, picking, packed), or only
// those with a backorder (units not reserved, picked or shipped), newest first, optionally of one
// customer. Rows come from the sales domain's own list (lib/sales/orders.ts listSalesOrders), read as
// the system: the report frame has checked report.read, and every role with it reads sales.
import { z } from "zod";
import { systemActor } from "../auth/system-actor";
import { encodeCursor, type Page } from "../pagination";
import { listSalesOrders } from "../sales/orders";
import type { SalesOrderSummaryDto } from "../sales/schemas";
import { SO_OPEN } from "../sales/states";
import { blank, optional, searchText, type ReportDef } from "./report";

export const openOrdersFiltersSchema = z.object({
  backorder: z.preprocess(blank, z.enum(["true", "false"]).optional()),
  customer: optional(z.string().trim().max(64)),
  q: searchText,
});
export type OpenOrdersFilters = z.output<typeof openOrdersFiltersSchema>;

/** Newest first, as listSalesOrders pages (created_at desc, id desc). */
const newestFirst = (a: SalesOrderSummaryDto, b: SalesOrderSummaryDto) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

export const openOrdersReport: ReportDef<OpenOrdersFilters, SalesOrderSummaryDto> = {
  name: "open-orders",
  filters: openOrdersFiltersSchema,
  async fetch(f, cursor, limit) {
    const actor = systemActor("web");
    const query = { customer: f.customer, q: f.q, limit: String(limit), cursor };
    // With a backorder: the domain's filter already keeps open orders only.
    if (f.backorder === "true") return listSalesOrders(actor, { ...query, backorder: "true" });
    // All open orders: one page per open state from the same position, merged (the cursor is a
    // position in the common order, so it serves every state).
    const pages = await Promise.all(SO_OPEN.map((status) => listSalesOrders(actor, { ...query, status })));
    const rows = pages.flatMap((p) => p.items).sort(newestFirst);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const page: Page<SalesOrderSummaryDto> = { items, nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null };
    return page;
  },
  columns: [
    { header: "number", value: (r) => r.number },
    { header: "status", value: (r) => r.status },
    { header: "customer_code", value: (r) => r.customer.code },
    { header: "customer_name", value: (r) => r.customer.name },
    { header: "requested_date", value: (r) => r.requestedDate ?? "" },
    { header: "currency", value: (r) => r.currency },
    { header: "total", value: (r) => r.total },
    { header: "backorder_units", value: (r) => r.backorderQuantity },
    { header: "backorder_of", value: (r) => r.backorderOf ?? "" },
    { header: "created_at", value: (r) => r.createdAt },
  ],
};
