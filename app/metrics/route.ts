// GET /metrics where scripts/web-server.ts does not answer it first: `next dev`, and `npm start`
// with WEB_FAST_PATH=0 (plain `next start` workers, each answering its own registry, not the
// cluster's). Same token and answers as everywhere (lib/metrics/endpoint.ts, docs/observability.md).
import { metricsAnswer } from "@/lib/metrics/endpoint";
import { registry } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const a = await metricsAnswer(req.headers.get("authorization"), async () => ({ contentType: registry.contentType, text: await registry.metrics() }));
  return new Response(a.body, { status: a.status, headers: a.headers });
}
