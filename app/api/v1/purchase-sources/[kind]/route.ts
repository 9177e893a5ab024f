// GET /api/v1/purchase-sources/{kind} (newest first, cursor-paginated) and POST (create → 201), for
// the kinds online_order, corporate_purchase and temporary_channel; purchase orders, the fourth
// kind, live under /purchase-orders (→ 404 here).
import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { createSource, listSources } from "@/lib/serials/sources";
import { unsupported } from "../../_lib/route";

type Params = { kind: string };

export const GET = apiRoute<Params>(async ({ req, actor, params }) => json(await listSources(actor, params.kind, queryOf(req))));

export const POST = apiRoute<Params>(async ({ req, actor, params }) => json(await createSource(actor, params.kind, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
