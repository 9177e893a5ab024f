// GET / PATCH / DELETE (soft) /api/v1/customers/{code}. DELETE answers 200 with the customer,
// `deleted: true`; 409 IN_USE while it has orders still to ship (or drafts).
import { apiRoute, json, readJson } from "@/lib/http";
import { deleteCustomer, getCustomer, updateCustomer } from "@/lib/sales/customers";
import { unsupported } from "../../_lib/route";

type Params = { code: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getCustomer(actor, params.code)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updateCustomer(actor, params.code, await readJson(req))));

export const DELETE = apiRoute<Params>(async ({ actor, params }) => json(await deleteCustomer(actor, params.code)));

export const { POST, PUT, OPTIONS } = unsupported(["GET", "PATCH", "DELETE"]);
