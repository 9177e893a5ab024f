import { apiRoute, json, queryOf, readJson } from "@/lib/http";
import { unsupported } from "../_lib/route";
import { postMovement } from "@/lib/stock/post-movement";
import { listMovements } from "@/lib/stock/queries";

export const GET = apiRoute(async ({ req, actor }) => json(await listMovements(actor, queryOf(req))));

export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  const { result, replayed } = await postMovement(actor, body, { idempotencyKey: req.headers.get("idempotency-key") });
  return json(result, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : undefined });
});

export const { PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET", "POST"]);
