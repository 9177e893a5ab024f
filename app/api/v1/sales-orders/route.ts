// GET /api/v1/sales-orders (newest first, filters status, customer, q, backorder, dueBy) and
// POST /api/v1/sales-orders (create a draft → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createSalesOrder, listSalesOrders } from "@/lib/sales/orders";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listSalesOrders(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createSalesOrder(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
