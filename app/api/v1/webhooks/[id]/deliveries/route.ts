// GET /api/v1/webhooks/{id}/deliveries: the delivery log, newest first (cursor-paginated; `status`).
import { apiRoute, json, queryOf } from "@/lib/http";
import { listWebhookDeliveries } from "@/lib/webhooks/deliveries";
import { unsupported } from "../../../_lib/route";

export const GET = apiRoute<{ id: string }>(async ({ req, actor, params }) => json(await listWebhookDeliveries(actor, params.id, queryOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
