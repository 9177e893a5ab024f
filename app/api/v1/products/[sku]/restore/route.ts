// POST /api/v1/products/{sku}/restore: undo a soft delete (an extension of the contract, docs/api.md).
import { restoreProduct } from "@/lib/catalog/set-product-deleted";
import { apiRoute, json } from "@/lib/http";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ sku: string }>(async ({ actor, params }) => json(await restoreProduct(actor, params.sku)));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
