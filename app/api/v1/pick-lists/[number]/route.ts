// GET /api/v1/pick-lists/{number}: {number} is the list's number with its slashes percent-encoded
// (`WH%2FPICK%2F2026%2F00001`, as a SKU with a slash under /products) or its id.
import { apiRoute, json } from "@/lib/http";
import { getPickList } from "@/lib/sales/pick-lists";
import { unsupported } from "../../_lib/route";

export const GET = apiRoute<{ number: string }>(async ({ actor, params }) => json(await getPickList(actor, params.number)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
