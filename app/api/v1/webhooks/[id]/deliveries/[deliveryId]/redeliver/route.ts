// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver → 202: one more attempt with the same
// webhook-id, queued after commit.
import { apiRoute, json } from "@/lib/http";
import { redeliverWebhook } from "@/lib/webhooks/deliveries";
import { unsupported } from "../../../../../_lib/route";

export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ actor, params }) => json(await redeliverWebhook(actor, params.id, params.deliveryId), 202));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
