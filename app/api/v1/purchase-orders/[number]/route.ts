// GET / PATCH /api/v1/purchase-orders/{number}. PATCH replaces a draft's supplier, currency, dates,
// notes and lines as a whole (the body of POST /purchase-orders); any other status → 409.
import { apiRoute, json, readJson } from "@/lib/http";
import { getPurchaseOrder, updatePurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { unsupported } from "../../_lib/route";

type Params = { number: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getPurchaseOrder(actor, params.number)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updatePurchaseOrder(actor, params.number, await readJson(req))));

export const { POST, PUT, DELETE, OPTIONS } = unsupported(["GET", "PATCH"]);
