// PUT /api/v1/suppliers/{code}/tolerance (purchase.settings: managers, admins): how much over an
// order line's quantity may be received from this supplier.
import { apiRoute, json, readJson } from "@/lib/http";
import { setSupplierTolerance } from "@/lib/purchasing/suppliers";
import { unsupported } from "../../../_lib/route";

export const PUT = apiRoute<{ code: string }>(async ({ req, actor, params }) => json(await setSupplierTolerance(actor, params.code, await readJson(req))));

export const { GET, POST, PATCH, DELETE, OPTIONS } = unsupported(["PUT"]);
