// GET /api/v1/suppliers (list by code, cursor-paginated) and POST /api/v1/suppliers (create → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createSupplier, listSuppliers } from "@/lib/purchasing/suppliers";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listSuppliers(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createSupplier(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
