// GET / PATCH / DELETE /api/v1/webhooks/{id}. DELETE removes the endpoint with its delivery log (204).
import { apiRoute, json, readJson } from "@/lib/http";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { unsupported } from "../../_lib/route";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getWebhookEndpoint(actor, params.id)));

export const PATCH = apiRoute<Params>(async ({ req, actor, params }) => json(await updateWebhookEndpoint(actor, params.id, await readJson(req))));

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  await deleteWebhookEndpoint(actor, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = unsupported(["GET", "PATCH", "DELETE"]);
