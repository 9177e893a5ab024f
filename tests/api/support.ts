// Helpers for the API specs (Playwright `request` fixture, no browser): demo-user tokens, the error
// shape, unique names per run.
import http from "node:http";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

export const API = "/api/v1";
export const DEMO_PASSWORD = "demo-password";
export type Role = "admin" | "manager" | "clerk" | "purchaser" | "approver" | "viewer";

/** The product fields docs/api.md promises, exactly; `deletedAt` is our documented extension. */
export const PRODUCT_FIELDS = ["id", "sku", "name", "barcode", "category", "spec", "unit", "minStock", "safetyStock", "price", "inStock", "onHand", "tracking"];
export const LOCATION_FIELDS = ["id", "code", "name", "kind", "capacity", "barcode", "active", "warehouse"];

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
let counter = 0;
/** A name unique to this run and call: `API-<run>-<n>`. */
export function unique(prefix = "API"): string {
  counter += 1;
  return `${prefix}-${run}-${counter}`;
}

const tokens = new Map<Role, string>();

/** A bearer token for the demo user of `role` (cached for the worker). */
export async function tokenFor(request: APIRequestContext, role: Role): Promise<string> {
  const cached = tokens.get(role);
  if (cached) return cached;
  const res = await request.post(`${API}/auth/token`, { data: { email: `${role}@example.com`, password: DEMO_PASSWORD } });
  expect(res.status(), `token for ${role}: ${await res.text()}`).toBe(200);
  const token = ((await res.json()) as { token: string }).token;
  tokens.set(role, token);
  return token;
}

export async function as(request: APIRequestContext, role: Role): Promise<{ headers: Record<string, string> }> {
  return { headers: { Authorization: `Bearer ${await tokenFor(request, role)}` } };
}

/** A request as `role` (a demo user) to `${API}${path}`; `data` is sent as JSON. */
export async function call(request: APIRequestContext, role: Role, method: string, path: string, data?: unknown, headers: Record<string, string> = {}): Promise<APIResponse> {
  const auth = await as(request, role);
  return request.fetch(`${API}${path}`, { method, headers: { ...auth.headers, ...headers }, data });
}

export type Json = Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Asserts the status and returns the JSON body ({} when there is none). */
export async function expectStatus(res: APIResponse, status: number): Promise<Json> {
  const text = await res.text();
  expect(res.status(), `${res.url()} → ${text}`).toBe(status);
  return text ? (JSON.parse(text) as Json) : {};
}

type ErrorBody = { error: { code: string; message: string; messageKey?: string; params?: Record<string, unknown>; details?: Record<string, unknown> } };

/** The fields an error object may have (docs/api.md "Errors"). */
export const ERROR_KEYS = ["code", "message", "messageKey", "params", "details"];

/** Asserts the status and the API's error shape (and no stack trace); returns the error. */
export async function expectError(res: APIResponse, status: number, code: string): Promise<ErrorBody["error"]> {
  const text = await res.text();
  expect(res.status(), `${res.url()} → ${text}`).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const k of Object.keys(body.error)) expect(ERROR_KEYS).toContain(k);
  if (body.error.details !== undefined) expect(typeof body.error.details).toBe("object");
  // The message said by key (docs/api.md "Errors"): a key with its values, never one without the other's shape.
  if (body.error.messageKey !== undefined) expect(body.error.messageKey).toMatch(/^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/);
  if (body.error.params !== undefined) {
    expect(body.error.messageKey).toBeDefined();
    expect(typeof body.error.params).toBe("object");
  }
  expect(text).not.toMatch(/\bat .+\.(js|ts):\d+|"stack"/);
  return body.error;
}

/** The `path`s of a VALIDATION_FAILED error's `details.issues`. */
export function issuePaths(error: ErrorBody["error"]): string[] {
  const issues = error.details?.issues as { path: string; message: string }[] | undefined;
  expect(Array.isArray(issues), "details.issues is an array").toBe(true);
  for (const i of issues!) {
    expect(typeof i.path).toBe("string");
    expect(typeof i.message).toBe("string");
  }
  return issues!.map((i) => i.path);
}

/**
 * Request options sending `body` byte for byte as `application/json`. (Playwright JSON-encodes a
 * string `data` when the content type is JSON, so `{ data: "{" }` would arrive as the valid `"{"`.)
 */
export function rawJson(body: string, headers: Record<string, string> = {}) {
  return { headers: { ...headers, "Content-Type": "application/json" }, data: Buffer.from(body, "utf8") };
}

export type Page<T> = { items: T[]; nextCursor: string | null };

export async function expectPage<T>(res: APIResponse): Promise<Page<T>> {
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as Page<T>;
  expect(Object.keys(body).sort()).toEqual(["items", "nextCursor"]);
  expect(Array.isArray(body.items)).toBe(true);
  expect(body.nextCursor === null || typeof body.nextCursor === "string").toBe(true);
  return body;
}

/**
 * Sends a body of `total` bytes chunked (no Content-Length), as a hostile client would: `start`,
 * then 64 KiB of spaces about every millisecond, yielding between chunks so the answer is seen as
 * soon as it arrives, and stopping there. `sentAtResponse` is how much had been sent by then.
 */
export function chunkedSend(
  baseURL: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; start: string; total: number },
): Promise<{ status: number; body: string; sentAtResponse: number }> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let sentAtResponse = -1;
    const headers = { "content-type": "application/json", ...opts.headers };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: opts.method ?? "POST", headers }, (res) => {
      sentAtResponse = sent;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sentAtResponse });
        req.destroy(); // the rest of the body is never sent
      });
    });
    req.on("error", (e) => (sentAtResponse >= 0 ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, " ");
    const pump = () => {
      if (sentAtResponse >= 0 || req.destroyed) return;
      if (sent >= opts.total) return void req.end();
      sent += chunk.length;
      if (req.write(chunk)) setTimeout(pump, 1);
      else req.once("drain", () => setTimeout(pump, 1));
    };
    req.write(opts.start);
    pump();
  });
}
