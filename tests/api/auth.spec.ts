// POST /api/v1/auth/token and bearer authentication of the other endpoints.
import { expect, test } from "@playwright/test";
import { API, DEMO_PASSWORD, expectError, expectPage, issuePaths, rawJson, unique } from "./support";

const TOKEN = `${API}/auth/token`;

test.describe("POST /auth/token", () => {
  test("issues a bearer token for a demo user, in docs/api.md's shape, not cacheable", async ({ request }) => {
    const res = await request.post(TOKEN, { data: { email: "clerk@example.com", password: DEMO_PASSWORD } });
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["expiresAt", "token", "tokenType", "user"]);
    expect(body.tokenType).toBe("Bearer");
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(new Date(body.expiresAt).toISOString()).toBe(body.expiresAt);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    expect(Object.keys(body.user).sort()).toEqual(["email", "id", "role"]);
    expect(body.user).toMatchObject({ email: "clerk@example.com", role: "clerk" });
  });

  test("acceptance: clerk token → GET /products?limit=2 gives 2 items and a nextCursor", async ({ request }) => {
    const tokenRes = await request.post(TOKEN, { data: { email: "clerk@example.com", password: DEMO_PASSWORD } });
    const { token } = await tokenRes.json();
    const page = await expectPage<{ sku: string }>(await request.get(`${API}/products?limit=2`, { headers: { Authorization: `Bearer ${token}` } }));
    expect(page.items).toHaveLength(2);
    expect(typeof page.nextCursor).toBe("string");
  });

  test("email is matched case-insensitively and trimmed", async ({ request }) => {
    const res = await request.post(TOKEN, { data: { email: "  Viewer@Example.COM ", password: DEMO_PASSWORD } });
    expect(res.status()).toBe(200);
    expect((await res.json()).user.role).toBe("viewer");
  });

  test("wrong password or unknown user → 401 INVALID_CREDENTIALS, the same answer for both", async ({ request }) => {
    const wrong = await request.post(TOKEN, { data: { email: "approver@example.com", password: "not-the-password" } });
    const e1 = await expectError(wrong, 401, "INVALID_CREDENTIALS");
    const unknown = await request.post(TOKEN, { data: { email: `${unique("nobody").toLowerCase()}@example.test`, password: "x" } });
    const e2 = await expectError(unknown, 401, "INVALID_CREDENTIALS");
    expect(e2.message).toBe(e1.message);
    expect(wrong.headers()["cache-control"]).toBe("no-store");
    // A successful login clears approver's failure count again.
    expect((await request.post(TOKEN, { data: { email: "approver@example.com", password: DEMO_PASSWORD } })).status()).toBe(200);
  });

  test("invalid body → 422 VALIDATION_FAILED with issue paths", async ({ request }) => {
    const e = await expectError(await request.post(TOKEN, { data: { email: "not-an-email" } }), 422, "VALIDATION_FAILED");
    expect(issuePaths(e).sort()).toEqual(["email", "password"]);
  });

  test("unparseable JSON → 400 BAD_REQUEST", async ({ request }) => {
    await expectError(await request.post(TOKEN, rawJson('{"email": "clerk@example.com",')), 400, "BAD_REQUEST");
  });

  test("the 11th failed attempt for one email within a minute → 429 RATE_LIMITED with Retry-After", async ({ request }) => {
    const email = `${unique("rl").toLowerCase()}@example.test`;
    for (let i = 1; i <= 10; i++) {
      await expectError(await request.post(TOKEN, { data: { email, password: `wrong-${i}` } }), 401, "INVALID_CREDENTIALS");
    }
    const res = await request.post(TOKEN, { data: { email, password: "wrong-11" } });
    const e = await expectError(res, 429, "RATE_LIMITED");
    const retryAfter = Number(res.headers()["retry-after"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(e.details?.retryAfter).toBe(retryAfter);
  });

  test("a made-up X-Forwarded-For per attempt does not get round the limit", async ({ request }) => {
    // next start passes a client-sent X-Forwarded-For through unchanged; without TRUST_PROXY it is ignored.
    const email = `${unique("spoof").toLowerCase()}@example.test`;
    for (let i = 1; i <= 10; i++) {
      const res = await request.post(TOKEN, { data: { email, password: "wrong" }, headers: { "X-Forwarded-For": `203.0.113.${i}`, "X-Real-IP": `198.51.100.${i}` } });
      await expectError(res, 401, "INVALID_CREDENTIALS");
    }
    const res = await request.post(TOKEN, { data: { email, password: "wrong" }, headers: { "X-Forwarded-For": "203.0.113.99" } });
    await expectError(res, 429, "RATE_LIMITED");
    expect(res.headers()["retry-after"]).toMatch(/^\d+$/);
  });
});

test.describe("bearer authentication", () => {
  const endpoints: [string, string][] = [
    ["GET", `${API}/products`],
    ["POST", `${API}/products`],
    ["GET", `${API}/products/SKU-00001`],
    ["PATCH", `${API}/products/SKU-00001`],
    ["DELETE", `${API}/products/SKU-00001`],
    ["POST", `${API}/products/SKU-00001/restore`],
    ["GET", `${API}/locations`],
    ["POST", `${API}/locations`],
    ["GET", `${API}/locations/A-01-01`],
    ["PATCH", `${API}/locations/A-01-01`],
    ["GET", `${API}/warehouses`],
  ];
  const badHeaders: [string, Record<string, string>][] = [
    ["no Authorization header", {}],
    ["a garbage token", { Authorization: "Bearer garbage" }],
    ["a well-formed JWT signed with another key", { Authorization: `Bearer ${forgedJwt()}` }],
    ["another scheme", { Authorization: "Basic Y2xlcmtAZXhhbXBsZS5jb206ZGVtby1wYXNzd29yZA==" }],
  ];

  for (const [what, headers] of badHeaders) {
    test(`${what} → 401 UNAUTHENTICATED on every protected endpoint`, async ({ request }) => {
      for (const [method, url] of endpoints) {
        const res = await request.fetch(url, { method, headers, data: method === "GET" || method === "DELETE" ? undefined : {} });
        await expectError(res, 401, "UNAUTHENTICATED");
        expect(res.headers()["cache-control"], `${method} ${url}`).toBe("no-store");
      }
    });
  }
});

/** An HS256 JWT with a plausible payload, signed with a key the server does not have. */
function forgedJwt(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const header = b64({ alg: "HS256", typ: "JWT" });
  const payload = b64({ sub: "00000000-0000-7000-8000-000000000000", role: "admin", aud: "wms-api", exp: Math.floor(Date.now() / 1000) + 3600 });
  return `${header}.${payload}.${Buffer.from("not-the-signature").toString("base64url")}`;
}
