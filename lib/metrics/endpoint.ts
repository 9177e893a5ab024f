// GET /metrics, protected by `Authorization: Bearer $METRICS_TOKEN` (docs/observability.md): the web
// port (scripts/web-server.ts; app/metrics/route.ts under `next dev`) and the worker's metrics port
// (jobs/metrics-server.ts) answer through this one function. METRICS_TOKEN unset → metrics are off
// and the path answers 404 as any unknown one; a missing or wrong token → 401 in the API error shape.
import crypto from "node:crypto";
import { AppError } from "../errors";

export type MetricsAnswer = { status: number; headers: Record<string, string>; body: string };

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

/** Constant-time: both sides are hashed to the same length first, so nothing leaks the token's length either. */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return crypto.timingSafeEqual(digest(m ? m[1] : ""), digest(token)) && !!m;
}

function errorAnswer(e: AppError, extra: Record<string, string> = {}): MetricsAnswer {
  const status = e.code === "NOT_FOUND" ? 404 : 401;
  return { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...extra }, body: JSON.stringify(e.toJSON()) };
}

/** Checks the token, then renders the metrics (`render` is the local registry or the cluster's aggregate). */
export async function metricsAnswer(authorization: string | null | undefined, render: () => Promise<{ contentType: string; text: string }>): Promise<MetricsAnswer> {
  const token = process.env.METRICS_TOKEN;
  if (!token) return errorAnswer(new AppError("NOT_FOUND", "Not found."));
  if (!bearerMatches(authorization, token)) {
    return errorAnswer(new AppError("UNAUTHENTICATED", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>."), { "www-authenticate": 'Bearer realm="metrics"' });
  }
  try {
    const { contentType, text } = await render();
    return { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" }, body: text };
  } catch (e) {
    return { status: 503, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify({ error: { code: "UNAVAILABLE", message: `Metrics could not be collected: ${(e as Error).message}` } }) };
  }
}
