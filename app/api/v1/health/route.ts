import { actorFromBearer } from "@/lib/auth/access-token";
import { can } from "@/lib/auth/permissions";
import { json, publicRoute } from "@/lib/http";
import { checkHealth } from "@/lib/health";
import { unsupported } from "../_lib/route";

export const dynamic = "force-dynamic";

/**
 * Liveness for anyone (load balancers, the Docker healthcheck): `{"status"}`, 503 when the database
 * is down. The parts — database, Redis, outbox backlog, queue depths — only for a bearer of a user
 * who may administer (admin.access): they tell an outsider too much about the system.
 */
export const GET = publicRoute(async ({ req }) => {
  const health = await checkHealth();
  const status = health.db === "down" ? 503 : 200;
  const headers = { "Cache-Control": "no-store" };
  const actor = req.headers.get("authorization") ? await actorFromBearer(req.headers.get("authorization")).catch(() => null) : null;
  if (actor && can(actor.role, "admin.access")) return json(health, { status, headers });
  return json({ status: health.status }, { status, headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
