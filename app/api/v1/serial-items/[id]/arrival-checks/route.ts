// POST /api/v1/serial-items/{id}/arrival-checks: stamp the next arrival check (1, then 2) → 200 with
// the item. No body.
import { apiRoute, json } from "@/lib/http";
import { checkArrival } from "@/lib/serials/items";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => json(await checkArrival(actor, params.id)));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
