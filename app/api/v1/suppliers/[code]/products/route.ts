// PUT /api/v1/suppliers/{code}/products: add or update what the supplier sells us for one product
// (the product is named in the body, by SKU or barcode).
import { apiRoute, json, readJson } from "@/lib/http";
import { setSupplierProduct } from "@/lib/purchasing/suppliers";
import { unsupported } from "../../../_lib/route";

export const PUT = apiRoute<{ code: string }>(async ({ req, actor, params }) => json(await setSupplierProduct(actor, params.code, await readJson(req))));

export const { GET, POST, PATCH, DELETE, OPTIONS } = unsupported(["PUT"]);
