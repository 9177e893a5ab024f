// GET /api/v1/webhooks (every endpoint, newest first) and POST /api/v1/webhooks (register → 201 with
// the signing secret, shown this once). Admins only (webhooks.manage). docs/webhooks.md.
import { apiRoute, json, readJson } from "@/lib/http";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { unsupported } from "../_lib/route";

export const GET = apiRoute(async ({ actor }) => json({ items: await listWebhookEndpoints(actor) }));

export const POST = apiRoute(async ({ req, actor }) => json(await createWebhookEndpoint(actor, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
