// GET /api/v1/products (list, cursor-paginated) and POST /api/v1/products (create → 201).
import { createProduct } from "@/lib/catalog/create-product";
import { listProducts } from "@/lib/catalog/list-products";
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listProducts(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createProduct(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
