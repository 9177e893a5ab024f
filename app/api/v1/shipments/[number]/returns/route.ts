// /api/v1/shipments/{number}/returns (docs/api.md "Customer returns"): GET lists a shipment's
// returns and what may still come back; POST records goods a customer sent back (201, idempotent
// with an Idempotency-Key: a replay answers the first result with `Idempotent-Replayed: true`).
import { apiRoute, json, readJson } from "@/lib/http";
import { listReturnsOfShipment, returnShipment } from "@/lib/sales/returns";
import { unsupported } from "../../../_lib/route";

export const GET = apiRoute<{ number: string }>(async ({ actor, params }) => json(await listReturnsOfShipment(actor, params.number)));

export const POST = apiRoute<{ number: string }>(async ({ req, actor, params }) => {
  const { result, replayed } = await returnShipment(actor, params.number, await readJson(req), { idempotencyKey: req.headers.get("idempotency-key") });
  return json(result, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : undefined });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
