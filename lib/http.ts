// The wrapper every /api/v1 route handler uses: bearer auth, JSON body limits, query parsing,
// and one mapping of errors to the API's error shape. Handlers stay a few lines.
// Errors are logged: domain errors (AppError) at warn with their code, anything else at error with
// its stack. Under `next dev` (no scripts/web-server.ts in front) the wrapper also opens the request
// context, echoes X-Request-Id, writes the access line and the HTTP metrics (docs/observability.md).
import type { z } from "zod";
import { actorFromBearer, assertScopeAllows } from "./auth/access-token";
import type { Actor } from "./auth/permissions";
import { AppError, fromDatabaseError } from "./errors";
import { log } from "./log";
import { recordRequest } from "./metrics/registry";
import { routeOf } from "./metrics/routes";
import { REQUEST_ID_HEADER, requestContext, requestIdFrom } from "./request-context";
import { assertSafeText, unsafeTextIssues } from "./validation";

export const MAX_BODY_BYTES = 1024 * 1024;

type Ctx<P> = { req: Request; params: P; actor: Actor };
type PublicCtx<P> = { req: Request; params: P };

export function json(data: unknown, init: number | ResponseInit = 200): Response {
  const opts = typeof init === "number" ? { status: init } : init;
  return Response.json(data, opts);
}

export function errorResponse(e: unknown, req?: Request): Response {
  const err = fromDatabaseError(e);
  if (err instanceof AppError) {
    const headers = new Headers();
    if (err.code === "RATE_LIMITED" && typeof err.details?.retryAfter === "number") headers.set("Retry-After", String(err.details.retryAfter));
    log.warn("request refused", { code: err.code, status: err.status, method: req?.method, path: pathOf(req) });
    return Response.json(err.toJSON(), { status: err.status, headers });
  }
  log.error("unexpected error in API route", { err, method: req?.method, path: pathOf(req) });
  return Response.json({ error: { code: "INTERNAL", message: "An unexpected error occurred." } }, { status: 500 });
}

function pathOf(req: Request | undefined): string | undefined {
  if (!req) return undefined;
  const q = req.url.indexOf("?");
  const full = q < 0 ? req.url : req.url.slice(0, q);
  return full.replace(/^[a-z]+:\/\/[^/]*/i, "");
}

/**
 * Runs a handler in a request context. scripts/web-server.ts opens one for every request; without it
 * (`next dev`, plain `next start`) the API routes open their own here, with the access line and metrics.
 */
function inRequestContext(req: Request, run: () => Promise<Response>): Promise<Response> {
  if (requestContext.getStore()) return run();
  const reqId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  const started = performance.now();
  return requestContext.run({ reqId }, async () => {
    const res = await run();
    res.headers.set(REQUEST_ID_HEADER, reqId);
    const path = pathOf(req) ?? "";
    recordRequest({ method: req.method, route: routeOf(path), path, status: res.status, seconds: (performance.now() - started) / 1000 });
    return res;
  });
}

/** API answers are per user and change with every movement: not cacheable unless a handler says so. */
function noStoreUnlessSet(res: Response): Response {
  if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
  return res;
}

/** An authenticated route: resolves the bearer token to an actor before calling the handler. */
export function apiRoute<P = Record<string, string>>(handler: (ctx: Ctx<P>) => Promise<Response>) {
  return (req: Request, context: { params: Promise<P> }): Promise<Response> =>
    inRequestContext(req, async () => {
      try {
        const actor = await actorFromBearer(req.headers.get("authorization"));
        assertScopeAllows(actor, req.method);
        const params = await context.params;
        assertParamsNameSomething(params);
        return noStoreUnlessSet(await handler({ req, params, actor }));
      } catch (e) {
        return noStoreUnlessSet(errorResponse(e, req));
      }
    });
}

/** A route without authentication (token issue, health, OpenAPI). */
export function publicRoute<P = Record<string, string>>(handler: (ctx: PublicCtx<P>) => Promise<Response>) {
  return (req: Request, context: { params: Promise<P> }): Promise<Response> =>
    inRequestContext(req, async () => {
      try {
        const params = await context.params;
        assertParamsNameSomething(params);
        return noStoreUnlessSet(await handler({ req, params }));
      } catch (e) {
        return noStoreUnlessSet(errorResponse(e, req));
      }
    });
}

