// GET /api/v1/purchase-orders (newest first, filters status, supplier, q, from, to, overdue,
// expectedBy) and POST /api/v1/purchase-orders (create a draft → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createPurchaseOrder, listPurchaseOrders } from "@/lib/purchasing/purchase-orders";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listPurchaseOrders(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createPurchaseOrder(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
