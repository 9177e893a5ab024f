// GET /api/v1/shipments/{number}: {number} is the delivery note's number with its slashes
// percent-encoded (`WH%2FDN%2F2026%2F00001`) or its id.
import { apiRoute, json } from "@/lib/http";
import { getShipment } from "@/lib/sales/shipping";
import { unsupported } from "../../_lib/route";

export const GET = apiRoute<{ number: string }>(async ({ actor, params }) => json(await getShipment(actor, params.number)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
