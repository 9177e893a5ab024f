// POST /api/v1/serial-items/{id}/transitions {to, location?, reason?}: one step of the state table
// (lib/serials/states.ts) → 200 with the item; `arrived` / `out_of_stock` post the movement.
import { apiRoute, json, readJson } from "@/lib/http";
import { transitionSerialItem } from "@/lib/serials/items";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ id: string }>(async ({ req, actor, params }) => json(await transitionSerialItem(actor, params.id, await readJson(req))));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
