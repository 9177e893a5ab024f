// GET (with the products it supplies) / PATCH / DELETE (soft) /api/v1/suppliers/{code}. DELETE
// answers 200 with the supplier, `deleted: true`; 409 IN_USE while a purchase order references it.
import { apiRoute, json, readJson } from "@/lib/http";
import { deleteSupplier, getSupplier, updateSupplier } from "@/lib/purchasing/suppliers";
import { unsupported } from "../../_lib/route";

type Params = { code: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getSupplier(actor, params.code)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updateSupplier(actor, params.code, await readJson(req))));

export const DELETE = apiRoute<Params>(async ({ actor, params }) => json(await deleteSupplier(actor, params.code)));

export const { POST, PUT, OPTIONS } = unsupported(["GET", "PATCH", "DELETE"]);
