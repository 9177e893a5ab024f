// POST /api/v1/webhooks/{id}/ping → 202: a `webhook.ping` test event, delivered like any other.
import { apiRoute, json } from "@/lib/http";
import { pingWebhook } from "@/lib/webhooks/deliveries";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => json(await pingWebhook(actor, params.id), 202));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
