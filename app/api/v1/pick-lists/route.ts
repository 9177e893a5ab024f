// GET /api/v1/pick-lists (newest first, filter status) and POST /api/v1/pick-lists {orders,
// toLocation?} (one list of the orders' unpicked reservations in walking order → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createPickList, listPickLists } from "@/lib/sales/pick-lists";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listPickLists(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createPickList(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
