// GET / PATCH / DELETE (soft) /api/v1/products/{sku}. DELETE answers 200 with the product,
// `deletedAt` set (documented in the OpenAPI document), so a client sees what it removed.
import { getProduct } from "@/lib/catalog/get-product";
import { deleteProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { apiRoute, json, readJson } from "@/lib/http";
import { unsupported } from "../../_lib/route";

type Params = { sku: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getProduct(actor, params.sku)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updateProduct(actor, params.sku, await readJson(req))));

export const DELETE = apiRoute<Params>(async ({ actor, params }) => json(await deleteProduct(actor, params.sku)));

export const { POST, PUT, OPTIONS } = unsupported(["GET", "PATCH", "DELETE"]);
