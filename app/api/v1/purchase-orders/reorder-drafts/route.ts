// POST /api/v1/purchase-orders/reorder-drafts: draft orders from the reorder suggestions, one per
// preferred supplier → 201 {orders, withoutSupplier}.
import { apiRoute, json, readJson } from "@/lib/http";
import { createReorderDrafts } from "@/lib/purchasing/reorder-drafts";
import { unsupported } from "../../_lib/route";

export const POST = apiRoute(async ({ req, actor }) => json(await createReorderDrafts(actor, await readJson(req)), 201));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
