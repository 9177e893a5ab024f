// GET / PATCH / DELETE (soft) /api/v1/serial-items/{id}; {id} is the item's id, its identifier (any
// case, with or without hyphens) or its IMEI. DELETE answers 200 with the item, `deleted: true`;
// 409 IN_USE while it is on hand.
import { apiRoute, json, readJson } from "@/lib/http";
import { deleteSerialItem, getSerialItem, updateSerialItem } from "@/lib/serials/items";
import { unsupported } from "../../_lib/route";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getSerialItem(actor, params.id)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updateSerialItem(actor, params.id, await readJson(req))));

export const DELETE = apiRoute<Params>(async ({ actor, params }) => json(await deleteSerialItem(actor, params.id)));

export const { POST, PUT, OPTIONS } = unsupported(["GET", "PATCH", "DELETE"]);
