// POST /api/v1/purchase-orders/{number}/transitions {action, reason?}: one step of the state table
// (lib/purchasing/states.ts) → 200 with the order.
import { apiRoute, json, readJson } from "@/lib/http";
import { transitionPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ number: string }>(async ({ req, actor, params }) => json(await transitionPurchaseOrder(actor, params.number, await readJson(req))));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