/**
 * JSON content types: `application/json` (any parameters, e.g. charset) and `application/*+json`.
 * No content type at all is taken as JSON too (a client that sends a body without saying what it is).
 */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null || contentType.trim() === "") return true;
  const media = contentType.split(";")[0].trim().toLowerCase();
  return media === "application/json" || /^application\/[a-z0-9!#$&^_.-]+\+json$/.test(media);
}

type NodeReadable = { on(ev: string, fn: (arg?: unknown) => void): unknown; off(ev: string, fn: (arg?: unknown) => void): unknown; resume(): unknown };

/**
 * Reads at most `limit` bytes of a body — a web ReadableStream (Next's requests) or a Node request
 * (scripts/web-server.ts's fast path) — and returns them, or null as soon as the body passes the
 * limit. It stops reading there, so an oversized body (chunked, without Content-Length) is never
 * buffered: a Node request is switched to discarding the rest; a web stream is left unread (it
 * pulls from the request only when read, and cancelling it would close the connection before the
 * 413 is written).
 */
export async function readLimited(body: AsyncIterable<Uint8Array> | NodeReadable | null | undefined, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if ("on" in body && typeof body.on === "function") {
    const node = body as NodeReadable;
    const ok = await new Promise<boolean>((resolve, reject) => {
      const cleanup = () => {
        node.off("data", onData);
        node.off("end", onEnd);
        node.off("error", onError);
      };
      const done = (result: boolean) => {
        cleanup();
        resolve(result);
      };
      const onData = (c: unknown) => {
        size += (c as Uint8Array).byteLength;
        if (size > limit) {
          done(false);
          node.resume(); // flowing without a listener: the rest is discarded as it arrives
        } else chunks.push(c as Uint8Array);
      };
      const onEnd = () => done(true);
      const onError = (e: unknown) => {
        cleanup();
        reject(e);
      };
      node.on("data", onData);
      node.on("end", onEnd);
      node.on("error", onError);
    });
    if (!ok) return null;
  } else {
    // Iterated by hand: leaving a for-await early would cancel the stream.
    const it = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    for (;;) {
      const { done, value } = await it.next();
      if (done) break;
      size += value.byteLength;
      if (size > limit) return null;
      chunks.push(value);
    }
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Reads the JSON body of an /api/v1 request — the one body reader of the API (Next's routes and
 * the movement fast path of scripts/web-server.ts alike): 415 for a content type other than JSON,
 * 413 over 1 MiB (declared, or counted while the body streams in), 400 when unparseable, 422 when
 * it holds text PostgreSQL cannot store (NUL, lone surrogates; lib/validation.ts). Validation of
 * the shape is the domain's job.
 */
export async function readJson(req: Request): Promise<unknown> {
  if (!isJsonContentType(req.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).", { contentType: req.headers.get("content-type") });
  }
  const declared = Number(req.headers.get("content-length") || 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const buf = await readLimited(req.body as unknown as AsyncIterable<Uint8Array> | NodeReadable | null, MAX_BODY_BYTES);
  if (!buf) throw tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(buf));
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  assertSafeText(body);
  return body;
}

export function tooLarge() {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { limit: MAX_BODY_BYTES });
}

/** Query string as an object; repeated keys become arrays. Pass it to the domain's list schema. */
export function queryOf(req: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  assertSafeText(out);
  return out;
}

/**
 * Path parameters with text PostgreSQL cannot store (NUL): 400, as scripts/web-server.ts answers
 * such paths in production before Next routes them (this covers `next dev` and plain `next start`).
 */
function assertParamsNameSomething(params: unknown): void {
  if (params && typeof params === "object" && unsafeTextIssues(params).length) throw badPath();
}

export function badPath() {
  return new AppError("BAD_REQUEST", "The request path is not valid: it must be percent-encoded UTF-8 without NUL characters.");
}

export type { z };
