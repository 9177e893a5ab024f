// One signed HTTP POST to a webhook endpoint, through the SSRF guard (url-guard.ts): the host is
// resolved and checked, and the socket connects to a checked address. Redirects are not followed
// (a 3xx is a failure, like any non-2xx). The response body is read and thrown away.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { signatureHeaders } from "./signing";
import { ForbiddenTargetError, guardedLookup, hostOf, resolveChecked, urlShapeProblem } from "./url-guard";

export type AttemptResult = { ok: boolean; statusCode: number | null; durationMs: number; error: string | null };

const MAX_ERROR = 500;

export async function sendWebhook(opts: { url: string; secret: string; id: string; body: string; timeoutMs: number }): Promise<AttemptResult> {
  const started = Date.now();
  const fail = (error: string, statusCode: number | null = null): AttemptResult => ({ ok: false, statusCode, durationMs: Date.now() - started, error: error.slice(0, MAX_ERROR) });
  const shape = urlShapeProblem(opts.url);
  if (shape) return fail(shape);
  const u = new URL(opts.url);
  const host = hostOf(u);
  try {
    // IP literals never reach the socket's lookup: check them here. Names are checked by the lookup.
    if (net.isIP(host)) await resolveChecked(host);
  } catch (e) {
    return fail((e as Error).message);
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "WMS-Webhooks/1.0",
    ...signatureHeaders(opts.secret, opts.id, timestamp, opts.body),
  };
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const done = (r: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = (u.protocol === "https:" ? https : http).request(
      u,
      { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(opts.body) }, lookup: guardedLookup, agent: false },
      (res) => {
        res.resume();
        res.on("end", () => {
          const code = res.statusCode ?? 0;
          done(code >= 200 && code < 300 ? { ok: true, statusCode: code, durationMs: Date.now() - started, error: null } : fail(`HTTP ${code}`, code));
        });
        res.on("error", (e) => done(fail(e.message, res.statusCode ?? null)));
      },
    );
    const timer = setTimeout(() => {
      done(fail(`No answer within ${opts.timeoutMs} ms.`));
      req.destroy();
    }, opts.timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => done(fail(e instanceof ForbiddenTargetError ? e.message : `${e.code ? `${e.code}: ` : ""}${e.message}`)));
    req.end(opts.body);
  });
}
