// GET /api/v1/sales-orders/{number}/shipments (the order's shipments, oldest first, on one page) and
// POST (ship a packed order: one `out` movement → 201 {shipment, backorder}).
import { apiRoute, json, readJson } from "@/lib/http";
import type { Page } from "@/lib/pagination";
import type { ShipmentDto } from "@/lib/sales/schemas";
import { listShipmentsOfOrder, shipOrder } from "@/lib/sales/shipping";
import { unsupported } from "../../../_lib/route";

type Params = { number: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const page: Page<ShipmentDto> = { items: await listShipmentsOfOrder(actor, params.number), nextCursor: null };
  return json(page);
});

export const POST = apiRoute<Params>(async ({ req, actor, params }) => json(await shipOrder(actor, params.number, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
