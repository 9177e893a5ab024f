// POST /api/v1/products/{sku}/restore: undo a soft delete (an extension of API.md).
import { restoreProduct } from "@/lib/catalog/set-product-deleted";
import { json } from "@/lib/http";
import { authed, unsupported } from "../../../_lib/route";

export const POST = authed<{ sku: string }>(async ({ actor, params }) => json(await restoreProduct(actor, params.sku)));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
