// GET /api/v1/serial-items/{id}/history → {items: [...]}: every change of the item, oldest first
// (who, channel, before/after per changed field).
import { apiRoute, json } from "@/lib/http";
import { serialItemHistory } from "@/lib/serials/items";
import { unsupported } from "../../../_lib/route";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json({ items: await serialItemHistory(actor, params.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
