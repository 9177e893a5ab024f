// GET /api/v1/products/{sku}/reservations: what of the product (SKU or barcode) is reserved for which
// customer order, earliest requested first, on one page.
import { apiRoute, json } from "@/lib/http";
import { reservationsOfProduct } from "@/lib/sales/orders";
import { unsupported } from "../../../_lib/route";

export const GET = apiRoute<{ sku: string }>(async ({ actor, params }) => json({ items: await reservationsOfProduct(actor, params.sku), nextCursor: null }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
