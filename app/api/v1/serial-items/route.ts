// GET /api/v1/serial-items (newest first, filters status, product, sourceKind, arrivedFrom,
// arrivedTo, q = IMEI / identifier / flag) and POST /api/v1/serial-items (register an item → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createSerialItem, listSerialItems } from "@/lib/serials/items";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listSerialItems(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createSerialItem(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
