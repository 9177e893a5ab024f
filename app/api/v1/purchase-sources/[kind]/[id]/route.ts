// GET / DELETE /api/v1/purchase-sources/{kind}/{id}. DELETE → 204; 409 IN_USE while a serial item
// (deleted ones included) names the source.
import { apiRoute, json } from "@/lib/http";
import { deleteSource, getSource } from "@/lib/serials/sources";
import { unsupported } from "../../../_lib/route";

type Params = { kind: string; id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => json(await getSource(actor, params.kind, params.id)));

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  await deleteSource(actor, params.kind, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH, OPTIONS } = unsupported(["GET", "DELETE"]);
