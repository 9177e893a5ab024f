// GET /api/v1/customers (list by code, cursor-paginated; `q` matches code or name) and
// POST /api/v1/customers (create → 201).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createCustomer, listCustomers } from "@/lib/sales/customers";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ req, actor }) => json(await listCustomers(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => json(await createCustomer(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
