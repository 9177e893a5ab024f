// GET / PUT /api/v1/sales-orders/{number} ({number}: the order's number or id). PUT replaces a
// draft's customer, currency, dates, addresses, notes and lines as a whole (the body of POST
// /sales-orders); any other status → 409.
import { apiRoute, json, readJson } from "@/lib/http";
import { getSalesOrder, updateSalesOrder } from "@/lib/sales/orders";
import { unsupported } from "../../_lib/route";

type Params = { number: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getSalesOrder(actor, params.number)));

export const PUT = apiRoute<Params>(async ({ req, actor, params }) => json(await updateSalesOrder(actor, params.number, await readJson(req))));

export const { POST, PATCH, DELETE, OPTIONS } = unsupported(["GET", "PUT"]);
