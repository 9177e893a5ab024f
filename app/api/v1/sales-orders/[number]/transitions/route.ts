// POST /api/v1/sales-orders/{number}/transitions {action, reason?, packages?, weightKg?}: one step of
// the state table (lib/sales/states.ts) → 200 with the order.
import { apiRoute, json, readJson } from "@/lib/http";
import { transitionSalesOrder } from "@/lib/sales/orders";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ number: string }>(async ({ req, actor, params }) => json(await transitionSalesOrder(actor, params.number, await readJson(req))));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
