// GET / PATCH / DELETE (soft) /api/v1/products/{sku}. DELETE answers 200 with the product,
// `deletedAt` set (documented in the OpenAPI document), so a client sees what it removed.
import { getProduct } from "@/lib/catalog/get-product";
import { deleteProduct } from "@/lib/catalog/set-product-deleted";
import { updateProduct } from "@/lib/catalog/update-product";
import { json, readJson } from "@/lib/http";
import { authed, unsupported } from "../../_lib/route";

type Params = { sku: string };

export const GET = authed<Params>(async ({ actor, params }) => json(await getProduct(actor, params.sku)));

export const PATCH = authed<Params>(async ({ req, actor, params }) => json(await updateProduct(actor, params.sku, await readJson(req))));

export const DELETE = authed<Params>(async ({ actor, params }) => json(await deleteProduct(actor, params.sku)));

export const { POST, PUT, OPTIONS } = unsupported(["GET", "PATCH", "DELETE"]);
