// POST /api/v1/webhooks/{id}/rotate-secret → 200 with the new secret (shown this once).
import { apiRoute, json } from "@/lib/http";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints";
import { unsupported } from "../../../_lib/route";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => json(await rotateWebhookSecret(actor, params.id)));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = unsupported(["POST"]);
