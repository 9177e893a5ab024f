import { json, publicRoute } from "@/lib/http";
import { checkHealth } from "@/lib/health";
import { unsupported } from "../_lib/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return json(health, { status: health.db === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = unsupported(["GET"]);
