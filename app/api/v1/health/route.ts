import { json, publicRoute } from "@/lib/http";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return json(health, { status: health.db === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});
